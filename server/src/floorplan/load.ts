import { readFile } from 'node:fs/promises';
import { checkFloorplanText, type FloorplanCheckResult } from './check';
import { issue } from './issues';

/** Reads and checks a floorplan file; a missing or unreadable file is an error like any other, never a throw. */
export async function loadFloorplan(path: string): Promise<FloorplanCheckResult> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : error instanceof Error ? error.message : String(error);
		return { ok: false, errors: [issue(undefined, `cannot read it: ${reason}`)], warnings: [] };
	}
	return checkFloorplanText(text);
}
