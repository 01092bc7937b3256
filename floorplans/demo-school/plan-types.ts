import type { OpeningCategory, UnitCategory } from '../../server/protocol';

/** Metres east and north of the plan's south-west corner. */
export type Position = [number, number];
export type Restriction = 'employeesonly' | 'restricted' | null;

export type LevelKey = 'G' | '1';

export interface Rect {
	readonly x0: number;
	readonly y0: number;
	readonly x1: number;
	readonly y1: number;
}

export interface RoomSpec {
	readonly id: string;
	readonly category: UnitCategory;
	readonly name: string;
	readonly shortName: string;
	readonly restriction: Restriction;
}

/** A room in a row along a corridor; `width` is its frontage on the corridor. */
export interface Slot extends RoomSpec {
	readonly width: number;
}

export interface Unit extends RoomSpec {
	readonly level: LevelKey;
	readonly rect: Rect;
}

export interface Door {
	readonly level: LevelKey;
	readonly unitIds: readonly [string, string];
	readonly line: readonly [Position, Position];
	readonly category: OpeningCategory;
}
