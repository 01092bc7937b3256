import type { CorrectionRequest, FirstDayCall, FirstDayCallsItem, FirstDayReport, FirstDayStudent } from '../../../protocol';
import { atLocalTime, localDate } from '../calendar/local-time';
import { derivedFor } from '../school/derived';
import type { SchoolState } from '../school/state';
import { sessionOpensAt } from './attendance';
import { contactsOf } from './first-day-calls';

const MINUTE = 60_000;

/** Who made a call, as the timetable knows them (`JSM`); their id when not on the staff list. */
const staffCode = (state: SchoolState, staffId: string) => state.staff.get(staffId)?.code ?? staffId;

/** The instant a local time occurs on a local date (noon UTC falls on that date in the school's timezone). */
const on = (state: SchoolState, date: string, hhmm: string) => atLocalTime(Date.parse(`${date}T12:00:00Z`), hhmm, state.timezone);

/** When the AM register closes on a date, or null on a day with no sessions. Asked on every event (for the next wake-up), so kept until reference data changes. */
export function amClosesAt(state: SchoolState, date: string): number | null {
	return derivedFor(state, 'school', `am closes ${date}`, () => {
		const opens = sessionOpensAt(state, date, 'AM');
		return opens === undefined ? null : on(state, date, opens) + state.settings.sessionCloseMinutes * MINUTE;
	});
}

export const callsByAt = (state: SchoolState, date: string): number =>
	derivedFor(state, 'school', `calls by ${date}`, () => on(state, date, state.settings.firstDayCallsBy));

/** The AM mark is missing or `N` (no reason yet): somebody has to ring home. */
function unexplained(state: SchoolState, date: string, studentId: string): boolean {
	const mark = state.sessionMarks.get(date)?.get(studentId)?.AM;
	return mark === undefined || mark.code === 'N';
}

function callsOf(state: SchoolState, date: string, studentId: string): FirstDayCall[] {
	const contacts = contactsOf(state, studentId);
	return (state.firstDayCalls.get(date)?.get(studentId) ?? []).map((c) => ({
		callId: c.callId,
		at: c.occurredAt,
		contactIndex: c.contactIndex,
		relationship: contacts[c.contactIndex]?.relationship ?? 'contact no longer listed',
		outcome: c.outcome,
		reason: c.reason ?? null,
		by: staffCode(state, c.by)
	}));
}

function studentOnList(state: SchoolState, date: string, studentId: string, pastCallsBy: boolean): FirstDayStudent | null {
	const student = state.students.get(studentId);
	if (!student) return null;
	const contacts = contactsOf(state, studentId);
	const calls = callsOf(state, date, studentId);
	const reached = calls.some((c) => c.outcome === 'reached');
	// After a failed call the next contact by priority is offered; one reached ends the calling.
	const tried = new Set(calls.map((c) => c.contactIndex));
	const next = reached ? -1 : contacts.findIndex((_, i) => !tried.has(i));
	return {
		studentId,
		name: `${student.givenName} ${student.familyName}`,
		yearGroup: student.yearGroup,
		formGroup: student.formGroup,
		code: state.sessionMarks.get(date)?.get(studentId)?.AM?.code ?? null,
		contacts: contacts.length,
		relationships: contacts.map((c) => c.relationship),
		calls,
		reached,
		nextContactIndex: next < 0 ? null : next,
		nextRelationship: next < 0 ? null : (contacts[next]?.relationship ?? null),
		flagged: !reached && pastCallsBy
	};
}

const byUrgency = (a: FirstDayStudent, b: FirstDayStudent) =>
	Number(b.flagged) - Number(a.flagged) || a.yearGroup - b.yearGroup || a.formGroup.localeCompare(b.formGroup) || a.name.localeCompare(b.name);

/** Reasons families gave that the register does not show yet: listed until the AM mark changes from `N` or none. */
export function correctionRequests(state: SchoolState, upTo: string): CorrectionRequest[] {
	const out: CorrectionRequest[] = [];
	for (const [date, students] of state.firstDayCalls) {
		if (date > upTo) continue;
		for (const [studentId, calls] of students) {
			if (!unexplained(state, date, studentId)) continue;
			const student = state.students.get(studentId);
			for (const c of calls) {
				if (c.outcome !== 'reached' || !c.reason) continue;
				const name = student ? `${student.givenName} ${student.familyName}` : studentId;
				out.push({
					callId: c.callId,
					studentId,
					name,
					formGroup: student?.formGroup ?? '',
					date,
					session: 'AM',
					reason: c.reason,
					by: staffCode(state, c.by),
					at: c.occurredAt
				});
			}
		}
	}
	return out.sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));
}

/**
 * The first-day calling list of a date as it stands at `now`: empty until the AM register
 * closes, then every student on roll with no AM mark or `N`; those with nobody reached by the
 * school's `firstDayCallsBy` are flagged and come first.
 */
export function firstDayReport(state: SchoolState, date: string, now: number): FirstDayReport {
	const closes = amClosesAt(state, date);
	const callsBy = state.settings.firstDayCallsBy;
	const open = closes !== null && now >= closes;
	const toCall: FirstDayStudent[] = [];
	const reached: FirstDayStudent[] = [];
	if (open) {
		const pastCallsBy = now >= callsByAt(state, date);
		for (const studentId of state.students.keys()) {
			if (!unexplained(state, date, studentId)) continue;
			const entry = studentOnList(state, date, studentId, pastCallsBy);
			if (entry) (entry.reached ? reached : toCall).push(entry);
		}
	}
	const hhmm = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: state.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	return {
		date,
		closesAt: closes === null ? null : hhmm(closes),
		callsBy,
		open,
		toCall: toCall.sort(byUrgency),
		reached: reached.sort(byUrgency),
		corrections: correctionRequests(state, date)
	};
}

/**
 * How many students of a date `firstDayReport` would list to call: no AM mark or `N`, and nobody
 * reached. Derived from events alone (marks, calls, the roll), so kept until one touches the feed.
 */
function unreachedOn(state: SchoolState, date: string): number {
	return derivedFor(state, 'firstDayCalls', `unreached ${date}`, () => {
		const calls = state.firstDayCalls.get(date);
		let count = 0;
		for (const studentId of state.students.keys()) {
			if (!unexplained(state, date, studentId)) continue;
			if (!calls?.get(studentId)?.some((c) => c.outcome === 'reached')) count += 1;
		}
		return count;
	});
}

/** Today's count for the live page and the wall: how many are still to reach, how many past the school's time (as `firstDayReport` counts them). */
export function firstDayCallsView(state: SchoolState, now: number): FirstDayCallsItem[] {
	const date = localDate(now, state.timezone);
	const closes = amClosesAt(state, date);
	const open = closes !== null && now >= closes ? unreachedOn(state, date) : 0;
	const flagged = open > 0 && now >= callsByAt(state, date) ? open : 0;
	return [{ id: 'first-day', date, open, flagged }];
}

/** Instants at which today's list changes by itself: it opens, and its unreached are flagged. */
export function firstDayDeadlines(state: SchoolState, date: string): number[] {
	const closes = amClosesAt(state, date);
	return closes === null ? [] : [closes, callsByAt(state, date)];
}
