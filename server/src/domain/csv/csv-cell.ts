/**
 * One cell of a CSV export (RFC 4180 quoting). Text that a spreadsheet would run as a formula,
 * starting with = + - @ or a tab or return, is prefixed with `'` so it shows as text; numbers
 * and booleans are written as they are.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
