import type { AttendanceFigures, AttendanceReport, PaReport, RagCell, RagReport } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

type Cell = string | number | boolean | null;

const table = (header: readonly string[], rows: readonly (readonly Cell[])[]) =>
	[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** A share as a percentage with one decimal: what a spreadsheet reader expects to see. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const figureCells = (f: AttendanceFigures | null): Cell[] =>
	f === null ? [null, null, null, null, null, null] : [f.possible, f.attended, f.authorised, f.unauthorised, percent(f.rate), percent(f.absenceRate)];

const FIGURES = ['possible', 'attended', 'authorised', 'unauthorised', 'attendance_percent', 'absence_percent'];

export function attendanceCsv(report: AttendanceReport): string {
	const header = ['from', 'to', 'by', 'key', 'label', 'students', 'suppressed', ...FIGURES, 'persistence', 'persistent_students', 'severe_students'];
	return table(
		header,
		report.rows.map((r) => [
			report.range.from,
			report.range.to,
			report.by,
			r.key,
			r.label,
			r.students,
			r.suppressed ? 'Y' : 'N',
			...figureCells(r.figures),
			r.persistence,
			r.persistent,
			r.severe
		])
	);
}

/** The tracker as a spreadsheet: one row per student, their latest intervention and overdue reviews. */
export function paCsv(report: PaReport): string {
	const header = [
		'date',
		'student_id',
		'name',
		'year_group',
		'form_group',
		'status',
		'term_attendance_percent',
		'term_absence_percent',
		'year_attendance_percent',
		'year_absence_percent',
		'projected_term_absence_percent',
		'interventions',
		'last_intervention',
		'last_intervention_on',
		'next_review_on',
		'overdue_reviews'
	];
	return table(
		header,
		report.students.map((s) => {
			const last = s.interventions.at(-1);
			return [
				report.date,
				s.studentId,
				s.name,
				s.yearGroup,
				s.formGroup,
				s.status ?? 'intervention_only',
				percent(s.term.rate),
				percent(s.term.absenceRate),
				percent(s.year.rate),
				percent(s.year.absenceRate),
				percent(s.projectedAbsenceRate),
				s.interventions.length,
				last?.kind ?? null,
				last?.date ?? null,
				last?.nextReviewOn ?? null,
				s.overdueReviews
			];
		})
	);
}

const ragCells = (c: RagCell): Cell[] => [percent(c.rate), c.band];

/** Every form group's page in one spreadsheet: one row per student. */
export function ragCsv(report: RagReport): string {
	const header = [
		'week_from',
		'form_group',
		'student_id',
		'name',
		'week_percent',
		'week_band',
		'term_percent',
		'term_band',
		'year_percent',
		'year_band',
		'dipped'
	];
	return table(
		header,
		report.groups.flatMap((g) =>
			g.students.map((s) => [
				report.week.from,
				g.formGroup,
				s.studentId,
				s.name,
				...ragCells(s.week),
				...ragCells(s.term),
				...ragCells(s.year),
				s.dipped ? 'Y' : 'N'
			])
		)
	);
}
