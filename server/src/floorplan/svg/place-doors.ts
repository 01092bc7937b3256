import { distance, distanceToBoundary, distanceToSegment, edgesOf, pointAlong, projectionAlong, type Point, type Ring } from '../geometry';
import { ON_WALL_METRES } from '../validation-context';

/** How far off a wall a hand-drawn door may be and still be taken as on it: about a wall's thickness. */
export const DOOR_SNAP_METRES = 0.3;

export interface RoomOutline {
	readonly code: string;
	readonly outline: Ring;
}

export type PlacedDoor =
	{ readonly ok: true; readonly unitIds: readonly [string, string]; readonly line: readonly [Point, Point] } | { readonly ok: false; readonly message: string };

interface WallMatch {
	readonly code: string;
	readonly wall: readonly [Point, Point];
	/** How much of the door runs along this wall, in metres. */
	readonly along: number;
}

/** The wall of a room that the door runs along, if any: both ends near the wall's line, mostly within its length. */
function wallUnder([p, q]: readonly [Point, Point], room: RoomOutline): WallMatch | null {
	const doorLength = distance(p, q);
	let best: WallMatch | null = null;
	for (const [a, b] of edgesOf(room.outline)) {
		const length = distance(a, b);
		if (length < 0.05) continue;
		const offLine = (point: Point): number => Math.abs((b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0])) / length;
		if (offLine(p) > DOOR_SNAP_METRES || offLine(q) > DOOR_SNAP_METRES) continue;
		const [t0, t1] = [projectionAlong(p, a, b), projectionAlong(q, a, b)].sort((x, y) => x - y) as [number, number];
		const along = (Math.min(1, t1) - Math.max(0, t0)) * length;
		if (along < doorLength / 2 || along <= (best?.along ?? 0)) continue;
		best = { code: room.code, wall: [a, b], along };
	}
	return best;
}

/**
 * Finds the two rooms whose shared wall a door is drawn along and puts the door exactly on that
 * wall, so small slips of the mouse do not matter; says plainly why when it cannot.
 */
export function placeDoor(ends: readonly [Point, Point], rooms: readonly RoomOutline[]): PlacedDoor {
	if (distance(ends[0], ends[1]) < 0.1) return { ok: false, message: 'is shorter than 10 cm' };
	const matches = rooms.map((room) => wallUnder(ends, room)).filter((match): match is WallMatch => match !== null);
	if (matches.length === 0) {
		const middle = pointAlong(ends[0], ends[1], 0.5);
		const nearest = rooms.map((room) => ({ code: room.code, away: distanceToBoundary(middle, [room.outline]) })).sort((x, y) => x.away - y.away)[0];
		const hint = nearest === undefined ? '' : ` (the nearest wall is ${nearest.code}'s, ${nearest.away.toFixed(1)} m away)`;
		return { ok: false, message: `touches no wall${hint}; draw it along the wall between the two rooms it joins` };
	}
	if (matches.length === 1) {
		return {
			ok: false,
			message: `lies on a wall of ${matches[0]?.code ?? '?'} only; a door joins two rooms, so draw it where that room meets another (outside doors need no line)`
		};
	}
	if (matches.length > 2) {
		return { ok: false, message: `lies on the walls of ${matches.map((m) => m.code).join(', ')}; draw it where just two rooms meet` };
	}
	const [first, second] = matches as [WallMatch, WallMatch];
	const [a, b] = first.wall;
	const t = (point: Point): number => projectionAlong(point, a, b);
	const [d0, d1] = [t(ends[0]), t(ends[1])].sort((x, y) => x - y) as [number, number];
	const [w0, w1] = [t(second.wall[0]), t(second.wall[1])].sort((x, y) => x - y) as [number, number];
	const [from, to] = [Math.max(0, d0, w0), Math.min(1, d1, w1)];
	const line: [Point, Point] = t(ends[0]) <= t(ends[1]) ? [pointAlong(a, b, from), pointAlong(a, b, to)] : [pointAlong(a, b, to), pointAlong(a, b, from)];
	if (distance(line[0], line[1]) < 0.1) return { ok: false, message: `sits where the walls of ${first.code} and ${second.code} do not run side by side` };
	const gap = Math.max(...[line[0], pointAlong(a, b, (from + to) / 2), line[1]].map((point) => distanceToSegment(point, ...second.wall)));
	if (gap > ON_WALL_METRES) {
		return {
			ok: false,
			message: `joins ${first.code} and ${second.code}, but their walls are ${gap.toFixed(2)} m apart there; draw the rooms so they share the wall (snap one to the other's edge)`
		};
	}
	return { ok: true, unitIds: [first.code, second.code], line };
}
