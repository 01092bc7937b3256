import type { SuspensionReport, SuspensionRow } from '../../../protocol';
import type { SchoolState, SuspensionFact } from '../school/state';
import { parentsLetter, suspensionTemplate } from './letter';
import { decidedOn, notificationsOf } from './notifications';
import { provisionFrom } from './thresholds';
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

export function suspensionRow(state: SchoolState, f: SuspensionFact, today: string, body: string): SuspensionRow {
	const r = f.recorded;
	const nameOf = (id: string) => personName(state, id);
	const decided = decidedOn(state, f);
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
		provisionFrom: provisionFrom(f.halfDays, r.lunchtime),
		notifications: notificationsOf(state, f, today, nameOf),
		letter: parentsLetter(state, f, body, decided)
	};
}

/** The log of suspensions touching `from` to `to`, newest first, with each student's totals in the term and year of today (of `to` for a range without it). */
export function suspensionReport(state: SchoolState, range: { from: string; to: string; today: string }): SuspensionReport {
	const template = suspensionTemplate(state, (id) => personName(state, id));
	const suspensions = [...state.suspensions.values()]
		.filter((f) => touches(f, range.from, range.to))
		.sort((a, b) => b.recorded.starts.date.localeCompare(a.recorded.starts.date) || b.recorded.occurredAt.localeCompare(a.recorded.occurredAt))
		.map((f) => suspensionRow(state, f, range.today, template.body));
	const students = [...state.students.values()]
		.map((s) => ({ studentId: s.id, name: `${s.givenName} ${s.familyName}`, formGroup: s.formGroup }))
		.sort((a, b) => a.formGroup.localeCompare(b.formGroup, 'en', { numeric: true }) || a.name.localeCompare(b.name));
	return {
		school: state.schoolId,
		schoolName: state.name,
		from: range.from,
		to: range.to,
		today: range.today,
		suspensions,
		totals: suspensionTotals(state, range.today >= range.from && range.today <= range.to ? range.today : range.to),
		students,
		template
	};
}
