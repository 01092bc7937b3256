/**
 * Draws Northfield Academy, the demo school, as IMDF features in demo-school.geojson.
 *
 * The plan is laid out in metres (x east, y north) and converted to WGS84 at the end. A spine
 * (the main corridor) runs east-west; three two-storey teaching blocks, A, B and C, run north
 * from it with the yard between A and B. South of the spine are the single-storey hall, drama
 * and music rooms, the admin wing leading to reception, the canteen and the sports hall.
 *
 * Run with `npx tsx floorplans/draw-demo-school.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	describeFloorplan,
	validateFloorplan,
	type AmenityCategory,
	type AmenityFeature,
	type BuildingFeature,
	type Floorplan,
	type LevelFeature,
	type OpeningCategory,
	type OpeningFeature,
	type PointGeometry,
	type PolygonGeometry,
	type Position,
	type RelationshipFeature,
	type Restriction,
	type UnitCategory,
	type UnitFeature,
	type VenueFeature
} from './check-floorplan';

const OUTPUT = fileURLToPath(new URL('./demo-school.geojson', import.meta.url));

type LevelKey = 'G' | '1';

interface Rect {
	readonly x0: number;
	readonly y0: number;
	readonly x1: number;
	readonly y1: number;
}

interface RoomSpec {
	readonly id: string;
	readonly category: UnitCategory;
	readonly name: string;
	readonly shortName: string;
	readonly restriction: Restriction;
}

/** A room in a row along a corridor; `width` is its frontage on the corridor. */
interface Slot extends RoomSpec {
	readonly width: number;
}

interface Unit extends RoomSpec {
	readonly level: LevelKey;
	readonly rect: Rect;
}

interface Door {
	readonly level: LevelKey;
	readonly unitIds: readonly [string, string];
	readonly line: readonly [Position, Position];
	readonly category: OpeningCategory;
}

// ---------------------------------------------------------------------------
// Site and building dimensions, in metres.

const SITE_ANCHOR = { x: 55, y: 70, lon: -1.5, lat: 52.4 } as const;
const SITE_MARGIN = 15;
const METRES_PER_DEGREE_LAT = 111_320;
const METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * Math.cos((SITE_ANCHOR.lat * Math.PI) / 180);

const CLASSROOM = { width: 8, depth: 7 } as const;
const LAB = { width: 8, depth: 10 } as const;
const WING_CORRIDOR = 2.5;
const MAIN_CORRIDOR = 3;
const DOOR = 1;
const DOUBLE_DOOR = 1.8;

const MAIN_CORRIDOR_SOUTH = 60;
const MAIN_CORRIDOR_NORTH = MAIN_CORRIDOR_SOUTH + MAIN_CORRIDOR;
const WING_LENGTH = 48;
const WING_END = MAIN_CORRIDOR_NORTH + WING_LENGTH;

interface WingFrame {
	readonly block: string;
	readonly westFace: number;
	readonly westDepth: number;
	readonly eastDepth: number;
	/** Where the wing meets the main corridor. */
	readonly start: number;
	/** +1 for wings running north from the main corridor, -1 for south. */
	readonly direction: 1 | -1;
	readonly length: number;
}

function eastFace(wing: WingFrame): number {
	return wing.westFace + wing.westDepth + WING_CORRIDOR + wing.eastDepth;
}

function teachingBlock(block: string, westFace: number, westDepth: number): WingFrame {
	return {
		block,
		westFace,
		westDepth,
		eastDepth: CLASSROOM.depth,
		start: MAIN_CORRIDOR_NORTH,
		direction: 1,
		length: WING_LENGTH
	};
}

const YARD_WIDTH = 24;
// The courtyard between B and C blocks is left open for daylight; it is not a unit.
const COURTYARD_WIDTH = 16;

const BLOCK_A = teachingBlock('A', 0, LAB.depth);
const BLOCK_B = teachingBlock('B', eastFace(BLOCK_A) + YARD_WIDTH, CLASSROOM.depth);
const BLOCK_C = teachingBlock('C', eastFace(BLOCK_B) + COURTYARD_WIDTH, CLASSROOM.depth);
const ADMIN_WING: WingFrame = {
	block: 'Admin',
	westFace: 52,
	westDepth: 7,
	eastDepth: 7,
	start: MAIN_CORRIDOR_SOUTH,
	direction: -1,
	length: 28
};

const SPORTS_HALL = { width: 18, length: 33 } as const;
const SPORTS_WEST = eastFace(BLOCK_C);
const SPORTS_EAST = SPORTS_WEST + SPORTS_HALL.width;
const KITCHEN_WEST = 84.5;

