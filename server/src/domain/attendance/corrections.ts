import type { AttendanceCode, CorrectedStudent, CorrectionsReport, EventOf } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { studentRef } from '../school/refs';
import { getOrCreate, type MarkChange, type SchoolState } from '../school/state';
import { READINGS } from './readings';
import { csvTable } from './minutes-late-csv';
import { personName } from './minutes-late-letters';
import { byFormName } from '../school/form-order';

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

/** Who cleared a sanction: a member of staff's code, a person's name, or the id as sent. */
const clearedBy = (state: SchoolState, id: string) => state.staff.get(id)?.code ?? personName(state, id);

/** The longest `what` a told record can hold (`attendance:parent-told`). */
const MAX_WHAT = 500;

/**
 * The families to tell today that their child returns with a clean slate: every student whose
 * session mark was corrected or whose sanction (a Reflection Room booking) was cleared on
 * `date`, once each, with each correction from what it replaced to what it is now, each
 * sanction cleared and why, and whether the family has been told of all of it.
 */
export function correctionsReport(state: SchoolState, date: string): CorrectionsReport {
	const students = new Map<string, CorrectedStudent>();
	const rowOf = (studentId: string): CorrectedStudent =>
		getOrCreate(students, studentId, () => ({
			studentId,
			name: studentRef(state, studentId).name ?? studentId,
			formGroup: state.students.get(studentId)?.formGroup ?? '?',
			corrections: [],
			sanctions: [],
			what: '',
			told: null
		}));
	const changes = state.markCorrections.get(date) ?? [];
	const cleared = clearedSessions(changes);
	for (const change of changes) {
		if (!cleared.has(sessionKey(change))) continue;
		rowOf(change.studentId).corrections.push({
			date: change.date,
			session: change.session,
			from: change.from.code,
			to: change.to.code,
			at: change.at,
			by: staffName(state, change.by)
		});
	}
	for (const cleared of state.sanctionsCleared.get(date) ?? []) {
		const bookedOn = localDate(cleared.startsAt, state.timezone);
		const period = state.periods.find((p) => p.id === cleared.periodId)?.name ?? cleared.periodId;
		rowOf(cleared.studentId).sanctions.push({
			bookingId: cleared.bookingId,
			sanction: `Reflection Room booking for ${period} on ${shortDate(bookedOn)}`,
			date: bookedOn,
			periodId: cleared.periodId,
			roomId: cleared.roomId,
			bookedFor: cleared.bookedFor,
			reason: cleared.reason,
			at: cleared.at,
			by: clearedBy(state, cleared.by)
		});
	}
	for (const row of students.values()) {
		row.what = describe(row, date);
		const told = state.parentsTold.get(date)?.get(row.studentId);
		// Told of less than the list now holds (something more was corrected or cleared since): to tell again.
		row.told = told && told.what === row.what ? { at: told.occurredAt, by: personName(state, told.by) } : null;
	}
	return {
		school: state.name,
		date,
		timezone: state.timezone,
		students: [...students.values()].sort((a, b) => byFormName(a.formGroup, b.formGroup) || a.name.localeCompare(b.name)),
		notes: []
	};
}

const sessionKey = (c: MarkChange) => `${c.studentId}|${c.date}|${c.session}`;

/** How much a mark weighs on a family: unauthorised absence most, then authorised, then late. */
function weight(code: AttendanceCode): number {
	if (code === 'L') return 1;
	return { unauthorised: 3, authorised: 2, attended: 0, not_possible: 0 }[READINGS[code].statistical];
}

/**
 * The sessions whose marks, read from the first correction of the day to the last, now weigh
 * less than before (N to M, L to /): a clean slate to tell the family of. A mark made heavier
 * (N to O, a reason not accepted) is not a clean slate, and is left to the school's letters.
 */
function clearedSessions(changes: readonly MarkChange[]): Set<string> {
	const net = new Map<string, { from: AttendanceCode; to: AttendanceCode }>();
	for (const c of changes) {
		const seen = net.get(sessionKey(c));
		net.set(sessionKey(c), { from: seen?.from ?? c.from.code, to: c.to.code });
	}
	return new Set([...net].filter(([, c]) => weight(c.to) < weight(c.from)).map(([key]) => key));
}

/** `Thu 3 Dec`: a local date as the family is told it. */
function shortDate(date: string): string {
	return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).replace(',', '');
}

/**
 * "AM mark N changed to /" for each correction, a session's marks corrected twice read first to
 * last; then "Reflection Room booking for Period 3 on Thu 3 Dec cleared: <reason>" for each
 * sanction cleared. Cut to what a told record holds.
 */
function describe(row: CorrectedStudent, date: string): string {
	const marks = row.corrections.length > 0 ? [describeMarks(row, date)] : [];
	const line = [...marks, ...row.sanctions.map((s) => `${s.sanction} cleared: ${s.reason}`)].join('; ');
	return line.length <= MAX_WHAT ? line : `${line.slice(0, MAX_WHAT - 1)}…`;
}

function describeMarks(row: CorrectedStudent, date: string): string {
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

/** The list as a spreadsheet: one row per mark corrected, then one per sanction cleared. */
export function correctionsCsv(report: CorrectionsReport): string {
	const rows = report.students.flatMap((s) => {
		const told = [s.told?.at ?? '', s.told?.by ?? ''];
		return [
			...s.corrections.map((c) => [s.studentId, s.name, s.formGroup, 'mark', c.date, c.session, c.from, c.to, '', c.at, c.by, ...told]),
			...s.sanctions.map((c) => [s.studentId, s.name, s.formGroup, 'sanction', c.date, '', '', '', `${c.sanction} cleared: ${c.reason}`, c.at, c.by, ...told])
		];
	});
	return csvTable(
		[
			'student_id',
			'name',
			'form_group',
			'kind',
			'session_date',
			'session',
			'from',
			'to',
			'sanction_cleared',
			'corrected_at',
			'corrected_by',
			'told_at',
			'told_by'
		],
		rows
	);
}
