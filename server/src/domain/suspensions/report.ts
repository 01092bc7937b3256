import type { SuspensionReport, SuspensionRow } from '../../../protocol';
import type { SchoolState, SuspensionFact } from '../school/state';
import { localDate } from '../calendar/local-time';
import { suspensionRuns, type RunPlace } from './consecutive';
import { parentsLetter, suspensionTemplate } from './letter';
import { decidedOn, notificationsOf } from './notifications';
import { studentName, suspensionTotals } from './totals';

/** Who did something, as the desk shows it: the person's or member of staff's name when Lookout knows them. */
export function personName(state: SchoolState, id: string): string {
	const user = state.access.users.get(id);
	if (user) return user.displayName;
	const staff = state.staff.get(id);
	return staff ? `${staff.title ? `${staff.title} ` : ''}${staff.givenName} ${staff.familyName}` : id;
}

/** A suspension touches a range when any of its half days, or its start, falls in it. */
const touches = (f: SuspensionFact, from: string, to: string) =>
	(f.recorded.starts.date >= from && f.recorded.starts.date <= to) || f.halfDays.some((d) => d >= from && d <= to);

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The suspensions touching a range, newest first: what a report of it shows (cheap, so a route can count them before building it). */
export function suspensionsIn(state: SchoolState, range: { from: string; to: string }): SuspensionFact[] {
	return [...state.suspensions.values()]
		.filter((f) => touches(f, range.from, range.to))
		.sort((a, b) => byCode(b.recorded.starts.date, a.recorded.starts.date) || byCode(b.recorded.occurredAt, a.recorded.occurredAt));
}

/** Where each shown suspension stands in its student's runs of back-to-back suspensions (their other suspensions counted too). */
function runPlaces(state: SchoolState, shown: readonly SuspensionFact[]): Map<string, RunPlace> {
	const students = new Set(shown.map((f) => f.recorded.studentId));
	const byStudent = new Map<string, SuspensionFact[]>();
	for (const f of state.suspensions.values()) {
		if (!students.has(f.recorded.studentId)) continue;
		const own = byStudent.get(f.recorded.studentId);
		if (own) own.push(f);
		else byStudent.set(f.recorded.studentId, [f]);
	}
	const places = new Map<string, RunPlace>();
	for (const facts of byStudent.values()) for (const [id, place] of suspensionRuns(state.terms, facts).places) places.set(id, place);
	return places;
}

export function suspensionRow(state: SchoolState, f: SuspensionFact, today: string, body: string, place?: RunPlace): SuspensionRow {
	const r = f.recorded;
	const nameOf = (id: string) => personName(state, id);
	// A corrected letter is dated the day of the correction.
	const dated = f.changedAt ? localDate(Date.parse(f.changedAt), state.timezone) : decidedOn(state, f);
	const last = f.amendments.at(-1);
	const w = f.withdrawn;
	return {
		suspensionId: r.suspensionId,
		studentId: r.studentId,
		name: studentName(state, r.studentId),
		formGroup: state.students.get(r.studentId)?.formGroup ?? '',
		kind: r.kind,
		starts: r.starts,
		ends: f.halfDays.at(-1) ?? r.starts.date,
		sessions: r.sessions,
		lunchtime: r.lunchtime,
		days: f.halfDays.length / 2,
		reasons: r.reasons,
		decisionMaker: r.decisionMaker,
		notes: r.notes,
		missesPublicExam: r.missesPublicExam,
		recordedAt: r.occurredAt,
		recordedBy: nameOf(r.by),
		provisionFrom: place?.provisionFrom ?? null,
		runDays: w ? 0 : (place?.runDays ?? f.halfDays.length / 2),
		amended: last ? { at: last.occurredAt, by: nameOf(last.by), why: last.why, times: f.amendments.length } : null,
		withdrawn: w ? { at: w.occurredAt, by: nameOf(w.by), reason: w.reason, note: w.note } : null,
		notifications: notificationsOf(state, f, today, nameOf),
		letter: parentsLetter(state, f, body, dated)
	};
}

/** The log of suspensions touching `from` to `to`, newest first, with each student's totals in the term and year of today (of `to` for a range without it). */
export function suspensionReport(
	state: SchoolState,
	range: { from: string; to: string; today: string },
	shown = suspensionsIn(state, range)
): SuspensionReport {
	const template = suspensionTemplate(state, (id) => personName(state, id));
	const places = runPlaces(state, shown);
	const suspensions = shown.map((f) => suspensionRow(state, f, range.today, template.body, places.get(f.recorded.suspensionId)));
	return {
		school: state.schoolId,
		schoolName: state.name,
		from: range.from,
		to: range.to,
		today: range.today,
		suspensions,
		totals: suspensionTotals(state, range.today >= range.from && range.today <= range.to ? range.today : range.to),
		template
	};
}
