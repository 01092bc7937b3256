import type { FirstDayReport } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

const table = (header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]) =>
	[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The calling list as a spreadsheet: one row per student, reached ones last; no contact details. */
export function firstDayListCsv(report: FirstDayReport): string {
	const header = [
		'date',
		'student_id',
		'name',
		'year_group',
		'form_group',
		'am_mark',
		'status',
		'flagged',
		'calls',
		'last_outcome',
		'last_call_at',
		'next_contact'
	];
	const rows = [...report.toCall, ...report.reached].map((s) => {
		const last = s.calls.at(-1);
		return [
			report.date,
			s.studentId,
			s.name,
			s.yearGroup,
			s.formGroup,
			s.code ?? 'none',
			s.reached ? 'reached' : 'to_call',
			s.flagged ? 'Y' : 'N',
			s.calls.length,
			last?.outcome ?? null,
			last?.at ?? null,
			s.nextRelationship
		];
	});
	return table(header, rows);
}

/** The register corrections families asked for, still waiting for the MIS mark to change. */
export function correctionsCsv(report: FirstDayReport): string {
	const header = ['date', 'session', 'student_id', 'name', 'form_group', 'reason', 'by', 'at', 'call_id'];
	return table(
		header,
		report.corrections.map((c) => [c.date, c.session, c.studentId, c.name, c.formGroup, c.reason, c.by, c.at, c.callId])
	);
}