/** Section boundaries keep every stretch of the main corridor to about 22 m. */
const MAIN_CORRIDOR_BREAKS: Record<LevelKey, readonly number[]> = {
	G: [22, 44, 66, 88],
	'1': [22, 44, 66]
};

// ---------------------------------------------------------------------------
// Room catalogue helpers.

function room(
	id: string,
	category: UnitCategory,
	name: string,
	shortName: string = name,
	restriction: Restriction = null
): RoomSpec {
	return { id, category, name, shortName, restriction };
}

function staffRoom(id: string, category: UnitCategory, name: string, shortName = name): RoomSpec {
	return room(id, category, name, shortName, 'employeesonly');
}

/** Teaching rooms are known by their code alone, so id and short name are the same. */
function teaching(id: string, kind: string, category: UnitCategory = 'classroom'): RoomSpec {
	return room(id, category, `${id} ${kind}`, id);
}

function slot(width: number, spec: RoomSpec): Slot {
	return { ...spec, width };
}

/** Consecutive teaching rooms of one department, e.g. M01..M04. */
function series(
	department: string,
	first: number,
	count: number,
	kind: string,
	width: number = CLASSROOM.width,
	category: UnitCategory = 'classroom'
): Slot[] {
	return Array.from({ length: count }, (_, i) => {
		const id = `${department}${String(first + i).padStart(2, '0')}`;
		return slot(width, teaching(id, kind, category));
	});
}

function labs(first: number, count: number): Slot[] {
	return series('S', first, count, 'Science lab', LAB.width, 'laboratory');
}

function stairs(block: string, level: LevelKey, width: number): Slot {
	const name = `Staircase ${block}`;
	return slot(width, room(`STAIRS-${block}-${level}`, 'stairs', name, `Stairs ${block}`));
}

function corridor(id: string, name: string, shortName: string): RoomSpec {
	return room(id, 'walkway', name, shortName);
}

// ---------------------------------------------------------------------------
// What is in each wing, floor by floor, listed outward from the main corridor.

interface WingFloor {
	readonly west: readonly Slot[];
	readonly east: readonly Slot[];
}

const BLOCK_A_FLOORS: Record<LevelKey, WingFloor> = {
	G: {
		west: [
			...labs(1, 5),
			stairs('A', 'G', 5),
			slot(3, staffRoom('SCI-STORE-G', 'storage', 'Chemical store'))
		],
		east: [
			slot(8, staffRoom('SCI-PREP-G', 'nonpublic', 'Science prep room', 'Prep room')),
			slot(12, teaching('D01', 'DT workshop')),
			slot(12, teaching('D02', 'DT workshop')),
			slot(CLASSROOM.width, teaching('D03', 'DT design studio')),
			slot(CLASSROOM.width, teaching('D04', 'Food technology room'))
		]
	},
	'1': {
		west: [
			...labs(21, 4),
			slot(8, staffRoom('SCI-PREP-1', 'nonpublic', 'Science prep room (first floor)', 'Prep room')),
			stairs('A', '1', 5),
			slot(3, staffRoom('SCI-STORE-1', 'storage', 'Science store'))
		],
		east: [
			slot(8, staffRoom('SCI-OFFICE', 'office', 'Science workroom')),
			...series('IT', 21, 4, 'Computing suite'),
			slot(4, staffRoom('SERVER', 'serverroom', 'Server room')),
			slot(4, staffRoom('EXAMS', 'office', 'Exams office'))
		]
	}
};

