/** Places the rooms of each floor as rectangles: wings either side of their corridors, the spine between. */
import type { LevelKey, Rect, RoomSpec, Slot, Unit } from './plan-types';
import {
	ADMIN_WING,
	BLOCK_A,
	BLOCK_B,
	BLOCK_C,
	eastFace,
	MAIN_CORRIDOR_BREAKS,
	MAIN_CORRIDOR_NORTH,
	MAIN_CORRIDOR_SOUTH,
	SPORTS_EAST,
	WING_CORRIDOR,
	WING_END,
	type WingFrame
} from './dimensions';
import {
	ADMIN_FLOOR,
	BLOCK_A_FLOORS,
	BLOCK_B_FLOORS,
	BLOCK_C_FLOORS,
	corridor,
	MAIN_CORRIDOR_SECTIONS,
	NORTH_OF_SPINE,
	room,
	SOUTH_OF_SPINE,
	wingCorridors,
	type WingFloor
} from './rooms';

export function rect(x0: number, y0: number, x1: number, y1: number): Rect {
	return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
}

function place(level: LevelKey, spec: RoomSpec, where: Rect): Unit {
	const { id, category, name, shortName, restriction } = spec;
	return { id, category, name, shortName, restriction, level, rect: where };
}

/** A double-loaded wing: rooms either side of a corridor that is split into equal sections. */
function layoutWing(wing: WingFrame, level: LevelKey, floor: WingFloor, sections: readonly RoomSpec[]): Unit[] {
	const along = (from: number, to: number): [number, number] => [wing.start + wing.direction * from, wing.start + wing.direction * to];
	const corridorWest = wing.westFace + wing.westDepth;
	const corridorEast = corridorWest + WING_CORRIDOR;

	const row = (slots: readonly Slot[], x0: number, x1: number, side: string): Unit[] => {
		const length = slots.reduce((total, s) => total + s.width, 0);
		if (length !== wing.length) {
			throw new Error(`${wing.block} block, level ${level}: ${side} side is ${length} m long, the wing ${wing.length} m`);
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

	return [...row(floor.west, wing.westFace, corridorWest, 'west'), ...corridorUnits, ...row(floor.east, corridorEast, eastFace(wing), 'east')];
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

export function groundFloor(): Unit[] {
	const adminSouth = ADMIN_WING.start - ADMIN_WING.length;
	return [
		...layoutMainCorridor('G', SPORTS_EAST),
		...layoutWing(BLOCK_A, 'G', BLOCK_A_FLOORS.G, wingCorridors('A', 'G')),
		...layoutWing(BLOCK_B, 'G', BLOCK_B_FLOORS.G, wingCorridors('B', 'G')),
		...layoutWing(BLOCK_C, 'G', BLOCK_C_FLOORS.G, wingCorridors('C', 'G')),
		...layoutWing(ADMIN_WING, 'G', ADMIN_FLOOR, [corridor('COR-G-ADMIN', 'Admin corridor', 'Admin corridor')]),
		place('G', room('RECEPTION', 'office', 'Reception'), rect(ADMIN_WING.westFace, adminSouth - 8, eastFace(ADMIN_WING), adminSouth)),
		place('G', room('LIB', 'library', 'Library'), rect(BLOCK_B.westFace, WING_END, eastFace(BLOCK_B), WING_END + 12)),
		...SOUTH_OF_SPINE.map(([spec, west, east, depth]) => place('G', spec, rect(west, MAIN_CORRIDOR_SOUTH - depth, east, MAIN_CORRIDOR_SOUTH))),
		...NORTH_OF_SPINE.map(([spec, west, east, depth]) => place('G', spec, rect(west, MAIN_CORRIDOR_NORTH, east, MAIN_CORRIDOR_NORTH + depth)))
	];
}

export function firstFloor(): Unit[] {
	return [
		...layoutMainCorridor('1', eastFace(BLOCK_C)),
		...layoutWing(BLOCK_A, '1', BLOCK_A_FLOORS['1'], wingCorridors('A', '1')),
		...layoutWing(BLOCK_B, '1', BLOCK_B_FLOORS['1'], wingCorridors('B', '1')),
		...layoutWing(BLOCK_C, '1', BLOCK_C_FLOORS['1'], wingCorridors('C', '1'))
	];
}
