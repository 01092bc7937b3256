import { FloorplanFile } from '../../protocol';
import { issue, schemaIssues, type FloorplanIssue } from './issues';
import { validateFloorplan } from './validate';

export type FloorplanCheckResult =
	| { readonly ok: true; readonly plan: FloorplanFile; readonly warnings: FloorplanIssue[] }
	| { readonly ok: false; readonly errors: FloorplanIssue[]; readonly warnings: FloorplanIssue[] };

/** The one way in for a floorplan from outside: the schema first, then the rules that need geometry. */
export function checkFloorplan(raw: unknown): FloorplanCheckResult {
	const parsed = FloorplanFile.safeParse(raw);
	if (!parsed.success) return { ok: false, errors: schemaIssues(parsed.error, raw), warnings: [] };
	const { errors, warnings } = validateFloorplan(parsed.data);
	return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, plan: parsed.data, warnings };
}

/** As `checkFloorplan`, from the text of a `.geojson` file. */
export function checkFloorplanText(text: string): FloorplanCheckResult {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { ok: false, errors: [issue(undefined, `not valid JSON: ${reason}`)], warnings: [] };
	}
	return checkFloorplan(raw);
}
