import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { featuresOf, type FloorplanFile } from '../../../protocol';
import { importImdf, type ImdfImportResult } from './import-imdf';
import { describeImdfImport } from './import-report';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/imdf/school-block/', import.meta.url));

type Json = { features: { id: string; geometry: unknown; properties: Record<string, unknown> }[] };

function fixture(): Map<string, string> {
	return new Map(readdirSync(FIXTURE).map((name) => [name, readFileSync(`${FIXTURE}${name}`, 'utf8')]));
}

/** The fixture with one file changed: `change` edits its parsed JSON in place. */
function broken(file: string, change: (json: Json) => void): Map<string, string> {
	const files = fixture();
	const json = JSON.parse(files.get(file) ?? '{}') as Json;
	change(json);
	files.set(file, JSON.stringify(json));
	return files;
}

function unitByCode(files: Map<string, string>, code: string): Json['features'][number] {
	const unit = (JSON.parse(files.get('unit.geojson') ?? '{}') as Json).features.find((f) => (f.properties.alt_name as { en: string }).en === code);
	if (unit === undefined) throw new Error(`no unit ${code} in the fixture`);
	return unit;
}

function plan(result: ImdfImportResult): FloorplanFile {
	if (!result.ok) throw new Error(describeImdfImport(result.report).join('\n'));
	return result.plan;
}

const refusalsOf = (result: ImdfImportResult) => (result.ok ? [] : result.report.refusals);

describe('importImdf: the mapping', () => {
	const files = fixture();
	const result = importImdf(files, 'school-block');
	const written = plan(result);
	const unit = (code: string) => featuresOf(written, 'unit').find((u) => u.properties.short_name === code);

	it('keeps the venue, building, both levels, every unit, the doors between units, the links between floors and the amenities', () => {
		expect(result.report.kept).toEqual({ venue: 1, building: 1, level: 2, unit: 23, opening: 21, relationship: 3, amenity: 2 });
		const [venue] = featuresOf(written, 'venue');
		expect(venue?.properties).toMatchObject({ name: 'Northfield Academy East Block', category: 'university' });
		expect(venue?.properties.display_point?.type).toBe('Point');
		expect(featuresOf(written, 'level').map((l) => [l.properties.ordinal, l.properties.short_name, l.properties.name])).toEqual([
			[0, 'G', 'Ground floor'],
			[1, '1', 'First floor']
		]);
	});

	it("keeps each unit's category, its name in the archive's language, its room code (alt_name) and its IMDF id", () => {
		expect(unit('G04')?.properties).toMatchObject({ category: 'laboratory', name: 'Science lab G04', restriction: null });
		expect(unit('WC-G-F')?.properties.category).toBe('restroom.female');
		expect(unit('G01')?.id).toBe(unitByCode(files, 'G01').id);
		// The office has no name of its own: the occupant anchored in it names it.
		expect(unit('OFF')?.properties).toMatchObject({ name: 'School office', category: 'office', restriction: 'employeesonly' });
	});

	it('turns each opening into a door between the two units whose wall it is on, and skips the outside door', () => {
		const door = featuresOf(written, 'opening').find((o) => o.properties.unit_ids.includes(unit('G01')?.id ?? ''));
		expect(new Set(door?.properties.unit_ids)).toEqual(new Set([unit('G01')?.id, unit('COR-G')?.id]));
		expect(result.report.skipped.filter((s) => s.type === 'opening')).toEqual([
			{ type: 'opening', id: expect.any(String) as unknown, reason: expect.stringContaining('an outside door') as unknown }
		]);
	});

	it('keeps the relationship the archive gives and links the stairs and lift it leaves unlinked by place', () => {
		const links = featuresOf(written, 'relationship').map((r) => [r.properties.origin, r.properties.destination]);
		expect(links).toEqual(
			expect.arrayContaining([
				[unit('ST-A-G')?.id, unit('ST-A-1')?.id],
				[unit('ST-B-G')?.id, unit('ST-B-1')?.id],
				[unit('LIFT-G')?.id, unit('LIFT-1')?.id]
			])
		);
		expect(result.report.notes.filter((n) => n.includes('linked to'))).toHaveLength(2);
	});

	it('says what it skipped and why, a line per feature type', () => {
		const lines = describeImdfImport(result.report);
		expect(lines).toContain('Kept: venue 1, building 1, level 2, unit 23, opening 21, relationship 3, amenity 2');
		expect(lines).toContain('Skipped 6:');
		for (const type of ['address', 'footprint', 'anchor', 'occupant', 'fixture']) {
			expect(lines.some((line) => line.startsWith(`  ${type} 1: Lookout `))).toBe(true);
		}
	});

	it('names a unit from the language the manifest gives, and places a display point the archive left out', () => {
		const g03 = unitByCode(files, 'G03').id;
		const changed = broken('unit.geojson', (json) => {
			const target = json.features.find((f) => f.id === g03);
			if (target === undefined) return;
			target.properties.name = { fr: 'Salle G03', 'en-GB': 'Form room G03' };
			target.properties.display_point = null;
		});
		const again = plan(importImdf(changed, 'school-block'));
		const mapped = featuresOf(again, 'unit').find((u) => u.id === g03);
		expect(mapped?.properties.name).toBe('Form room G03');
		expect(mapped?.properties.display_point.type).toBe('Point');
	});

	it('notes the files the standard requires that Lookout does not need, and reads on', () => {
		const files = fixture();
		files.delete('address.geojson');
		files.delete('footprint.geojson');
		const result = importImdf(files, 'school-block');
		expect(result.ok).toBe(true);
		expect(result.report.notes).toContain('address.geojson: missing, though the standard requires it; Lookout does not need it');
	});
});