const BLOCK_B_FLOORS: Record<LevelKey, WingFloor> = {
	G: {
		west: [
			slot(6, room('WC-G-GIRLS', 'restroom.female', "Girls' toilets (ground)", "Girls' WC")),
			slot(6, room('WC-G-BOYS', 'restroom.male', "Boys' toilets (ground)", "Boys' WC")),
			...series('M', 1, 4, 'Maths classroom'),
			slot(4, staffRoom('MATHS-OFFICE', 'office', 'Maths office'))
		],
		east: [
			stairs('B', 'G', 6),
			slot(3, room('LIFT-G', 'elevator', 'Lift')),
			slot(
				3,
				room(
					'WC-G-ACCESS',
					'restroom.unisex.wheelchair',
					'Accessible toilet (ground)',
					'Accessible WC'
				)
			),
			...series('M', 5, 4, 'Maths classroom'),
			slot(4, staffRoom('CLEANERS-G', 'storage', "Cleaners' store"))
		]
	},
	'1': {
		west: [
			slot(6, room('WC-1-GIRLS', 'restroom.female', "Girls' toilets (first floor)", "Girls' WC")),
			slot(6, room('WC-1-BOYS', 'restroom.male', "Boys' toilets (first floor)", "Boys' WC")),
			...series('E', 21, 4, 'English classroom'),
			slot(4, staffRoom('ENG-OFFICE', 'office', 'English office'))
		],
		east: [
			stairs('B', '1', 6),
			slot(3, room('LIFT-1', 'elevator', 'Lift')),
			slot(
				3,
				room(
					'WC-1-ACCESS',
					'restroom.unisex.wheelchair',
					'Accessible toilet (first floor)',
					'Accessible WC'
				)
			),
			...series('E', 25, 4, 'English classroom'),
			slot(4, staffRoom('WC-1-STAFF', 'restroom', 'Staff toilets (first floor)', 'Staff WC'))
		]
	}
};

const BLOCK_C_FLOORS: Record<LevelKey, WingFloor> = {
	G: {
		west: [
			...series('H', 1, 5, 'Humanities classroom'),
			stairs('C', 'G', 5),
			slot(3, staffRoom('STORE-G-C', 'storage', 'C block store'))
		],
		east: [
			...series('A', 1, 3, 'Art studio'),
			slot(4, staffRoom('KILN', 'nonpublic', 'Kiln room')),
			slot(8, room('LSU', 'classroom', 'Learning support base', 'LSU')),
			slot(
				8,
				room('WC-G-UNISEX', 'restroom.unisex', 'Gender-neutral toilets (ground)', 'C block WC')
			),
			slot(4, staffRoom('HUM-OFFICE', 'office', 'Humanities office'))
		]
	},
	'1': {
		west: [
			...series('H', 21, 5, 'Humanities classroom'),
			stairs('C', '1', 5),
			slot(3, staffRoom('STORE-1-C', 'storage', 'C block store (first floor)', 'C block store'))
		],
		east: [
			...series('L', 21, 4, 'Languages classroom'),
			slot(4, staffRoom('LANG-OFFICE', 'office', 'Languages office')),
			slot(
				8,
				room('WC-1-UNISEX', 'restroom.unisex', 'Gender-neutral toilets (first floor)', 'C block WC')
			),
			slot(4, staffRoom('HOY', 'office', 'Heads of year office', 'Heads of year'))
		]
	}
};

const ADMIN_FLOOR: WingFloor = {
	west: [
		slot(8, room('PASTORAL', 'office', 'Pastoral office', 'Pastoral')),
		slot(7, room('RR', 'classroom', 'Reflection Room', 'RR')),
		slot(5, room('MEDICAL', 'firstaid', 'Medical room', 'Medical')),
		slot(3, staffRoom('WC-G-STAFF', 'restroom', 'Staff toilets (ground)', 'Staff WC')),
		slot(5, staffRoom('MAIN-OFFICE', 'office', 'Main office'))
	],
	east: [
		slot(10, staffRoom('STAFFROOM', 'lounge', 'Staff room')),
		slot(5, staffRoom('SLT-HEAD', 'office', "Headteacher's office", "Head's office")),
		slot(5, staffRoom('SLT-DEPUTY', 'office', "Deputy headteachers' office", "Deputies' office")),
		slot(4, staffRoom('SLT-AHT', 'office', "Assistant headteachers' office", "AHTs' office")),
		slot(4, staffRoom('MEETING', 'conferenceroom', 'Meeting room'))
	]
};

const MAIN_CORRIDOR_SECTIONS: Record<LevelKey, readonly RoomSpec[]> = {
	G: [
		corridor('COR-G-WEST', 'Main corridor (west)', 'Main corridor W'),
		corridor('COR-G-MIDWEST', 'Main corridor (mid-west)', 'Main corridor MW'),
		corridor('COR-G-CENTRE', 'Main corridor (centre)', 'Main corridor C'),
		corridor('COR-G-MIDEAST', 'Main corridor (mid-east)', 'Main corridor ME'),
		corridor('COR-G-EAST', 'Main corridor (east)', 'Main corridor E')
	],
	'1': [
		corridor('COR-1-WEST', 'First floor corridor (west)', 'Upper corridor W'),
		corridor('COR-1-MIDWEST', 'First floor corridor (mid-west)', 'Upper corridor MW'),
		corridor('COR-1-CENTRE', 'First floor corridor (centre)', 'Upper corridor C'),
		corridor('COR-1-EAST', 'First floor corridor (east)', 'Upper corridor E')
	]
};

