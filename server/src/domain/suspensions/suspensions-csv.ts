import type { NotifiedParty, SuspensionReport, SuspensionRow } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

type Cell = string | number | boolean | null;

const table = (header: readonly string[], rows: readonly (readonly Cell[])[]) =>
	[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

const told = (row: SuspensionRow, who: NotifiedParty) => row.notifications.find((n) => n.who === who);
const toldCells = (row: SuspensionRow, who: NotifiedParty): Cell[] => {
	const n = told(row, who);
	return [n?.due ?? null, n?.told?.at ?? null, n?.told?.how ?? null, n?.overdue ? 'Y' : 'N', n?.retell ? 'Y' : 'N'];
};

const status = (s: SuspensionRow) => (s.withdrawn ? 'withdrawn' : 'current');

/** The log as a spreadsheet: one row per suspension, its reasons as codes, each party told (and whether to tell again), corrections and withdrawal. */
export function suspensionsCsv(report: SuspensionReport): string {
	const parties: NotifiedParty[] = ['parents', 'local_authority', 'governors'];
	const header = [
		'suspension_id',
		'student_id',
		'student',
		'form',
		'kind',
		'start_date',
		'start_session',
		'end_date',
		'sessions',
		'lunchtime',
		'days',
		'reason_1',
		'reason_2',
		'reason_3',
		'decision_maker',
		'misses_public_exam',
		'provision_from',
		'notes',
		...parties.flatMap((p) => [`${p}_due`, `${p}_told_at`, `${p}_told_how`, `${p}_overdue`, `${p}_retell`]),
		'run_days',
		'status',
		'amended_at',
		'amended_by',
		'amended_times',
		'amended_why',
		'withdrawn_at',
		'withdrawn_by',
		'withdrawal_reason',
		'withdrawal_note'
	];
	return table(
		header,
		report.suspensions.map((s) => [
			s.suspensionId,
			s.studentId,
			s.name,
			s.formGroup,
			s.kind,
			s.starts.date,
			s.starts.session,
			s.ends,
			s.sessions,
			s.lunchtime ? 'Y' : 'N',
			s.days,
			s.reasons[0] ?? null,
			s.reasons[1] ?? null,
			s.reasons[2] ?? null,
			s.decisionMaker,
			s.missesPublicExam ? 'Y' : 'N',
			s.provisionFrom,
			s.notes,
			...parties.flatMap((p) => toldCells(s, p)),
			s.runDays,
			status(s),
			s.amended?.at ?? null,
			s.amended?.by ?? null,
			s.amended?.times ?? 0,
			s.amended?.why ?? null,
			s.withdrawn?.at ?? null,
			s.withdrawn?.by ?? null,
			s.withdrawn?.reason ?? null,
			s.withdrawn?.note ?? null
		])
	);
}

/** Each student's totals and thresholds, as a spreadsheet. */
export function suspensionTotalsCsv(report: SuspensionReport): string {
	const header = [
		'student_id',
		'student',
		'form',
		'term',
		'term_days',
		'year_days',
		'misses_public_exam',
		'permanently_excluded',
		'representations',
		'reinstatement',
		'year_limit',
		'provision_from'
	];
	return table(
		header,
		report.totals.map((t) => [
			t.studentId,
			t.name,
			t.formGroup,
			t.term,
			t.termDays,
			t.yearDays,
			t.missesPublicExam ? 'Y' : 'N',
			t.permanentlyExcluded ? 'Y' : 'N',
			t.representations,
			t.reinstatement,
			t.yearLimit,
			t.provisionFrom
		])
	);
}

/**
 * The Local Authority's return for a term. Lookout holds no UPN: the `upn` column carries the
 * school's own student id, for the LA to match against the census.
 *
 * A withdrawn suspension stays in, marked `withdrawn` with the date and reason, its dates and
 * sessions as they were: the LA was told of it by the next school day, so it holds it already,
 * and a return that dropped it without a word would leave the LA's record unmatched (and a
 * withdrawn suspension is not counted in the census, so the LA needs to know to strike it).
 * A corrected one carries the date it was last amended, so the LA can replace what it was told.
 */
export function laReturnCsv(report: SuspensionReport): string {
	const header = [
		'upn',
		'student',
		'form',
		'category',
		'start_date',
		'start_session',
		'end_date',
		'sessions',
		'lunchtime',
		'reason_1',
		'reason_2',
		'reason_3',
		'decision_maker',
		'parents_told',
		'la_told',
		'governors_told',
		'status',
		'amended_on',
		'withdrawn_on',
		'withdrawal_reason'
	];
	const date = (s: SuspensionRow, who: NotifiedParty) => told(s, who)?.told?.at.slice(0, 10) ?? null;
	return table(
		header,
		[...report.suspensions]
			.sort((a, b) => a.starts.date.localeCompare(b.starts.date))
			.map((s) => [
				s.studentId,
				s.name,
				s.formGroup,
				s.kind === 'suspension' ? 'SUSP' : 'PERM',
				s.starts.date,
				s.starts.session,
				s.ends,
				s.sessions,
				s.lunchtime ? 'Y' : 'N',
				s.reasons[0] ?? null,
				s.reasons[1] ?? null,
				s.reasons[2] ?? null,
				s.decisionMaker,
				date(s, 'parents'),
				date(s, 'local_authority'),
				date(s, 'governors'),
				status(s),
				s.amended?.at.slice(0, 10) ?? null,
				s.withdrawn?.at.slice(0, 10) ?? null,
				s.withdrawn?.reason ?? null
			])
	);
}