describe('importImdf: refusals, each naming the file and the feature', () => {
	const files = fixture();
	const g01 = unitByCode(files, 'G01').id;
	const change = (file: string, id: string, edit: (f: Json['features'][number]) => void) =>
		broken(file, (json) => {
			const target = json.features.find((f) => f.id === id);
			if (target) edit(target);
		});

	it('a unit category the standard does not define', () => {
		const result = importImdf(
			change('unit.geojson', g01, (f) => (f.properties.category = 'corridor')),
			'x'
		);
		expect(result.ok).toBe(false);
		expect(refusalsOf(result)).toEqual([
			{
				file: 'unit.geojson',
				feature: `unit ${g01}`,
				message: 'properties.category: "corridor" is not an IMDF unit category (classroom, laboratory, walkway, stairs, restroom, office, ...)'
			}
		]);
	});

	it('a display point outside its own polygon', () => {
		const result = importImdf(
			change('unit.geojson', g01, (f) => (f.properties.display_point = { type: 'Point', coordinates: [-1.51, 52.41] })),
			'x'
		);
		expect(refusalsOf(result)).toEqual([{ file: 'unit.geojson', feature: `unit ${g01}`, message: 'display_point [-1.51, 52.41] is outside its own polygon' }]);
		expect(describeImdfImport(result.report)).toContain(`  unit.geojson: unit ${g01}: display_point [-1.51, 52.41] is outside its own polygon`);
	});

	it('a unit whose level_id names no level', () => {
		const result = importImdf(
			change('unit.geojson', g01, (f) => (f.properties.level_id = 'no-such-level')),
			'x'
		);
		expect(refusalsOf(result)).toEqual([{ file: 'unit.geojson', feature: `unit ${g01}`, message: 'level_id no-such-level names no level in level.geojson' }]);
	});

	it('a missing or unreadable manifest', () => {
		const missing = fixture();
		missing.delete('manifest.json');
		expect(refusalsOf(importImdf(missing, 'x'))).toEqual([{ file: 'manifest.json', message: 'missing: an IMDF archive starts with its manifest' }]);
		const unreadable = fixture();
		unreadable.set('manifest.json', '{"version": "1.0.0",');
		expect(refusalsOf(importImdf(unreadable, 'x'))).toEqual([{ file: 'manifest.json', message: expect.stringMatching(/^cannot read it: /) as unknown }]);
		const noLanguage = fixture();
		noLanguage.set('manifest.json', '{"version": "1.0.0", "created": "2026-01-12T09:00:00Z"}');
		expect(refusalsOf(importImdf(noLanguage, 'x'))).toEqual([{ file: 'manifest.json', message: expect.stringMatching(/^language: /) as unknown }]);
	});

	it('geometry that is not a Polygon or MultiPolygon where the standard requires one', () => {
		const result = importImdf(
			change('unit.geojson', g01, (f) => (f.geometry = { type: 'Point', coordinates: [-1.52, 52.41] })),
			'x'
		);
		expect(refusalsOf(result)).toEqual([
			{ file: 'unit.geojson', feature: `unit ${g01}`, message: 'geometry: the standard requires a Polygon or MultiPolygon here, not a Point' }
		]);
		const level = (JSON.parse(files.get('level.geojson') ?? '{}') as Json).features[0]?.id ?? '';
		const noOutline = importImdf(
			change('level.geojson', level, (f) => (f.geometry = null)),
			'x'
		);
		expect(refusalsOf(noOutline)).toEqual([
			{ file: 'level.geojson', feature: `level ${level}`, message: 'geometry: the standard requires a Polygon or MultiPolygon here, not none' }
		]);
	});

	it('a feature with a duplicate id', () => {
		const result = importImdf(
			broken('amenity.geojson', (json) => {
				const first = json.features[0];
				if (first) first.id = g01;
			}),
			'x'
		);
		expect(refusalsOf(result)).toEqual([
			{ file: 'amenity.geojson', feature: `amenity ${g01}`, message: 'has the id of a feature in unit.geojson; every feature needs its own id' }
		]);
	});

	it('a file that is not JSON, or not a FeatureCollection, and an archive without units', () => {
		const notJson = fixture();
		notJson.set('opening.geojson', '{"type": "FeatureCollection", "features": [');
		expect(refusalsOf(importImdf(notJson, 'x'))).toEqual([{ file: 'opening.geojson', message: expect.stringMatching(/^not valid JSON: /) as unknown }]);
		const notCollection = fixture();
		notCollection.set('opening.geojson', '[]');
		expect(refusalsOf(importImdf(notCollection, 'x'))[0]).toMatchObject({ file: 'opening.geojson' });
		const noUnits = fixture();
		noUnits.delete('unit.geojson');
		expect(refusalsOf(importImdf(noUnits, 'x'))).toContainEqual({ file: 'unit.geojson', message: 'missing: a venue needs its unit features' });
	});

	it("passes the mapped plan through Lookout's own floorplan check: a room no door reaches is named", () => {
		const result = importImdf(
			broken('opening.geojson', (json) => {
				json.features = json.features.filter((f) => {
					const line = (f.geometry as { coordinates: number[][] }).coordinates;
					return !line.every(([lon]) => lon !== undefined && lon < -1.51985);
				});
			}),
			'x'
		);
		expect(result.ok).toBe(false);
		expect(result.report.errors.some((e) => /cannot be reached on foot/.test(e.message))).toBe(true);
	});
});
