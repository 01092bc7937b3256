import { describeIssue } from '../issues';
import type { ImdfImportReport } from './import-imdf';
import type { Refusal } from './read-features';

const MAX_LINES = 40;

export function describeRefusal({ file, feature, message }: Refusal): string {
	return feature === undefined ? `${file}: ${message}` : `${file}: ${feature}: ${message}`;
}

/** What the import kept, what it left out and why (one line per feature type and reason), and why nothing was written if so. */
export function describeImdfImport(report: ImdfImportReport): string[] {
	const lines = [`${report.source}: IMDF venue${report.venue === null ? '' : ` ${report.venue}`}`];
	const kept = Object.entries(report.kept);
	if (kept.length > 0) lines.push(`Kept: ${kept.map(([type, count]) => `${type} ${count}`).join(', ')}`);
	const groups = new Map<string, string[]>();
	for (const { type, id, reason } of report.skipped) {
		const key = `${type}\u0000${reason}`;
		groups.set(key, [...(groups.get(key) ?? []), id]);
	}
	if (groups.size > 0) {
		lines.push(`Skipped ${report.skipped.length}:`);
		for (const [key, ids] of groups) {
			const [type = '', reason = ''] = key.split('\u0000');
			lines.push(`  ${type} ${ids.length}: ${reason}${ids.length <= 3 ? ` (${ids.join(', ')})` : ''}`);
		}
	}
	if (report.notes.length > 0) lines.push('Notes:', ...cap(report.notes).map((note) => `  ${note}`));
	if (report.warnings.length > 0) lines.push('Warnings:', ...cap(report.warnings.map(describeIssue)).map((w) => `  ${w}`));
	if (report.refusals.length > 0) {
		lines.push(`Refused: the archive has ${report.refusals.length} ${report.refusals.length === 1 ? 'error' : 'errors'} that would mislead`);
		lines.push(...cap(report.refusals.map(describeRefusal)).map((r) => `  ${r}`));
	}
	if (report.errors.length > 0) {
		lines.push(`Cannot make a usable floorplan: ${report.errors.length} ${report.errors.length === 1 ? 'problem' : 'problems'}`);
		lines.push(...cap(report.errors.map(describeIssue)).map((e) => `  ${e}`));
	}
	return lines;
}

function cap(lines: readonly string[]): string[] {
	return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `... and ${lines.length - MAX_LINES} more`] : [...lines];
}
