import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOf } from '../../dashboard/lib/map/plan';
import { unitsOf } from '../../server/protocol';
import { loadFloorplan } from '../../server/src/floorplan/load';
import { summariseFloorplan } from '../../server/src/floorplan/summary';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/imdf/school-block');

async function importCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', path.join(ROOT, 'server/src/cli/floorplan-import.ts'), ...args],
			{
				timeout: 30_000
			}
		);
		return { code: 0, out: stdout, err: stderr };
	} catch (err) {
		const failed = err as { code: number; stdout: string; stderr: string };
		return { code: failed.code, out: failed.stdout, err: failed.stderr };
	}
}

/** The fixture zipped as mapping tools ship it, inside a folder of its own; `change` edits one file's text first. */
function zipFixture(to: string, change?: { file: string; edit: (text: string) => string }): string {
	const entries: Record<string, Uint8Array> = {};
	for (const name of readdirSync(FIXTURE)) {
		const text = readFileSync(path.join(FIXTURE, name), 'utf8');
		entries[`school-block/${name}`] = new TextEncoder().encode(change?.file === name ? change.edit(text) : text);
	}
	writeFileSync(to, zipSync(entries));
	return to;
}

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'imdf-import-'));
});

describe('npm run floorplan:import -- venue.zip', () => {
	it('writes a floorplan beside the zip that Lookout loads, summarises and draws floor by floor', async () => {
		const zip = zipFixture(path.join(dir, 'east-block.zip'));
		const { code, out, err } = await importCli(zip);
		expect({ code, err }).toEqual({ code: 0, err: '' });
		const written = path.join(dir, 'east-block.geojson');
		expect(out).toContain('Kept: venue 1, building 1, level 2, unit 23, opening 21, relationship 3, amenity 2');
		expect(out).toContain('  address 1: Lookout keeps no postal addresses');
		expect(out).toContain(`Wrote ${written}:`);

		const loaded = await loadFloorplan(written);
		if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
		expect(loaded.warnings).toEqual([]);
		// What the hotspots map draws: each floor by ordinal, with its rooms.
		const drawn = planOf(loaded.plan);
		expect(drawn.levels.map((level) => level.properties.short_name)).toEqual(['G', '1']);
		expect(drawn.levels.map((level) => drawn.units.get(level.id)?.length)).toEqual([12, 11]);
		const summary = summariseFloorplan(loaded.plan);
		expect(summary.venue).toBe('Northfield Academy East Block');
		// Every room reachable, and the longest walk is the size of a 40 m block over two floors, not kilometres.
		expect(summary.longestWalk?.metres).toBeGreaterThan(40);
		expect(summary.longestWalk?.metres).toBeLessThan(150);
	});

	it('reads a folder of .geojson files the same way', async () => {
		const out = path.join(dir, 'from-folder.geojson');
		const result = await importCli(FIXTURE, '--out', out);
		expect(result.code).toBe(0);
		const loaded = await loadFloorplan(out);
		expect(loaded.ok).toBe(true);
		const fromZip = await loadFloorplan(path.join(dir, 'east-block.geojson'));
		if (!loaded.ok || !fromZip.ok) throw new Error('both should load');
		expect(unitsOf(loaded.plan).map((u) => u.id)).toEqual(unitsOf(fromZip.plan).map((u) => u.id));
	});

	it('refuses a broken archive with exit 1, naming the feature and its file, and writes nothing', async () => {
		const zip = zipFixture(path.join(dir, 'broken.zip'), {
			file: 'unit.geojson',
			edit: (text) => text.replace(/"category": ?"classroom"/, '"category": "form-room"')
		});
		const { code, out } = await importCli(zip);
		expect(code).toBe(1);
		expect(out).toMatch(/unit\.geojson: unit 00000006-\S+: properties\.category: "form-room" is not an IMDF unit category/);
		expect(out.trimEnd().split('\n').at(-1)).toBe('Nothing written.');
		expect(existsSync(path.join(dir, 'broken.geojson'))).toBe(false);

		const noManifest = path.join(dir, 'no-manifest.zip');
		writeFileSync(noManifest, zipSync({ 'unit.geojson': new TextEncoder().encode('{"type":"FeatureCollection","features":[]}') }));
		const missing = await importCli(noManifest);
		expect(missing.code).toBe(1);
		expect(missing.out).toContain('manifest.json: missing: an IMDF archive starts with its manifest');

		const notZip = path.join(dir, 'not-a.zip');
		writeFileSync(notZip, 'hello');
		const unreadable = await importCli(notZip);
		expect(unreadable).toMatchObject({ code: 1, out: expect.stringContaining('not a zip archive this can read') as unknown });
	});

	it('answers --help with both ways in, and an SVG-only flag on an archive with one line and exit 2', async () => {
		const help = await importCli('--help');
		expect(help.code).toBe(0);
		expect(help.out).toMatch(/^usage: npm run floorplan:import -- plan\.svg/);
		expect(help.out).toContain('npm run floorplan:import -- venue.zip');
		const level = await importCli(path.join(dir, 'east-block.zip'), '--level', '0');
		expect(level.code).toBe(2);
		expect((level.out + level.err).trimEnd().split('\n')).toEqual([
			'floorplan:import: --level is for SVG floors; an IMDF archive brings its own levels, names and position (npm run floorplan:import -- --help for usage)'
		]);
		const unknown = await importCli(path.join(dir, 'east-block.zip'), '--floors', '2');
		expect(unknown.code).toBe(2);
		expect(unknown.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^floorplan:import: .*--floors.*--help/)]);
	});
});
