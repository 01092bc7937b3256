import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from './check-command';

const DEMO = fileURLToPath(new URL('../../../floorplans/demo-school.geojson', import.meta.url));

async function check(...files: string[]): Promise<{ code: number; lines: string[] }> {
	const lines: string[] = [];
	const code = await runCheck(files, (line) => lines.push(line));
	return { code, lines };
}

describe('npm run floorplan:check', () => {
	it('summarises a usable plan floor by floor', async () => {
		const { code, lines } = await check(DEMO);
		expect(code).toBe(0);
		expect(lines[0]).toBe(`${DEMO}: usable floorplan`);
		expect(lines).toContain('  Northfield Academy: venue 1, building 1, level 2, unit 128, opening 133, relationship 4, amenity 8');
		expect(lines.some((line) => line.startsWith('  level-1 (1, ordinal 1): 53 units: classroom 21, '))).toBe(true);
	});

	it('lists every error naming the feature, exit code 1, and no stack trace', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'floorplan-check-'));
		const bad = path.join(dir, 'bad.geojson');
		writeFileSync(
			bad,
			JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'S12', feature_type: 'unit', geometry: null, properties: {} }] })
		);
		const { code, lines } = await check(bad, path.join(dir, 'missing.geojson'));
		expect(code).toBe(1);
		expect(lines).toContain(`${bad}: not a usable floorplan: 5 errors`);
		expect(lines).toContain('  error: unit S12: geometry: a unit needs its outline: no geometry');
		expect(lines).toContain(`${path.join(dir, 'missing.geojson')}: not a usable floorplan: 1 error`);
		expect(lines).toContain('  error: cannot read it: no such file');
		expect(lines.join('\n')).not.toMatch(/\n\s+at /);
	});

	it('asks for a file when given none', async () => {
		expect(await check()).toEqual({ code: 2, lines: ['usage: npm run floorplan:check -- <floorplan.geojson> [more.geojson ...]'] });
	});
});
