/**
 * Plane geometry in metres (x east, y north) for floorplan checks, the walking graph and the
 * SVG importer. Rings are closed: the first point is repeated at the end.
 */

export type Point = readonly [number, number];
export type Ring = readonly Point[];
/** An outside ring followed by any holes. */
export type Polygon = readonly Ring[];

export interface Box {
	readonly minX: number;
	readonly minY: number;
	readonly maxX: number;
	readonly maxY: number;
}

export function distance(p: Point, q: Point): number {
	return Math.hypot(q[0] - p[0], q[1] - p[1]);
}

export function midpoint(p: Point, q: Point): Point {
	return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
}

export function edgesOf(ring: Ring): [Point, Point][] {
	const edges: [Point, Point][] = [];
	for (let i = 1; i < ring.length; i++) {
		const [from, to] = [ring[i - 1], ring[i]];
		if (from !== undefined && to !== undefined) edges.push([from, to]);
	}
	return edges;
}

/** Positive when the ring runs counter-clockwise. */
export function signedArea(ring: Ring): number {
	return edgesOf(ring).reduce((sum, [[x0, y0], [x1, y1]]) => sum + (x0 * y1 - x1 * y0) / 2, 0);
}

export function polygonArea(polygon: Polygon): number {
	const [outside, ...holes] = polygon;
	if (outside === undefined) return 0;
	return Math.abs(signedArea(outside)) - holes.reduce((sum, hole) => sum + Math.abs(signedArea(hole)), 0);
}

/** Where along a→b the point falls, 0 at a and 1 at b (unclamped). */
export function projectionAlong(p: Point, a: Point, b: Point): number {
	const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
	const length2 = dx * dx + dy * dy;
	return length2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2;
}

export function pointAlong(a: Point, b: Point, t: number): Point {
	return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
	const t = Math.min(1, Math.max(0, projectionAlong(p, a, b)));
	return distance(p, pointAlong(a, b, t));
}

export function distanceToBoundary(p: Point, polygon: Polygon): number {
	let best = Infinity;
	for (const ring of polygon) for (const [a, b] of edgesOf(ring)) best = Math.min(best, distanceToSegment(p, a, b));
	return best;
}

/** Even-odd rule; points on the boundary may fall either way, so callers test that first. */
export function insideRing([px, py]: Point, ring: Ring): boolean {
	let inside = false;
	for (const [[ax, ay], [bx, by]] of edgesOf(ring)) {
		if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside;
	}
	return inside;
}

export function insidePolygon(p: Point, polygon: Polygon): boolean {
	const [outside, ...holes] = polygon;
	return outside !== undefined && insideRing(p, outside) && !holes.some((hole) => insideRing(p, hole));
}

/** Inside and further than `margin` metres from every wall. */
export function wellInside(p: Point, polygon: Polygon, margin: number): boolean {
	return insidePolygon(p, polygon) && distanceToBoundary(p, polygon) > margin;
}

export function boxOf(points: readonly Point[]): Box {
	const xs = points.map((p) => p[0]);
	const ys = points.map((p) => p[1]);
	return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
	return a.minX < b.maxX + margin && b.minX < a.maxX + margin && a.minY < b.maxY + margin && b.minY < a.maxY + margin;
}

function cross(o: Point, a: Point, b: Point): number {
	return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Which side of a→b the point lies: 1 left, -1 right, 0 within `epsilon` metres of the line. */
function side(a: Point, b: Point, p: Point, epsilon: number): number {
	const length = distance(a, b);
	const offset = length === 0 ? 0 : cross(a, b, p) / length;
	return Math.abs(offset) <= epsilon ? 0 : Math.sign(offset);
}

/** True when the two segments cross at a point inside both; touching or overlapping along a line is not crossing. */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point, epsilon = 1e-9): boolean {
	const [s1, s2] = [side(a, b, c, epsilon), side(a, b, d, epsilon)];
	const [s3, s4] = [side(c, d, a, epsilon), side(c, d, b, epsilon)];
	return s1 * s2 < 0 && s3 * s4 < 0;
}

function segmentsTouch(a: Point, b: Point, c: Point, d: Point, epsilon: number): boolean {
	if (segmentsCross(a, b, c, d, epsilon)) return true;
	return (
		distanceToSegment(c, a, b) <= epsilon ||
		distanceToSegment(d, a, b) <= epsilon ||
		distanceToSegment(a, c, d) <= epsilon ||
		distanceToSegment(b, c, d) <= epsilon
	);
}

