import type { NotifiedParty, SuspensionReport, SuspensionRow } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

type Cell = string | number | boolean | null;

const table = (header: readonly string[], rows: readonly (readonly Cell[])[]) =>
	[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

const told = (row: SuspensionRow, who: NotifiedParty) => row.notifications.find((n) => n.who === who);
const toldCells = (row: SuspensionRow, who: NotifiedParty): Cell[] => {
	const n = told(row, who);
	return [n?.due ?? null, n?.told?.at ?? null, n?.told?.how ?? null, n?.overdue ? 'Y' : 'N'];
};

/** The log as a spreadsheet: one row per suspension, its reasons as codes, and each party told. */
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
		...parties.flatMap((p) => [`${p}_due`, `${p}_told_at`, `${p}_told_how`, `${p}_overdue`])
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
			...parties.flatMap((p) => toldCells(s, p))
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
		'year_limit'
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
			t.yearLimit
		])
	);
}

/**
 * The Local Authority's return for a term. Lookout holds no UPN: the `upn` column carries the
 * school's own student id, for the LA to match against the census.
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
		'governors_told'
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
				date(s, 'governors')
			])
	);
}
