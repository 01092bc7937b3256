import type { AttendanceFigures, EvidencePack, EvidencePeriod } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

type Cell = string | number | boolean | null;

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

const HEADER = [
	'kind',
	'date',
	'time',
	'student_id',
	'what',
	'staff',
	'relationship',
	'outcome',
	'reason',
	'next_review_on',
	...DAYS.flatMap((d) => [`${d}_am`, `${d}_pm`]),
	'possible',
	'attended',
	'authorised',
	'unauthorised',
	'attendance_percent',
	'absence_percent',
	'before_4_weeks_attendance_percent',
	'after_4_weeks_attendance_percent',
	'after_complete'
];

const figureCells = (f: AttendanceFigures): Cell[] => [f.possible, f.attended, f.authorised, f.unauthorised, percent(f.rate), percent(f.absenceRate)];
const blank = (n: number): Cell[] => Array<Cell>(n).fill(null);

/**
 * The pack as a spreadsheet, one row a line with a `kind`: `summary` (the range, the term and
 * the year to date), then `week` (its Monday, each weekday's AM and PM codes, its figures), then
 * the chronology (`call`, `letter`, `parent_told`, `intervention`) oldest first.
 */
export function evidenceCsv(pack: EvidencePack): string {
	const id = pack.student.studentId;
	const summary = (label: string, p: EvidencePeriod): Cell[] => [
		'summary',
		p.from,
		null,
		id,
		`${label} ${p.from} to ${p.to}`,
		null,
		null,
		p.persistence ?? 'not persistent',
		null,
		null,
		...blank(10),
		...figureCells(p.figures),
		null,
		null,
		null
	];
	const rows: Cell[][] = [
		summary('Range', pack.summary.range),
		summary('Term to date', pack.summary.term),
		summary('Year to date', pack.summary.year),
		...pack.weeks.map((w) => [
			'week',
			w.monday,
			null,
			id,
			`Week from ${w.monday}`,
			...blank(5),
			...w.days.flatMap((d) => [d.am, d.pm]),
			...figureCells(w.figures),
			null,
			null,
			null
		]),
		...pack.chronology.map((e) => [
			e.kind,
			e.date,
			e.time,
			id,
			e.what,
			e.staff,
			e.relationship,
			e.outcome,
			e.reason,
			e.nextReviewOn,
			...blank(16),
			e.impact ? percent(e.impact.before.rate) : null,
			e.impact ? percent(e.impact.after.rate) : null,
			e.impact ? (e.impact.afterComplete ? 'Y' : 'N') : null
		])
	];
	return [HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