/** Where a ring crosses or touches itself, if it does: a room outline must be a simple loop. */
export function selfIntersection(ring: Ring, epsilon = 1e-6): Point | null {
	const edges = edgesOf(ring);
	const n = edges.length;
	for (let i = 0; i < n; i++) {
		const [a, b] = edges[i] ?? [];
		if (a === undefined || b === undefined) continue;
		for (let j = i + 1; j < n; j++) {
			const [c, d] = edges[j] ?? [];
			if (c === undefined || d === undefined) continue;
			const adjacent = j === i + 1 || (i === 0 && j === n - 1);
			if (adjacent) {
				// Neighbours share a corner; they only go wrong when one doubles back along the other.
				const [far, shared] = j === i + 1 ? [d, b] : [c, a];
				const back = j === i + 1 ? a : b;
				if (side(back, shared, far, epsilon) === 0 && projectionAlong(far, shared, back) > epsilon) return shared;
				continue;
			}
			if (segmentsTouch(a, b, c, d, epsilon)) {
				const t = Math.min(1, Math.max(0, projectionAlong(c, a, b)));
				return segmentsCross(a, b, c, d, epsilon) ? crossingPoint(a, b, c, d) : pointAlong(a, b, t);
			}
		}
	}
	return null;
}

function crossingPoint(a: Point, b: Point, c: Point, d: Point): Point {
	const denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
	const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator;
	return pointAlong(a, b, t);
}

/**
 * Whether two polygons share floor area rather than just walls: an edge of one crosses an
 * edge of the other, or a corner, wall midpoint or the given inner point of one lies well
 * inside the other.
 */
export function polygonsOverlap(p: Polygon, q: Polygon, inner: readonly [Point, Point], margin: number): boolean {
	const pEdges = p.flatMap(edgesOf);
	const qEdges = q.flatMap(edgesOf);
	for (const [a, b] of pEdges) for (const [c, d] of qEdges) if (segmentsCross(a, b, c, d, margin)) return true;
	const probes = (edges: [Point, Point][]): Point[] => edges.flatMap(([a, b]) => [a, midpoint(a, b)]);
	return (
		wellInside(inner[0], q, margin) ||
		wellInside(inner[1], p, margin) ||
		probes(pEdges).some((point) => wellInside(point, q, margin)) ||
		probes(qEdges).some((point) => wellInside(point, p, margin))
	);
}

/** Counter-clockwise, closed. */
export function convexHull(points: readonly Point[]): Point[] {
	const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const half = (list: Point[]): Point[] => {
		const hull: Point[] = [];
		for (const p of list) {
			while (hull.length >= 2 && cross(hull[hull.length - 2] ?? p, hull[hull.length - 1] ?? p, p) <= 0) hull.pop();
			hull.push(p);
		}
		hull.pop();
		return hull;
	};
	const hull = [...half(sorted), ...half([...sorted].reverse())];
	const first = hull[0];
	return first === undefined ? [] : [...hull, first];
}

/**
 * A point comfortably inside the polygon, for labels and walks: of the centroid and the middles
 * of the widest inside stretch along a few horizontal and vertical lines, the one furthest
 * from every wall. Unlike the centroid it stays inside L-shaped corridors.
 */
export function interiorPoint(polygon: Polygon): Point | null {
	const [outside] = polygon;
	if (outside === undefined || outside.length < 4) return null;
	const box = boxOf(outside);
	const candidates: Point[] = [centroid(outside)];
	const steps = 9;
	for (let i = 1; i < steps; i++) {
		const y = box.minY + ((box.maxY - box.minY) * i) / steps;
		const x = box.minX + ((box.maxX - box.minX) * i) / steps;
		candidates.push(...stretchMiddles(polygon, y, 'x'), ...stretchMiddles(polygon, x, 'y'));
	}
	let best: Point | null = null;
	let bestClearance = 0;
	for (const candidate of candidates) {
		if (!insidePolygon(candidate, polygon)) continue;
		const clearance = distanceToBoundary(candidate, polygon);
		if (clearance > bestClearance) [best, bestClearance] = [candidate, clearance];
	}
	return best;
}

function centroid(ring: Ring): Point {
	const area = signedArea(ring);
	if (area === 0) return ring[0] ?? [0, 0];
	let [cx, cy] = [0, 0];
	for (const [[x0, y0], [x1, y1]] of edgesOf(ring)) {
		const f = x0 * y1 - x1 * y0;
		cx += (x0 + x1) * f;
		cy += (y0 + y1) * f;
	}
	return [cx / (6 * area), cy / (6 * area)];
}

/** Middles of the inside stretches along the line `axis`-wise at `at` (y for 'x', x for 'y'). */
function stretchMiddles(polygon: Polygon, at: number, axis: 'x' | 'y'): Point[] {
	const [u, v] = axis === 'x' ? ([0, 1] as const) : ([1, 0] as const);
	const hits: number[] = [];
	for (const ring of polygon) {
		for (const [a, b] of edgesOf(ring)) {
			if (a[v] > at === b[v] > at) continue;
			hits.push(a[u] + ((at - a[v]) * (b[u] - a[u])) / (b[v] - a[v]));
		}
	}
	hits.sort((p, q) => p - q);
	const middles: Point[] = [];
	for (let i = 0; i + 1 < hits.length; i += 2) {
		const m = ((hits[i] ?? 0) + (hits[i + 1] ?? 0)) / 2;
		middles.push(axis === 'x' ? [m, at] : [at, m]);
	}
	return middles;
}
