import type {
	AttendanceCode,
	CallOutcome,
	EvidenceEntry,
	EvidencePack,
	EvidencePeriod,
	EvidenceWeek,
	InterventionType,
	UnauthorisedCodeCounts
} from '../../../protocol';
import { addDays, mondayOf } from '../calendar/dates';
import { localMoment } from '../calendar/local-time';
import { schoolYearOf, termToDate, yearToDate } from '../calendar/terms';
import type { SchoolState } from '../school/state';
import { contactsOf } from './first-day-calls';
import { longDate } from './minutes-late-letters';
import { figuresOf } from './pa-figures';
import { interventionsOf, studentTally } from './pa-tracker';
import { persistenceOf } from './tally';

const CALL_OUTCOMES: Record<CallOutcome, string> = {
	reached: 'Reached',
	voicemail: 'Voicemail left',
	no_answer: 'No answer',
	wrong_number: 'Wrong number'
};

const INTERVENTIONS: Record<InterventionType, string> = {
	first_day_call: 'First-day call',
	letter_1: 'Letter 1',
	letter_2: 'Letter 2',
	letter_3: 'Letter 3',
	parental_meeting: 'Parental meeting',
	home_visit: 'Home visit',
	eha: 'Early Help Assessment',
	attendance_contract: 'Attendance contract',
	la_referral: 'Referral to the LA',
	fixed_penalty_request: 'Fixed-penalty request'
};

/** A member of staff as a formal record names them: `Mrs Priya Khan`; a user without a staff record by their display name. */
export function staffName(state: SchoolState, id: string): string {
	const user = state.access.users.get(id);
	const staff = state.staff.get(id) ?? (user?.staffId ? state.staff.get(user.staffId) : undefined);
	if (staff) return [staff.title, staff.givenName, staff.familyName].filter(Boolean).join(' ');
	return user?.displayName ?? id;
}

function period(state: SchoolState, studentId: string, from: string, to: string): EvidencePeriod {
	const tally = studentTally(state, studentId, from, to);
	return { from, to, figures: figuresOf(tally), persistence: persistenceOf(tally) };
}

/** Each week from the Monday `from` falls in: Monday to Friday's codes within the range, and the week's figures. */
export function evidenceWeeks(state: SchoolState, studentId: string, from: string, to: string): EvidenceWeek[] {
	const weeks: EvidenceWeek[] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
		const days = [0, 1, 2, 3, 4].map((n) => {
			const date = addDays(monday, n);
			const marks = date >= from && date <= to ? state.sessionMarks.get(date)?.get(studentId) : undefined;
			return { date, am: marks?.AM?.code ?? null, pm: marks?.PM?.code ?? null };
		});
		const sunday = addDays(monday, 6);
		weeks.push({ monday, days, figures: figuresOf(studentTally(state, studentId, monday < from ? from : monday, sunday < to ? sunday : to)) });
	}
	return weeks;
}

export function unauthorisedCodes(state: SchoolState, studentId: string, from: string, to: string): UnauthorisedCodeCounts {
	const counts: UnauthorisedCodeCounts = { N: 0, O: 0, G: 0, U: 0 };
	const count = (code: AttendanceCode | undefined) => {
		if (code === 'N' || code === 'O' || code === 'G' || code === 'U') counts[code] += 1;
	};
	for (let day = from; day <= to; day = addDays(day, 1)) {
		const marks = state.sessionMarks.get(day)?.get(studentId);
		count(marks?.AM?.code);
		count(marks?.PM?.code);
	}
	return counts;
}

type Draft = Omit<EvidenceEntry, 'callOutcome' | 'relationship' | 'reason' | 'interventionKind' | 'nextReviewOn' | 'impact'> & Partial<EvidenceEntry>;

const entry = (draft: Draft): EvidenceEntry => ({
	callOutcome: null,
	relationship: null,
	reason: null,
	interventionKind: null,
	nextReviewOn: null,
	impact: null,
	...draft
});

/**
 * Every call to the family, letter home, family told of a corrected mark and intervention from
 * `from` to `to`, oldest first; on the same day, dated interventions before what was timed, then
 * in the order logged. Calls carry the contact's relationship only: a pack leaves the school.
 */
