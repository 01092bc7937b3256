import type { CorrectedStudent, CorrectionsReport, EventOf } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { studentRef } from '../school/refs';
import { getOrCreate, type SchoolState } from '../school/state';
import { csvTable } from './minutes-late-csv';
import { personName } from './minutes-late-letters';

/**
 * A second register for a session that gives a student another code corrects their mark: what
 * it replaced is kept, by the day the correction was made, so the family can be told.
 * Call before the new marks are applied.
 */
export function applyMarkCorrections(state: SchoolState, e: EventOf<'session:marked'>): void {
	const day = state.sessionMarks.get(e.date);
	if (!day) return;
	const changes = e.marks.flatMap((to) => {
		const from = day.get(to.studentId)?.[e.session];
		return from && from.code !== to.code ? [{ studentId: to.studentId, date: e.date, session: e.session, from, to, at: e.occurredAt, by: e.takenBy }] : [];
	});
	if (changes.length > 0) getOrCreate(state.markCorrections, localDate(Date.parse(e.occurredAt), state.timezone), () => []).push(...changes);
}

export function applyParentTold(state: SchoolState, e: EventOf<'attendance:parent-told'>): void {
	getOrCreate(state.parentsTold, e.date, () => new Map()).set(e.studentId, e);
}

const staffName = (state: SchoolState, id: string) => state.staff.get(id)?.code ?? id;

/**
 * The families to tell today that their child returns with a clean slate: every student whose
 * session mark was corrected on `date`, each correction from what it replaced to what it is now,
 * and whether the family has been told.
 */
export function correctionsReport(state: SchoolState, date: string): CorrectionsReport {
	const students = new Map<string, CorrectedStudent>();
	for (const change of state.markCorrections.get(date) ?? []) {
		let row = students.get(change.studentId);
		if (!row) {
			const told = state.parentsTold.get(date)?.get(change.studentId);
			row = {
				studentId: change.studentId,
				name: studentRef(state, change.studentId).name ?? change.studentId,
				formGroup: state.students.get(change.studentId)?.formGroup ?? '?',
				corrections: [],
				what: '',
				told: told ? { at: told.occurredAt, by: personName(state, told.by) } : null
			};
			students.set(change.studentId, row);
		}
		row.corrections.push({
			date: change.date,
			session: change.session,
			from: change.from.code,
			to: change.to.code,
			at: change.at,
			by: staffName(state, change.by)
		});
	}
	for (const row of students.values()) row.what = describe(row, date);
	return {
		school: state.name,
		date,
		timezone: state.timezone,
		students: [...students.values()].sort((a, b) => a.formGroup.localeCompare(b.formGroup) || a.name.localeCompare(b.name)),
		notes: ['Behaviour sanctions are not listed: Lookout records behaviour events but no sanction that can be cleared.']
	};
}

/** "AM mark N changed to /" for each correction; a session's marks corrected twice read first to last. */
function describe(row: CorrectedStudent, date: string): string {
	const bySession = new Map<string, { date: string; session: string; from: string; to: string }>();
	for (const c of row.corrections) {
		const key = `${c.date}|${c.session}`;
		const seen = bySession.get(key);
		bySession.set(key, seen ? { ...seen, to: c.to } : { date: c.date, session: c.session, from: c.from, to: c.to });
	}
	return (
		[...bySession.values()]
			.filter((c) => c.from !== c.to)
			.map((c) => `${c.date === date ? '' : `${c.date} `}${c.session} mark ${c.from} changed to ${c.to}`)
			.join('; ') || 'a mark corrected and then put back as it was'
	);
}

/** The list as a spreadsheet: one row per correction. */
export function correctionsCsv(report: CorrectionsReport): string {
	const rows = report.students.flatMap((s) =>
		s.corrections.map((c) => [s.studentId, s.name, s.formGroup, c.date, c.session, c.from, c.to, c.at, c.by, s.told?.at ?? '', s.told?.by ?? ''])
	);
	return csvTable(['student_id', 'name', 'form_group', 'session_date', 'session', 'from', 'to', 'corrected_at', 'corrected_by', 'told_at', 'told_by'], rows);
}
