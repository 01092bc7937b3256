import type { MinutesLateReport } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

export function csvTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
	return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

/** The students of the report, one row each, with whether a letter is due and when one was sent. */
export function minutesLateCsv(report: MinutesLateReport): string {
	const sent = new Map(report.letters.map((l) => [l.studentId, l.sent[0] ?? null]));
	const rows = report.students.map((s) => [
		s.studentId,
		s.name,
		s.formGroup,
		s.yearGroup,
		s.lateL,
		s.lateU,
		s.minutes,
		s.lessonLates,
		s.lessonMinutes,
		s.overThreshold ? 'yes' : 'no',
		sent.get(s.studentId)?.at ?? '',
		sent.get(s.studentId)?.by ?? ''
	]);
	const header = [
		'student_id',
		'name',
		'form_group',
		'year_group',
		'late_l',
		'late_u',
		'minutes_late',
		'lesson_lates',
		'lesson_minutes',
		'letter_due',
		'letter_sent_at',
		'letter_sent_by'
	];
	return csvTable(header, rows);
}
