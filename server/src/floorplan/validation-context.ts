import type { FloorplanLevel, FloorplanUnit } from '../../protocol';
import type { Point, Polygon } from './geometry';
import type { FloorplanIssue } from './issues';
import type { LocalFrame } from './projection';

/** A door or display point closer to a wall than this is on it; 1e-7 degrees of rounding is about 1 cm. */
export const ON_WALL_METRES = 0.05;

export interface PlacedUnit {
	readonly feature: FloorplanUnit;
	readonly name: string;
	readonly polygons: Polygon[];
	readonly display: Point;
}

/** What the checks share while they walk one plan; they add to `errors` and `warnings`. */
export interface ValidationContext {
	readonly frame: LocalFrame;
	readonly levels: ReadonlyMap<string, FloorplanLevel>;
	readonly units: ReadonlyMap<string, PlacedUnit>;
	readonly errors: FloorplanIssue[];
	readonly warnings: FloorplanIssue[];
}
