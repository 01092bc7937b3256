/**
 * Doors. Every room gets one onto the corridor it shares most wall with; corridor sections
 * open fully into each other; the doors in EXTRA_DOORS are added by hand.
 */
import type { OpeningCategory, UnitCategory } from '../../server/protocol';
import type { Door, Position, Rect, Unit } from './plan-types';
import { DOOR, DOUBLE_DOOR } from './dimensions';

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

const DOUBLE_DOORED = new Set<UnitCategory>(['auditorium', 'fitnessroom', 'foodservice', 'library', 'opentoair']);

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

function doorBetween(a: Unit, b: Unit, width: number | 'whole wall', at = 0.5, category: OpeningCategory = 'pedestrian'): Door {
	const wall = sharedWall(a.rect, b.rect);
	if (wall === null) throw new Error(`${a.id} and ${b.id} share no wall to put a door in`);
	const length = wallLength(wall);
	const span = width === 'whole wall' ? length : width;
	if (span > length) throw new Error(`A ${span} m door does not fit the ${length} m wall of ${a.id} and ${b.id}`);
	const middle = Math.min(Math.max(at * length, span / 2), length - span / 2);
	const [from, to] = wall;
	const along = (distance: number): Position => [from[0] + ((to[0] - from[0]) * distance) / length, from[1] + ((to[1] - from[1]) * distance) / length];
	return {
		level: a.level,
		unitIds: [a.id, b.id],
		line: [along(middle - span / 2), along(middle + span / 2)],
		category
	};
}

export function doorsFor(units: readonly Unit[]): Door[] {
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
			.flatMap(({ walkway, wall }) => (wall === null ? [] : [{ walkway, length: wallLength(wall) }]))
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