function wingCorridors(block: string, level: LevelKey): RoomSpec[] {
	const floor = level === 'G' ? '' : ' (first floor)';
	return (['south', 'north'] as const).map((end) =>
		corridor(
			`COR-${level}-${block}-${end === 'south' ? 'S' : 'N'}`,
			`${block} block corridor (${end})${floor}`,
			`${block} block ${end === 'south' ? 'S' : 'N'}`
		)
	);
}

/** Ground-floor rooms opening straight off the main corridor: [room, west wall, east wall, depth]. */
type OffSpine = readonly [RoomSpec, number, number, number];

const SOUTH_OF_SPINE: readonly OffSpine[] = [
	[room('HALL', 'auditorium', 'Main hall'), 0, 24, 22],
	[teaching('DR01', 'Drama studio'), 24, 36, 11],
	[teaching('MU01', 'Music room'), 36, 44, CLASSROOM.depth],
	[teaching('MU02', 'Music room'), 44, ADMIN_WING.westFace, CLASSROOM.depth],
	[room('CANTEEN', 'foodservice', 'Canteen'), eastFace(ADMIN_WING), KITCHEN_WEST, 26],
	[staffRoom('KITCHEN', 'kitchen', 'Kitchen'), KITCHEN_WEST, SPORTS_WEST, 12],
	[room('SPORTS', 'fitnessroom', 'Sports hall'), SPORTS_WEST, SPORTS_EAST, SPORTS_HALL.length]
];

const NORTH_OF_SPINE: readonly OffSpine[] = [
	[room('CHANGE-GIRLS', 'room', "Girls' changing room"), SPORTS_WEST, SPORTS_WEST + 9, 8],
	[room('CHANGE-BOYS', 'room', "Boys' changing room"), SPORTS_WEST + 9, SPORTS_EAST, 8],
	[room('YARD', 'opentoair', 'Yard'), eastFace(BLOCK_A), BLOCK_B.westFace, WING_LENGTH]
];

// ---------------------------------------------------------------------------
// Layout.

function rect(x0: number, y0: number, x1: number, y1: number): Rect {
	return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
}

function place(level: LevelKey, spec: RoomSpec, where: Rect): Unit {
	const { id, category, name, shortName, restriction } = spec;
	return { id, category, name, shortName, restriction, level, rect: where };
}

/** A double-loaded wing: rooms either side of a corridor that is split into equal sections. */
function layoutWing(
	wing: WingFrame,
	level: LevelKey,
	floor: WingFloor,
	sections: readonly RoomSpec[]
): Unit[] {
	const along = (from: number, to: number): [number, number] => [
		wing.start + wing.direction * from,
		wing.start + wing.direction * to
	];
	const corridorWest = wing.westFace + wing.westDepth;
	const corridorEast = corridorWest + WING_CORRIDOR;

	const row = (slots: readonly Slot[], x0: number, x1: number, side: string): Unit[] => {
		const length = slots.reduce((total, s) => total + s.width, 0);
		if (length !== wing.length) {
			throw new Error(
				`${wing.block} block, level ${level}: ${side} side is ${length} m long, the wing ${wing.length} m`
			);
		}
		let offset = 0;
		return slots.map((s) => {
			const [y0, y1] = along(offset, offset + s.width);
			offset += s.width;
			return place(level, s, rect(x0, y0, x1, y1));
		});
	};

	const section = wing.length / sections.length;
	const corridorUnits = sections.map((spec, i) => {
		const [y0, y1] = along(i * section, (i + 1) * section);
		return place(level, spec, rect(corridorWest, y0, corridorEast, y1));
	});

	return [
		...row(floor.west, wing.westFace, corridorWest, 'west'),
		...corridorUnits,
		...row(floor.east, corridorEast, eastFace(wing), 'east')
	];
}

function layoutMainCorridor(level: LevelKey, eastEnd: number): Unit[] {
	const bounds = [0, ...MAIN_CORRIDOR_BREAKS[level], eastEnd];
	return MAIN_CORRIDOR_SECTIONS[level].map((spec, i) => {
		const [west, east] = [bounds[i], bounds[i + 1]];
		if (west === undefined || east === undefined) {
			throw new Error(`Level ${level} main corridor has more section names than sections`);
		}
		return place(level, spec, rect(west, MAIN_CORRIDOR_SOUTH, east, MAIN_CORRIDOR_NORTH));
	});
}

