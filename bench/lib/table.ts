import type { Row } from './report';
import type { Spread } from './stats';

function number(value: number, unit: string): string {
	if (!Number.isFinite(value)) return String(value);
	if (Number.isInteger(value) || unit === 'ev/s') return Math.round(value).toLocaleString('en-GB');
	if (unit === 'x' || unit === 'elu') return value.toFixed(2);
	if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-GB');
	return value.toFixed(1);
}

function withUnit(text: string, unit: string): string {
	return unit === '' || unit === 'elu' || unit === 'x' ? text : `${text} ${unit}`;
}

function spreadText(s: Spread, unit: string): string {
	const median = number(s.median, unit);
	if (s.runs.length === 1) return withUnit(median, unit);
	return withUnit(`${median} [${number(s.min, unit)}-${number(s.max, unit)}]`, unit);
}

/** The table as plain text: the medians of the runs, [min-max] beside them. */
export function renderTable(rows: readonly Row[]): string {
	const header = ['scenario', 'figure', 'measured with', 'median [min-max]', 'baseline (median)', 'ratio [min-max]', 'target', 'result'];
	const lines = rows.map((r) => [
		r.scenario,
		r.figure,
		r.source,
		r.value ? spreadText(r.value, r.unit) : '-',
		r.baseline ? `${r.baseline.label}: ${withUnit(number(r.baseline.value.median, r.unit), r.unit)}` : '',
		r.ratio ? `${spreadText(r.ratio, 'x')}x` : '',
		r.target ?? '',
		r.verdict
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
	const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario} / ${r.figure}: ${r.note}`);
	return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format), '', ...notes].join('\n');
}
