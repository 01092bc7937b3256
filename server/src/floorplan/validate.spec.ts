import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFloorplan, checkFloorplanText } from './check';
import { fixturePlan, FIXTURE_FRAME, TWO_FLOORS, type FixtureSpec } from '../../../test/support/floorplan-fixtures';
import { describeIssue } from './issues';

const DEMO = readFileSync(new URL('../../../floorplans/demo-school.geojson', import.meta.url), 'utf8');

/** The plan as plain JSON, one feature changed by `edit`. */
function edited(spec: FixtureSpec, id: string, edit: (feature: Record<string, unknown> & { properties: Record<string, unknown> }) => void): unknown {
	const raw = structuredClone(fixturePlan(spec)) as unknown as { features: (Record<string, unknown> & { id: string; properties: Record<string, unknown> })[] };
	const feature = raw.features.find((f) => f.id === id);
	if (feature === undefined) throw new Error(`no ${id} in the fixture`);
	edit(feature);
	return raw;
}

function errorsOf(raw: unknown): string[] {
	const result = checkFloorplan(raw);
	return result.ok ? [] : result.errors.map(describeIssue);
}

const rect = (x0: number, y0: number, x1: number, y1: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x0, y0],
			[x1, y0],
			[x1, y1],
			[x0, y1],
			[x0, y0]
		].map(([x, y]) => FIXTURE_FRAME.toLonLat([x ?? 0, y ?? 0]))
	]
});

describe('floorplan validation', () => {
	it('accepts the hand-made two-floor plan and the demo school without a warning', () => {
		expect(checkFloorplan(fixturePlan(TWO_FLOORS))).toMatchObject({ ok: true, warnings: [] });
		expect(checkFloorplanText(DEMO)).toMatchObject({ ok: true, warnings: [] });
	});

	it('names the unit whose level is not in the file', () => {
		const errors = errorsOf(edited(TWO_FLOORS, 'R1', (f) => (f.properties.level_id = 'L9')));
		expect(errors[0]).toBe('unit R1: is on level L9, which is not in the file');
		expect(errors).toContain('opening D-R1: is on level L0 but unit R1 is on level L9');
	});

	it('names the unit that has no geometry, and the feature whose type it does not know', () => {
		expect(errorsOf(edited(TWO_FLOORS, 'R2', (f) => (f.geometry = null)))).toEqual(['unit R2: geometry: a unit needs its outline: no geometry']);
		expect(errorsOf(edited(TWO_FLOORS, 'R2', (f) => (f.feature_type = 'room')))[0]).toMatch(/^room R2: feature_type: feature_type must be one of venue, /);
		expect(errorsOf(edited(TWO_FLOORS, 'R2', (f) => (f.properties.category = 'classrom')))).toEqual([
			'unit R2: properties.category: "classrom" is not an IMDF unit category (classroom, laboratory, walkway, stairs, restroom, office, ...)'
		]);
	});

	it('names every id used twice', () => {
		expect(errorsOf(edited(TWO_FLOORS, 'D-R2', (f) => (f.id = 'R1')))).toEqual(
			expect.arrayContaining(['id R1 is used by 2 features; every feature needs its own id'])
		);
	});

	it('names a door that joins an unknown unit, or that is not on the wall its units share', () => {
		expect(errorsOf(edited(TWO_FLOORS, 'D-R1', (f) => (f.properties.unit_ids = ['R1', 'LOST'])))).toEqual(
			expect.arrayContaining(['opening D-R1: joins unit LOST, which is not in the file'])
		);
		const moved = edited(
			TWO_FLOORS,
			'D-R1',
			(f) => (f.geometry = { type: 'LineString', coordinates: [FIXTURE_FRAME.toLonLat([2, 4]), FIXTURE_FRAME.toLonLat([3, 4])] })
		);
		expect(errorsOf(moved)).toEqual(expect.arrayContaining(['opening D-R1: is not on a wall of unit COR-G (up to 1.00 m away from it)']));
		expect(errorsOf(moved)).toContain('unit R1: cannot be reached on foot from COR-G: no door, stairs or lift links it to the rest of the plan');
	});

	it('names each room that no walk reaches', () => {
		const noDoor: FixtureSpec = { ...TWO_FLOORS, doors: TWO_FLOORS.doors.filter((door) => door.id !== 'D-R2') };
		expect(errorsOf(fixturePlan(noDoor))).toEqual(['unit R2: cannot be reached on foot from COR-G: no door, stairs or lift links it to the rest of the plan']);
		const noStairs: FixtureSpec = { ...TWO_FLOORS, links: [] };
		expect(errorsOf(fixturePlan(noStairs))).toEqual(
			['COR-1', 'U1', 'ST-1'].map((id) => `unit ${id}: cannot be reached on foot from COR-G: no door, stairs or lift links it to the rest of the plan`)
		);
	});

	it('names a display point outside its room, overlapping rooms and an outline that crosses itself', () => {
		const outside = edited(TWO_FLOORS, 'R1', (f) => (f.properties.display_point = { type: 'Point', coordinates: FIXTURE_FRAME.toLonLat([7, 5]) }));
		expect(errorsOf(outside)).toEqual([expect.stringMatching(/^unit R1: display point \[.*\] is outside its outline \(or on its wall\)$/)]);
		expect(errorsOf(edited(TWO_FLOORS, 'R2', (f) => (f.geometry = rect(4, 3, 10, 8))))).toEqual([
			'unit R1: overlaps unit R2 on level L0; rooms may share walls but not floor'
		]);
		const bowTie = {
			type: 'Polygon',
			coordinates: [
				[
					[5, 3],
					[10, 8],
					[10, 3],
					[5, 8],
					[5, 3]
				].map(([x, y]) => FIXTURE_FRAME.toLonLat([x ?? 0, y ?? 0]))
			]
		};
		expect(errorsOf(edited(TWO_FLOORS, 'R2', (f) => (f.geometry = bowTie)))[0]).toMatch(/^unit R2: outline crosses itself near \[/);
	});

	it('names a staircase link to a unit that is not there', () => {
		expect(errorsOf(edited(TWO_FLOORS, 'STAIRS', (f) => (f.properties.destination = 'ST-9')))).toEqual([
			'relationship STAIRS: refers to unit ST-9, which is not in the file',
			...['COR-1', 'U1', 'ST-1'].map((id) => `unit ${id}: cannot be reached on foot from COR-G: no door, stairs or lift links it to the rest of the plan`)
		]);
	});

	it('warns about an outline drawn clockwise', () => {
		const clockwise = edited(
			TWO_FLOORS,
			'R2',
			(f) => (f.geometry = { type: 'Polygon', coordinates: [[...(rect(5, 3, 10, 8).coordinates[0] ?? [])].reverse()] })
		);
		expect(checkFloorplan(clockwise)).toMatchObject({ ok: true, warnings: [{ feature: 'unit R2', message: expect.stringContaining('clockwise') as unknown }] });
	});

	it('answers text that is not a floorplan with one clear error, never a throw', () => {
		expect(checkFloorplanText('{"type": "FeatureCollection", "features": [')).toMatchObject({
			ok: false,
			errors: [{ message: expect.stringMatching(/^not valid JSON: /) as unknown }]
		});
		expect(checkFloorplanText('[]')).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('expected object') as unknown }] });
		expect(checkFloorplanText('{"type": "FeatureCollection", "features": []}')).toMatchObject({
			ok: false,
			errors: [{ message: 'features: a floorplan needs at least one feature' }]
		});
	});
});