function groundFloor(): Unit[] {
	const adminSouth = ADMIN_WING.start - ADMIN_WING.length;
	return [
		...layoutMainCorridor('G', SPORTS_EAST),
		...layoutWing(BLOCK_A, 'G', BLOCK_A_FLOORS.G, wingCorridors('A', 'G')),
		...layoutWing(BLOCK_B, 'G', BLOCK_B_FLOORS.G, wingCorridors('B', 'G')),
		...layoutWing(BLOCK_C, 'G', BLOCK_C_FLOORS.G, wingCorridors('C', 'G')),
		...layoutWing(ADMIN_WING, 'G', ADMIN_FLOOR, [
			corridor('COR-G-ADMIN', 'Admin corridor', 'Admin corridor')
		]),
		place(
			'G',
			room('RECEPTION', 'office', 'Reception'),
			rect(ADMIN_WING.westFace, adminSouth - 8, eastFace(ADMIN_WING), adminSouth)
		),
		place(
			'G',
			room('LIB', 'library', 'Library'),
			rect(BLOCK_B.westFace, WING_END, eastFace(BLOCK_B), WING_END + 12)
		),
		...SOUTH_OF_SPINE.map(([spec, west, east, depth]) =>
			place('G', spec, rect(west, MAIN_CORRIDOR_SOUTH - depth, east, MAIN_CORRIDOR_SOUTH))
		),
		...NORTH_OF_SPINE.map(([spec, west, east, depth]) =>
			place('G', spec, rect(west, MAIN_CORRIDOR_NORTH, east, MAIN_CORRIDOR_NORTH + depth))
		)
	];
}

function firstFloor(): Unit[] {
	return [
		...layoutMainCorridor('1', eastFace(BLOCK_C)),
		...layoutWing(BLOCK_A, '1', BLOCK_A_FLOORS['1'], wingCorridors('A', '1')),
		...layoutWing(BLOCK_B, '1', BLOCK_B_FLOORS['1'], wingCorridors('B', '1')),
		...layoutWing(BLOCK_C, '1', BLOCK_C_FLOORS['1'], wingCorridors('C', '1'))
	];
}

// ---------------------------------------------------------------------------
// Doors. Every room gets one onto the corridor it shares most wall with; corridor sections
// open fully into each other; the doors below are added by hand.

const EXTRA_DOORS: readonly {
	readonly between: readonly [string, string];
	/** Where the door's centre sits along the shared wall, 0..1 from its south or west end. */
	readonly at?: number;
	readonly category?: OpeningCategory;
}[] = [
	{ between: ['YARD', 'COR-G-WEST'], category: 'pedestrian.principal' },
	{ between: ['YARD', 'COR-G-MIDWEST'], at: 0.6, category: 'pedestrian.principal' },
	{ between: ['HALL', 'COR-G-MIDWEST'] },
	{ between: ['HALL', 'DR01'] },
	{ between: ['CANTEEN', 'COR-G-MIDEAST'], at: 0.15 },
	{ between: ['CANTEEN', 'KITCHEN'], at: 0.7, category: 'service' },
	{ between: ['SPORTS', 'COR-G-EAST'], at: 0.2 },
	{ between: ['RECEPTION', 'MAIN-OFFICE'] }
];

/** The yard is reached only through the doors above, never by an automatic corridor door. */
const HAND_DOORS_ONLY = new Set(['YARD']);

const DOUBLE_DOORED = new Set<UnitCategory>([
	'auditorium',
	'fitnessroom',
	'foodservice',
	'library',
	'opentoair'
]);

function sharedWall(a: Rect, b: Rect): [Position, Position] | null {
	for (const x of [a.x0, a.x1]) {
		const [low, high] = [Math.max(a.y0, b.y0), Math.min(a.y1, b.y1)];
		if ((x === b.x0 || x === b.x1) && high > low)
			return [
				[x, low],
				[x, high]
			];
	}
	for (const y of [a.y0, a.y1]) {
		const [low, high] = [Math.max(a.x0, b.x0), Math.min(a.x1, b.x1)];
		if ((y === b.y0 || y === b.y1) && high > low)
			return [
				[low, y],
				[high, y]
			];
	}
	return null;
}

function wallLength([from, to]: readonly [Position, Position]): number {
	return Math.hypot(to[0] - from[0], to[1] - from[1]);
}