export function chronology(state: SchoolState, studentId: string, from: string, to: string): EvidenceEntry[] {
	const moment = (iso: string) => {
		const { date, minute } = localMoment(Date.parse(iso), state.timezone);
		return { date, time: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}` };
	};
	const entries: EvidenceEntry[] = [];
	const contacts = contactsOf(state, studentId);
	for (const [date, students] of state.firstDayCalls) {
		if (date < from || date > to) continue;
		for (const call of students.get(studentId) ?? []) {
			entries.push(
				entry({
					id: call.callId,
					kind: 'call',
					date,
					time: moment(call.occurredAt).time,
					what: 'First-day call',
					staff: staffName(state, call.by),
					outcome: CALL_OUTCOMES[call.outcome],
					callOutcome: call.outcome,
					relationship: contacts[call.contactIndex]?.relationship ?? 'contact no longer listed',
					reason: call.reason ?? null
				})
			);
		}
	}
	for (const letter of state.lettersSent.get(studentId) ?? []) {
		const { date, time } = moment(letter.occurredAt);
		if (date < from || date > to) continue;
		const what = `Minutes-late letter for ${longDate(letter.from)} to ${longDate(letter.to)}`;
		entries.push(entry({ id: letter.letterId, kind: 'letter', date, time, what, staff: staffName(state, letter.by), outcome: 'Recorded as sent' }));
	}
	for (const day of state.parentsTold.values()) {
		const told = day.get(studentId);
		if (!told) continue;
		const { date, time } = moment(told.occurredAt);
		if (date < from || date > to) continue;
		const what = `Family told of corrected marks: ${told.what}`;
		entries.push(entry({ id: told.id, kind: 'parent_told', date, time, what, staff: staffName(state, told.by), outcome: 'Family told' }));
	}
	const logged = new Map((state.interventions.get(studentId) ?? []).map((e) => [e.interventionId, e]));
	for (const i of interventionsOf(state, studentId, to)) {
		if (i.date < from || i.date > to) continue;
		entries.push(
			entry({
				id: i.interventionId,
				kind: 'intervention',
				date: i.date,
				time: null,
				what: INTERVENTIONS[i.kind],
				staff: staffName(state, logged.get(i.interventionId)?.by ?? i.by),
				outcome: i.outcome,
				interventionKind: i.kind,
				nextReviewOn: i.nextReviewOn,
				impact: { before: i.before, after: i.after, afterComplete: i.afterComplete }
			})
		);
	}
	// A stable sort: calls, letters and the rest each come in the order they were logged.
	return entries.sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? ''));
}

export interface EvidenceRequest {
	studentId: string;
	/** Without it, the first day of the academic year `to` is in. */
	from?: string | undefined;
	/** Without it, the school's today. */
	to?: string | undefined;
	now: number;
	/** The name of the person producing the pack. */
	producedBy: string;
}

/**
 * One student's evidence pack for the Local Authority: who they are, their attendance over the
 * range, the term and the year to date, the weekly codes, the unauthorised codes that count, and
 * the chronology of what the school did. Null for a student the school does not have.
 */
export function evidencePack(state: SchoolState, request: EvidenceRequest): EvidencePack | null {
	const { studentId, now } = request;
	const student = state.students.get(studentId);
	if (!student) return null;
	const to = request.to ?? localMoment(now, state.timezone).date;
	const year = schoolYearOf(state.terms, to);
	const from = request.from ?? yearToDate(year, to).from;
	const term = termToDate(year, to);
	const yearSpan = yearToDate(year, to);
	const summary = {
		range: period(state, studentId, from, to),
		term: period(state, studentId, term.from, term.to),
		year: period(state, studentId, yearSpan.from, yearSpan.to)
	};
	const worst = [summary.term.persistence, summary.year.persistence];
	const notes = [
		'Lookout holds no UPN or date of birth: add them from the MIS before the pack is sent.',
		'U (late after the register closed) counts as an unauthorised absence, as national statistics count it.',
		'Calls name the contact’s relationship to the student; names and numbers stay with the school.'
	];
	if (year.source === 'fallback') notes.push('No terms.csv is loaded: terms are England’s usual dates from 1 September.');
	return {
		school: state.name,
		timezone: state.timezone,
		student: { studentId, name: `${student.familyName}, ${student.givenName}`, yearGroup: student.yearGroup, formGroup: student.formGroup },
		range: { from, to },
		producedAt: new Date(now).toISOString(),
		producedBy: request.producedBy,
		calendar: year.source,
		summary,
		persistence: worst.includes('severe') ? 'severe' : worst.includes('persistent') ? 'persistent' : null,
		unauthorisedCodes: unauthorisedCodes(state, studentId, from, to),
		weeks: evidenceWeeks(state, studentId, from, to),
		chronology: chronology(state, studentId, from, to),
		notes
	};
}
