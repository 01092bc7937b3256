import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFloorplanText } from '../floorplan/check';
import { parseImportArgs, runImport } from './floorplan-import-command';

const EXAMPLES = fileURLToPath(new URL('../../../floorplans/examples/', import.meta.url));

async function run(...args: string[]): Promise<{ code: number; lines: string[] }> {
	const lines: string[] = [];
	const code = await runImport(args, (line) => lines.push(line));
	return { code, lines };
}

describe('npm run floorplan:import', () => {
	it('reads the options people type, negative numbers included', () => {
		expect(parseImportArgs(['plan.svg', '--level', '-1', '--origin', '-1.5,52.4', '--scale', '0.05'])).toEqual({
			ok: true,
			svg: 'plan.svg',
			out: 'plan.geojson',
			options: { ordinal: -1, metresPerUnit: 0.05, origin: [-1.5, 52.4] }
		});
		expect(parseImportArgs(['a.svg', '--level', '1', '--merge', 'school.geojson'])).toMatchObject({ ok: true, out: 'school.geojson', merge: 'school.geojson' });
		expect(parseImportArgs(['a.svg'])).toMatchObject({ ok: false, message: expect.stringContaining('--level must be the floor number') as unknown });
		expect(parseImportArgs(['a.svg', '--level', '0', '--scale', 'big'])).toMatchObject({
			ok: false,
			message: expect.stringContaining('--scale must be a positive number') as unknown
		});
		expect(parseImportArgs(['a.svg', '--level', '0', '--origin', '200,52'])).toMatchObject({
			ok: false,
			message: expect.stringContaining('--origin must be longitude,latitude') as unknown
		});
		expect(parseImportArgs(['a.svg', '--level', '0', '--colour', 'red'])).toMatchObject({
			ok: false,
			message: expect.stringContaining("Unknown option '--colour'") as unknown
		});
	});

	it('imports two floors into one file that passes the check, and leaves the file alone when an import fails', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'floorplan-import-'));
		const school = path.join(dir, 'school.geojson');
		const ground = await run(path.join(EXAMPLES, 'ground-floor.svg'), '--level', '0', '--origin', '-1.5,52.4', '--out', school);
		expect(ground.code).toBe(0);
		expect(ground.lines).toContain(`Wrote ${school}:`);
		const first = await run(path.join(EXAMPLES, 'first-floor.svg'), '--level', '1', '--merge', school);
		expect(first.code).toBe(0);
		expect(first.lines).toContain('  unit STAIRS-1: linked to STAIRS-G on level level-G');
		const written = readFileSync(school, 'utf8');
		expect(checkFloorplanText(written)).toMatchObject({ ok: true });

		const broken = path.join(dir, 'no-door.svg');
		writeFileSync(broken, '<svg xmlns="http://www.w3.org/2000/svg"><rect id="F09" x="0" y="500" width="80" height="70"/></svg>');
		const failed = await run(broken, '--level', '1', '--merge', school);
		expect(failed.code).toBe(1);
		expect(failed.lines).toContain('  unit F09: cannot be reached on foot from COR-G: no door, stairs or lift links it to the rest of the plan');
		expect(failed.lines.at(-1)).toBe(`Nothing written; ${school} is unchanged.`);
		expect(readFileSync(school, 'utf8')).toBe(written);
	});

	it('says which file it cannot read', async () => {
		expect(await run('nowhere.svg', '--level', '0')).toEqual({ code: 1, lines: ['nowhere.svg: cannot read it: no such file'] });
		const dir = mkdtempSync(path.join(tmpdir(), 'floorplan-import-'));
		const notJson = path.join(dir, 'school.geojson');
		writeFileSync(notJson, '{"type":');
		const result = await run(path.join(EXAMPLES, 'ground-floor.svg'), '--level', '0', '--merge', notJson);
		expect(result).toMatchObject({ code: 1, lines: [expect.stringMatching(/school\.geojson: not valid JSON: /)] });
	});
});