function doorBetween(
	a: Unit,
	b: Unit,
	width: number | 'whole wall',
	at = 0.5,
	category: OpeningCategory = 'pedestrian'
): Door {
	const wall = sharedWall(a.rect, b.rect);
	if (wall === null) throw new Error(`${a.id} and ${b.id} share no wall to put a door in`);
	const length = wallLength(wall);
	const span = width === 'whole wall' ? length : width;
	if (span > length)
		throw new Error(`A ${span} m door does not fit the ${length} m wall of ${a.id} and ${b.id}`);
	const middle = Math.min(Math.max(at * length, span / 2), length - span / 2);
	const [from, to] = wall;
	const along = (distance: number): Position => [
		from[0] + ((to[0] - from[0]) * distance) / length,
		from[1] + ((to[1] - from[1]) * distance) / length
	];
	return {
		level: a.level,
		unitIds: [a.id, b.id],
		line: [along(middle - span / 2), along(middle + span / 2)],
		category
	};
}

function doorsFor(units: readonly Unit[]): Door[] {
	const byId = new Map(units.map((unit) => [unit.id, unit]));
	const walkways = units.filter((unit) => unit.category === 'walkway');
	const doors: Door[] = [];

	walkways.forEach((a, i) => {
		for (const b of walkways.slice(i + 1)) {
			if (sharedWall(a.rect, b.rect) !== null) doors.push(doorBetween(a, b, 'whole wall'));
		}
	});

	for (const unit of units) {
		if (unit.category === 'walkway' || HAND_DOORS_ONLY.has(unit.id)) continue;
		const width = DOUBLE_DOORED.has(unit.category) ? DOUBLE_DOOR : DOOR;
		const [best] = walkways
			.map((walkway) => ({ walkway, wall: sharedWall(unit.rect, walkway.rect) }))
			.flatMap(({ walkway, wall }) =>
				wall === null ? [] : [{ walkway, length: wallLength(wall) }]
			)
			.filter(({ length }) => length >= width + 0.4)
			.sort((p, q) => q.length - p.length);
		if (best === undefined) continue;
		const category = unit.category === 'kitchen' ? 'service' : 'pedestrian';
		doors.push(doorBetween(unit, best.walkway, width, 0.5, category));
	}

	for (const { between, at, category } of EXTRA_DOORS) {
		const [a, b] = between.map((id) => byId.get(id));
		if (a === undefined || b === undefined) continue;
		const double = DOUBLE_DOORED.has(a.category) || DOUBLE_DOORED.has(b.category);
		doors.push(doorBetween(a, b, double ? DOUBLE_DOOR : DOOR, at, category));
	}
	return doors;
}

// ---------------------------------------------------------------------------
// A level's outline: the union of its rooms, traced around the grid their walls make.

function outline(rects: readonly Rect[]): Position[] {
	const xs = [...new Set(rects.flatMap((r) => [r.x0, r.x1]))].sort((a, b) => a - b);
	const ys = [...new Set(rects.flatMap((r) => [r.y0, r.y1]))].sort((a, b) => a - b);
	const filled = (i: number, j: number): boolean => {
		const [x0, x1, y0, y1] = [xs[i], xs[i + 1], ys[j], ys[j + 1]];
		if (x0 === undefined || x1 === undefined || y0 === undefined || y1 === undefined) return false;
		const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
		return rects.some((r) => cx > r.x0 && cx < r.x1 && cy > r.y0 && cy < r.y1);
	};

	const key = ([x, y]: Position): string => `${x},${y}`;
	const next = new Map<string, Position>();
	const edge = (from: Position, to: Position): void => {
		if (next.has(key(from))) throw new Error(`Floor outline touches itself at ${key(from)}`);
		next.set(key(from), to);
	};
	xs.slice(0, -1).forEach((x0, i) => {
		ys.slice(0, -1).forEach((y0, j) => {
			const [x1, y1] = [xs[i + 1] ?? x0, ys[j + 1] ?? y0];
			if (!filled(i, j)) return;
			// Each edge keeps its filled cell on the left, so the ring runs counter-clockwise.
			if (!filled(i, j - 1)) edge([x0, y0], [x1, y0]);
			if (!filled(i + 1, j)) edge([x1, y0], [x1, y1]);
			if (!filled(i, j + 1)) edge([x1, y1], [x0, y1]);
			if (!filled(i - 1, j)) edge([x0, y1], [x0, y0]);
		});
	});

	const [start] = next.keys();
	if (start === undefined) throw new Error('Cannot outline an empty floor');
	const ring: Position[] = [];
	for (let cursor = start; ;) {
		const to = next.get(cursor);
		if (to === undefined) throw new Error(`Floor outline is not closed at ${cursor}`);
		ring.push(to);
		next.delete(cursor);
		cursor = key(to);
		if (cursor === start) break;
	}
	if (next.size > 0)
		throw new Error('Floor is in pieces or has a hole; one ring cannot outline it');

	const corners = ring.filter((here, i) => {
		const before = ring[(i + ring.length - 1) % ring.length] ?? here;
		const after = ring[(i + 1) % ring.length] ?? here;
		return (
			(here[0] - before[0]) * (after[1] - here[1]) !== (here[1] - before[1]) * (after[0] - here[0])
		);
	});
	const first = corners[0];
	if (first === undefined) throw new Error('Floor outline has no corners');
	return [...corners, first];
}

