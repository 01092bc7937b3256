import type { FloorplanFeature, FloorplanFile, UnitCategory } from '../../server/protocol';
import type { Point } from '../../server/src/floorplan/geometry';
import { localFrame } from '../../server/src/floorplan/projection';

/** Small hand-made plans for specs, drawn in metres east and north of a point in Coventry. */
export const FIXTURE_FRAME = localFrame([-1.5, 52.4]);

type Rect = readonly [x0: number, y0: number, x1: number, y1: number];

export interface FixtureSpec {
	readonly levels: readonly { readonly id: string; readonly ordinal: number }[];
	readonly rooms: readonly { readonly id: string; readonly level: string; readonly rect: Rect; readonly category?: UnitCategory }[];
	readonly doors: readonly {
		readonly id: string;
		readonly level: string;
		readonly between: readonly [string, string];
		readonly line: readonly [Point, Point];
	}[];
	readonly links?: readonly { readonly id: string; readonly from: string; readonly to: string; readonly oneWay?: boolean }[];
}

const toLonLat = FIXTURE_FRAME.toLonLat;

function ring([x0, y0, x1, y1]: Rect): [number, number][] {
	return [toLonLat([x0, y0]), toLonLat([x1, y0]), toLonLat([x1, y1]), toLonLat([x0, y1]), toLonLat([x0, y0])];
}

function point(at: Point) {
	return { type: 'Point' as const, coordinates: toLonLat(at) };
}

function around(rects: readonly Rect[], margin: number): Rect {
	return [
		Math.min(...rects.map((r) => r[0])) - margin,
		Math.min(...rects.map((r) => r[1])) - margin,
		Math.max(...rects.map((r) => r[2])) + margin,
		Math.max(...rects.map((r) => r[3])) + margin
	];
}

export function fixturePlan(spec: FixtureSpec): FloorplanFile {
	const site = around(
		spec.rooms.map((room) => room.rect),
		10
	);
	const features: FloorplanFeature[] = [
		{
			type: 'Feature',
			id: 'VENUE',
			feature_type: 'venue',
			geometry: { type: 'Polygon', coordinates: [ring(site)] },
			properties: { category: 'school', name: 'Fixture School', display_point: point([0, 0]) }
		}
	];
	for (const level of spec.levels) {
		const outline = around(
			spec.rooms.filter((room) => room.level === level.id).map((room) => room.rect),
			0
		);
		features.push({
			type: 'Feature',
			id: level.id,
			feature_type: 'level',
			geometry: { type: 'Polygon', coordinates: [ring(outline)] },
			properties: { ordinal: level.ordinal, short_name: String(level.ordinal), name: `Floor ${level.ordinal}` }
		});
	}
	for (const room of spec.rooms) {
		const [x0, y0, x1, y1] = room.rect;
		features.push({
			type: 'Feature',
			id: room.id,
			feature_type: 'unit',
			geometry: { type: 'Polygon', coordinates: [ring(room.rect)] },
			properties: { category: room.category ?? 'classroom', name: room.id, level_id: room.level, display_point: point([(x0 + x1) / 2, (y0 + y1) / 2]) }
		});
	}
	for (const door of spec.doors) {
		features.push({
			type: 'Feature',
			id: door.id,
			feature_type: 'opening',
			geometry: { type: 'LineString', coordinates: door.line.map(toLonLat) },
			properties: { category: 'pedestrian', level_id: door.level, unit_ids: [door.between[0], door.between[1]] }
		});
	}
	for (const link of spec.links ?? []) {
		features.push({
			type: 'Feature',
			id: link.id,
			feature_type: 'relationship',
			geometry: null,
			properties: { category: 'traversal', direction: link.oneWay === true ? 'directed' : 'undirected', origin: link.from, destination: link.to }
		});
	}
	return { type: 'FeatureCollection', features };
}

/**
 * Two floors joined by one staircase. Downstairs R1 and R2 open off a corridor that also
 * leads to the stairs; upstairs U1 opens off a shorter corridor to the same stairs.
 *
 *   level 1:              | U1 | ST-1 |        level 0:  | R1 | R2 |    | ST-G |
 *                         |  COR-1    |                  |      COR-G          |
 *   x:  0    5    10   15   20
 */
export const TWO_FLOORS: FixtureSpec = {
	levels: [
		{ id: 'L0', ordinal: 0 },
		{ id: 'L1', ordinal: 1 }
	],
	rooms: [
		{ id: 'COR-G', level: 'L0', rect: [0, 0, 20, 3], category: 'walkway' },
		{ id: 'R1', level: 'L0', rect: [0, 3, 5, 8] },
		{ id: 'R2', level: 'L0', rect: [5, 3, 10, 8] },
		{ id: 'ST-G', level: 'L0', rect: [15, 3, 20, 8], category: 'stairs' },
		{ id: 'COR-1', level: 'L1', rect: [10, 0, 20, 3], category: 'walkway' },
		{ id: 'U1', level: 'L1', rect: [10, 3, 15, 8] },
		{ id: 'ST-1', level: 'L1', rect: [15, 3, 20, 8], category: 'stairs' }
	],
	doors: [
		{
			id: 'D-R1',
			level: 'L0',
			between: ['R1', 'COR-G'],
			line: [
				[2, 3],
				[3, 3]
			]
		},
		{
			id: 'D-R2',
			level: 'L0',
			between: ['R2', 'COR-G'],
			line: [
				[7, 3],
				[8, 3]
			]
		},
		{
			id: 'D-ST-G',
			level: 'L0',
			between: ['ST-G', 'COR-G'],
			line: [
				[17, 3],
				[18, 3]
			]
		},
		{
			id: 'D-U1',
			level: 'L1',
			between: ['U1', 'COR-1'],
			line: [
				[12, 3],
				[13, 3]
			]
		},
		{
			id: 'D-ST-1',
			level: 'L1',
			between: ['ST-1', 'COR-1'],
			line: [
				[17, 3],
				[18, 3]
			]
		}
	],
	links: [{ id: 'STAIRS', from: 'ST-G', to: 'ST-1' }]
};
