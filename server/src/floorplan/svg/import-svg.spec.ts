import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featuresOf, type FloorplanFile } from '../../../protocol';
import { checkFloorplan } from '../check';
import { buildWalkingGraph, walkingDistance } from '../walking-graph';
import { importSvg, type ImportResult } from './import-svg';

const example = (name: string): string => readFileSync(new URL(`../../../../floorplans/examples/${name}`, import.meta.url), 'utf8');
const ORIGIN = [-1.5, 52.4] as const;

function planOf(result: ImportResult): FloorplanFile {
	if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.report.errors)}`);
	return result.plan;
}

const ground = importSvg(example('ground-floor.svg'), { ordinal: 0, sourceName: 'ground-floor.svg', origin: [...ORIGIN] }, null);

describe('importing a floor drawn in SVG', () => {
	it('turns labelled shapes into rooms, with categories from data-category, class or code, and lines into doors', () => {
		const plan = planOf(ground);
		expect(ground.report).toMatchObject({ levelId: 'level-G', skipped: [], scale: { metresPerUnit: 0.1 }, doors: 7 });
		expect(ground.report.units).toEqual([
			{ id: 'COR-G', category: 'walkway' },
			{ id: 'G01', category: 'classroom' },
			{ id: 'G02', category: 'laboratory' },
			{ id: 'WC-G', category: 'restroom' },
			{ id: 'STAIRS-G', category: 'stairs' },
			{ id: 'G03', category: 'classroom' },
			{ id: 'G04', category: 'classroom' }
		]);
		const units = new Map(featuresOf(plan, 'unit').map((unit) => [unit.id, unit.properties]));
		expect(units.get('G02')).toMatchObject({ name: 'Science lab', short_name: 'G02', level_id: 'level-G' });
		expect(units.get('G04')?.name).toBe('Art studio');
		expect(featuresOf(plan, 'venue')[0]?.properties.name).toBe('Example Academy');
		const doors = featuresOf(plan, 'opening').map((door) => [door.id, ...door.properties.unit_ids]);
		expect(doors).toContainEqual(['DOOR-WC', 'COR-G', 'WC-G']);
		expect(doors).toContainEqual([expect.stringMatching(/^DOOR-G-\d{3}$/), 'G03', 'G04']);
		expect(checkFloorplan(plan)).toMatchObject({ ok: true, warnings: [] });
	});

	it('places the drawing in metres: 0.1 m per unit from the scale bar, y pointing north', () => {
		const graph = buildWalkingGraph(planOf(ground));
		// G01's middle (4, 3.5 m from its corner) to its door at 3.5 m along its south wall, 7 m along the corridor to G02's door, up into G02.
		expect(walkingDistance(graph, 'G01', 'G02')).toBeCloseTo(Math.hypot(0.5, 3.5) + 8 + Math.hypot(0.5, 3.5), 1);
		const [g01] = featuresOf(planOf(ground), 'unit');
		expect(g01?.geometry.type).toBe('Polygon');
	});

	it('adds a floor to an existing file in the same frame and links the stairs drawn over each other', () => {
		const first = importSvg(example('first-floor.svg'), { ordinal: 1, sourceName: 'first-floor.svg' }, planOf(ground));
		const plan = planOf(first);
		expect(first.report.scale?.from).toBe('the earlier import of level-G');
		expect(first.report.skipped).toEqual([]);
		expect(first.report.notes).toContainEqual({ where: 'line 14 <path F04>', message: '1 curved edge flattened into straight pieces' });
		expect(featuresOf(plan, 'relationship').map((r) => [r.properties.origin, r.properties.destination])).toEqual([['STAIRS-G', 'STAIRS-1']]);
		expect(featuresOf(plan, 'level').map((level) => level.id)).toEqual(['level-G', 'level-1']);
		const graph = buildWalkingGraph(plan);
		expect(walkingDistance(graph, 'G01', 'F01')).toBeGreaterThan(15);
		expect(checkFloorplan(plan).ok).toBe(true);

		const again = importSvg(example('first-floor.svg'), { ordinal: 1, sourceName: 'first-floor.svg' }, plan);
		expect(featuresOf(planOf(again), 'unit')).toHaveLength(13);
		expect(again.report.notes).toContainEqual({ where: 'level level-1', message: 'replaced: the old floor had 6 units' });
	});

	it('skips what it cannot use, says why, and still writes the rest', () => {
		const broken = importSvg(example('broken.svg'), { ordinal: 0, sourceName: 'broken.svg' }, null);
		expect(broken.report.skipped).toEqual([
			{ where: 'line 10 <rect id="rect330">', message: 'no label: give the shape its room code as its id or Inkscape label' },
			{ where: 'line 11 <polygon B03>', message: 'its outline crosses itself near (40, 135)' },
			{ where: 'line 12 <use>', message: 'clones (<use>) are not read; unlink the clone (Inkscape: Edit > Clone > Unlink Clone)' },
			{ where: 'line 13 <circle "B05">', message: 'circles and ellipses are not read; draw rooms as rectangles, polygons or paths' },
			{
				where: 'line 14 <g>',
				message:
					'transform perspective(3) is not one SVG knows (translate, scale, rotate, skewX, skewY, matrix) or has the wrong number of values; skipped with everything in it'
			},
			{
				where: 'line 19 <line>',
				message: "door touches no wall (the nearest wall is COR-B's, 4.0 m away); draw it along the wall between the two rooms it joins"
			}
		]);
		expect(broken.report.origin?.from).toBe('nothing said otherwise (no --origin or earlier floor)');
		expect(featuresOf(planOf(broken), 'unit').map((unit) => unit.id)).toEqual(['COR-B', 'B01', 'B02']);
		expect(featuresOf(planOf(broken), 'opening')).toHaveLength(2);
	});

	it('writes nothing when the floor would not be usable, naming the room at fault', () => {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg">
			<rect id="COR" x="0" y="10" width="40" height="5"/>
			<rect id="R1" x="0" y="0" width="20" height="10"/>
			<rect id="R2" x="20" y="0" width="20" height="10"/>
			<line class="door" x1="5" y1="10" x2="6" y2="10"/>
		</svg>`;
		const result = importSvg(svg, { ordinal: 0, sourceName: 'nodoor.svg' }, null);
		expect(result.ok).toBe(false);
		expect(result.report.errors).toEqual([
			{ feature: 'unit R2', message: 'cannot be reached on foot from COR: no door, stairs or lift links it to the rest of the plan' }
		]);
		expect(result.report.notes).toEqual([]);
		const inMillimetres = importSvg(
			svg.replace('<rect id="COR"', '<g transform="scale(10)"><rect id="COR"').replace('</svg>', '</g></svg>'),
			{ ordinal: 0, sourceName: 'mm.svg' },
			null
		);
		expect(inMillimetres.report.notes).toContainEqual({
			where: 'level-G',
			message: 'the middle-sized room is 20000 m²; is the scale (1 m per SVG unit) right?'
		});
	});

	it('answers a file that is not SVG, or draws no room, with one clear error', () => {
		expect(importSvg('<svg><rect></svg>', { ordinal: 0, sourceName: 'x.svg' }, null).report.errors).toEqual([
			{ message: expect.stringMatching(/^not well-formed XML: 1:\d+: /) as unknown }
		]);
		expect(importSvg('<html/>', { ordinal: 0, sourceName: 'x.svg' }, null).report.errors).toEqual([{ message: 'its outermost element is <html>, not <svg>' }]);
		expect(importSvg('<svg><rect x="0" y="0" width="5" height="5"/></svg>', { ordinal: 0, sourceName: 'x.svg' }, null).report.errors).toEqual([
			{ message: 'no rooms found: draw each room as a closed shape labelled with its room code' }
		]);
	});
});
