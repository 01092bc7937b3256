/** A level's outline: the union of its rooms, traced around the grid their walls make. */
import type { Position, Rect } from './plan-types';

export function outline(rects: readonly Rect[]): Position[] {
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
	if (next.size > 0) throw new Error('Floor is in pieces or has a hole; one ring cannot outline it');

	const corners = ring.filter((here, i) => {
		const before = ring[(i + ring.length - 1) % ring.length] ?? here;
		const after = ring[(i + 1) % ring.length] ?? here;
		return (here[0] - before[0]) * (after[1] - here[1]) !== (here[1] - before[1]) * (after[0] - here[0]);
	});
	const first = corners[0];
	if (first === undefined) throw new Error('Floor outline has no corners');
	return [...corners, first];
}