// ---------------------------------------------------------------------------
// GeoJSON features.

const VENUE_ID = 'NORTHFIELD';
const BUILDING_ID = 'MAIN-BUILDING';
const LEVELS: Record<LevelKey, { id: string; ordinal: number; name: string; labelIn: string }> = {
	G: { id: 'level-G', ordinal: 0, name: 'Ground floor', labelIn: 'COR-G-CENTRE' },
	'1': { id: 'level-1', ordinal: 1, name: 'First floor', labelIn: 'COR-1-CENTRE' }
};

interface AmenitySpec {
	readonly id: string;
	readonly category: AmenityCategory;
	readonly name: string;
	readonly unit: string;
	/** Where in the unit, as fractions of its width and depth from the south-west corner. */
	readonly at: Position;
}

function amenity(
	id: string,
	category: AmenityCategory,
	name: string,
	unit: string,
	at: Position
): AmenitySpec {
	return { id, category, name, unit, at };
}

const AMENITIES: readonly AmenitySpec[] = [
	amenity('AED-RECEPTION', 'defibrillator', 'Defibrillator (reception)', 'RECEPTION', [0.1, 0.85]),
	amenity('AED-SPORTS', 'defibrillator', 'Defibrillator (sports hall)', 'SPORTS', [0.05, 0.95]),
	amenity('FIRSTAID-MEDICAL', 'firstaid', 'First aid (medical room)', 'MEDICAL', [0.5, 0.5]),
	amenity('FIRSTAID-SCIENCE', 'firstaid', 'First aid kit (science)', 'SCI-PREP-G', [0.5, 0.5]),
	amenity('FIRSTAID-DT', 'firstaid', 'First aid kit (DT workshops)', 'D01', [0.8, 0.1]),
	amenity('WATER-CANTEEN', 'drinkingfountain', 'Water fountain (canteen)', 'CANTEEN', [0.9, 0.9]),
	amenity('WATER-G-EAST', 'drinkingfountain', 'Water fountain (sports)', 'COR-G-EAST', [0.5, 0.5]),
	amenity(
		'WATER-1-CENTRE',
		'drinkingfountain',
		'Water fountain (upstairs)',
		'COR-1-CENTRE',
		[0.5, 0.5]
	)
];

function round7(value: number): number {
	return Math.round(value * 1e7) / 1e7;
}

function toLonLat([x, y]: Position): Position {
	return [
		round7(SITE_ANCHOR.lon + (x - SITE_ANCHOR.x) / METRES_PER_DEGREE_LON),
		round7(SITE_ANCHOR.lat + (y - SITE_ANCHOR.y) / METRES_PER_DEGREE_LAT)
	];
}

function point(at: Position): PointGeometry {
	return { type: 'Point', coordinates: toLonLat(at) };
}

function polygon(ring: readonly Position[]): PolygonGeometry {
	return { type: 'Polygon', coordinates: [ring.map(toLonLat)] };
}

function corners(r: Rect): Position[] {
	return [
		[r.x0, r.y0],
		[r.x1, r.y0],
		[r.x1, r.y1],
		[r.x0, r.y1],
		[r.x0, r.y0]
	];
}

function within(r: Rect, [fx, fy]: Position): Position {
	return [r.x0 + (r.x1 - r.x0) * fx, r.y0 + (r.y1 - r.y0) * fy];
}

function centre(r: Rect): Position {
	return within(r, [0.5, 0.5]);
}

