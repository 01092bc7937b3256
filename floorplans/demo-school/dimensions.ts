/** Site and building dimensions of the demo school, in metres. */
import type { LevelKey } from './plan-types';

export const CLASSROOM = { width: 8, depth: 7 } as const;
export const LAB = { width: 8, depth: 10 } as const;
export const WING_CORRIDOR = 2.5;
const MAIN_CORRIDOR = 3;
export const DOOR = 1;
export const DOUBLE_DOOR = 1.8;

export const MAIN_CORRIDOR_SOUTH = 60;
export const MAIN_CORRIDOR_NORTH = MAIN_CORRIDOR_SOUTH + MAIN_CORRIDOR;
export const WING_LENGTH = 48;
export const WING_END = MAIN_CORRIDOR_NORTH + WING_LENGTH;

export interface WingFrame {
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

export function eastFace(wing: WingFrame): number {
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

export const BLOCK_A = teachingBlock('A', 0, LAB.depth);
export const BLOCK_B = teachingBlock('B', eastFace(BLOCK_A) + YARD_WIDTH, CLASSROOM.depth);
export const BLOCK_C = teachingBlock('C', eastFace(BLOCK_B) + COURTYARD_WIDTH, CLASSROOM.depth);
export const ADMIN_WING: WingFrame = {
	block: 'Admin',
	westFace: 52,
	westDepth: 7,
	eastDepth: 7,
	start: MAIN_CORRIDOR_SOUTH,
	direction: -1,
	length: 28
};

export const SPORTS_HALL = { width: 18, length: 33 } as const;
export const SPORTS_WEST = eastFace(BLOCK_C);
export const SPORTS_EAST = SPORTS_WEST + SPORTS_HALL.width;
export const KITCHEN_WEST = 84.5;

/** Section boundaries keep every stretch of the main corridor to about 22 m. */
export const MAIN_CORRIDOR_BREAKS: Record<LevelKey, readonly number[]> = {
	G: [22, 44, 66, 88],
	'1': [22, 44, 66]
};
