/**
 * `npm run floorplan:check -- <file.geojson> [...]` (see cli/floorplan-check.ts): prints what each plan holds, or every
 * problem found in it. Exit code 0 when all are usable, 1 when any is not, 2 for bad usage.
 */
import { describeIssue } from './issues';
import { loadFloorplan } from './load';
import { describeFloorplan, summariseFloorplan } from './summary';

const MAX_LISTED = 50;

export async function runCheck(files: readonly string[], print: (line: string) => void): Promise<number> {
	if (files.length === 0 || files.some((file) => file.startsWith('-'))) {
		print('usage: npm run floorplan:check -- <floorplan.geojson> [more.geojson ...]');
		return 2;
	}
	let failed = false;
	for (const file of files) {
		const result = await loadFloorplan(file);
		const listed = (label: string, issues: readonly { feature?: string; message: string }[]): void => {
			for (const found of issues.slice(0, MAX_LISTED)) print(`  ${label}: ${describeIssue(found)}`);
			if (issues.length > MAX_LISTED) print(`  ... and ${issues.length - MAX_LISTED} more`);
		};
		if (result.ok) {
			print(`${file}: usable floorplan${result.warnings.length > 0 ? ` (${result.warnings.length} warnings)` : ''}`);
			for (const line of describeFloorplan(summariseFloorplan(result.plan))) print(`  ${line}`);
		} else {
			failed = true;
			print(`${file}: not a usable floorplan: ${result.errors.length} ${result.errors.length === 1 ? 'error' : 'errors'}`);
			listed('error', result.errors);
		}
		listed('warning', result.warnings);
	}
	return failed ? 1 : 0;
}