function buildFloorplan(): Floorplan {
	const floors: Record<LevelKey, Unit[]> = { G: groundFloor(), '1': firstFloor() };
	const units = [...floors.G, ...floors['1']];
	const rectOf = new Map(units.map((unit) => [unit.id, unit.rect]));
	const find = (id: string): Rect => {
		const found = rectOf.get(id);
		if (found === undefined) throw new Error(`No unit ${id}`);
		return found;
	};

	const all = units.map((unit) => unit.rect);
	const site = rect(
		Math.min(...all.map((r) => r.x0)) - SITE_MARGIN,
		Math.min(...all.map((r) => r.y0)) - SITE_MARGIN,
		Math.max(...all.map((r) => r.x1)) + SITE_MARGIN,
		Math.max(...all.map((r) => r.y1)) + SITE_MARGIN
	);

	const venue: VenueFeature = {
		type: 'Feature',
		id: VENUE_ID,
		feature_type: 'venue',
		geometry: polygon(corners(site)),
		properties: {
			// IMDF has no venue category for schools; "university" is the nearest it offers.
			category: 'university',
			name: 'Northfield Academy',
			restriction: null,
			display_point: point(centre(find('RECEPTION'))),
			address_id: null
		}
	};

	const building: BuildingFeature = {
		type: 'Feature',
		id: BUILDING_ID,
		feature_type: 'building',
		geometry: null,
		properties: {
			category: 'unspecified',
			name: 'Northfield Academy',
			restriction: null,
			address_id: null
		}
	};

	const levels = (['G', '1'] as const).map((key): LevelFeature => ({
		type: 'Feature',
		id: LEVELS[key].id,
		feature_type: 'level',
		geometry: polygon(outline(floors[key].map((unit) => unit.rect))),
		properties: {
			category: 'unspecified',
			restriction: null,
			outdoor: false,
			ordinal: LEVELS[key].ordinal,
			short_name: key,
			name: LEVELS[key].name,
			building_ids: [BUILDING_ID],
			display_point: point(centre(find(LEVELS[key].labelIn)))
		}
	}));

	const unitFeatures = units.map((unit): UnitFeature => ({
		type: 'Feature',
		id: unit.id,
		feature_type: 'unit',
		geometry: polygon(corners(unit.rect)),
		properties: {
			category: unit.category,
			restriction: unit.restriction,
			name: unit.name,
			short_name: unit.shortName,
			level_id: LEVELS[unit.level].id,
			display_point: point(centre(unit.rect))
		}
	}));

	const openings = (['G', '1'] as const).flatMap((key) =>
		doorsFor(floors[key]).map((door, i): OpeningFeature => {
			const [from, to] = door.line;
			return {
				type: 'Feature',
				id: `DOOR-${key}-${String(i + 1).padStart(3, '0')}`,
				feature_type: 'opening',
				geometry: { type: 'LineString', coordinates: [toLonLat(from), toLonLat(to)] },
				properties: {
					category: door.category,
					level_id: LEVELS[key].id,
					unit_ids: [...door.unitIds],
					display_point: point([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2])
				}
			};
		})
	);

	const relationships = floors.G.filter(
		(unit) => unit.category === 'stairs' || unit.category === 'elevator'
	).map((lower): RelationshipFeature => {
		const upper = lower.id.replace(/-G$/, '-1');
		if (!rectOf.has(upper)) throw new Error(`${lower.id} has no counterpart ${upper} upstairs`);
		return {
			type: 'Feature',
			id: `TRAVERSAL-${lower.id.replace(/-G$/, '')}`,
			feature_type: 'relationship',
			geometry: null,
			properties: {
				category: 'traversal',
				direction: 'undirected',
				name: lower.name,
				origin: lower.id,
				intermediary: null,
				destination: upper
			}
		};
	});

	const amenities = AMENITIES.map((amenity): AmenityFeature => ({
		type: 'Feature',
		id: amenity.id,
		feature_type: 'amenity',
		geometry: point(within(find(amenity.unit), amenity.at)),
		properties: { category: amenity.category, name: amenity.name, unit_ids: [amenity.unit] }
	}));

	return {
		type: 'FeatureCollection',
		features: [
			venue,
			building,
			...levels,
			...unitFeatures,
			...openings,
			...relationships,
			...amenities
		]
	};
}

/** One feature a line keeps the file compact and its diffs readable. */
function serialise(plan: Floorplan): string {
	const features = plan.features.map((feature) => `    ${JSON.stringify(feature)}`).join(',\n');
	return `{\n  "type": "FeatureCollection",\n  "features": [\n${features}\n  ]\n}\n`;
}

function main(): void {
	writeFileSync(OUTPUT, serialise(buildFloorplan()));
	const written = JSON.parse(readFileSync(OUTPUT, 'utf8')) as Floorplan;
	console.log(`${path.basename(OUTPUT)}: ${describeFloorplan(validateFloorplan(written))}`);
}

if (
	process.argv[1] !== undefined &&
	path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
	main();
}
