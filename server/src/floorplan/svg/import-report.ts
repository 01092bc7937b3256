import { describeIssue } from '../issues';
import type { ReportItem } from './collect';
import type { ImportReport } from './import-svg';

const MAX_LINES = 40;

/** Items with the same message are gathered on one line when there are many (e.g. 200 wall lines that are not doors). */
function itemLines(items: readonly ReportItem[]): string[] {
	const byMessage = new Map<string, string[]>();
	for (const item of items) byMessage.set(item.message, [...(byMessage.get(item.message) ?? []), item.where]);
	const lines: string[] = [];
	for (const [message, wheres] of byMessage) {
		if (wheres.length <= 3) for (const where of wheres) lines.push(`  ${where}: ${message}`);
		else lines.push(`  ${wheres.length} shapes: ${message}: ${wheres.slice(0, 6).join(', ')}${wheres.length > 6 ? ', ...' : ''}`);
	}
	return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `  ... and ${lines.length - MAX_LINES} more`] : lines;
}

/** What the import did, for people: where it put the floor, what it made, what it left out and why. */
export function describeImport(report: ImportReport): string[] {
	const lines = [`${report.source}: ${report.levelId}`];
	if (report.scale !== null) lines.push(`  scale: ${report.scale.metresPerUnit} m per SVG unit, from ${report.scale.from}`);
	if (report.origin !== null) lines.push(`  origin: the drawing's (0, 0) is at ${report.origin.at.join(', ')}, from ${report.origin.from}`);
	if (report.units.length > 0) {
		const codes = report.units.map((unit) => `${unit.id} (${unit.category})`);
		lines.push(`  ${report.units.length} rooms: ${codes.slice(0, 30).join(', ')}${codes.length > 30 ? ', ...' : ''}`);
		lines.push(`  ${report.doors} ${report.doors === 1 ? 'door' : 'doors'}`);
	}
	if (report.skipped.length > 0) lines.push(`Skipped ${report.skipped.length}:`, ...itemLines(report.skipped));
	if (report.notes.length > 0) lines.push('Notes:', ...itemLines(report.notes));
	if (report.warnings.length > 0) lines.push('Warnings:', ...report.warnings.slice(0, MAX_LINES).map((w) => `  ${describeIssue(w)}`));
	if (report.errors.length > 0) {
		lines.push(`Cannot make a usable floorplan: ${report.errors.length} ${report.errors.length === 1 ? 'problem' : 'problems'}`);
		lines.push(...report.errors.slice(0, MAX_LINES).map((e) => `  ${describeIssue(e)}`));
		if (report.errors.length > MAX_LINES) lines.push(`  ... and ${report.errors.length - MAX_LINES} more`);
	}
	return lines;
}
