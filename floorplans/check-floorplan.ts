/**
 * The shape of a Lookout floorplan (IMDF features in one GeoJSON FeatureCollection) and the
 * checks every floorplan must pass before a simulator or the dashboard may rely on it.
 */

export type Position = [number, number];
export type Restriction = 'employeesonly' | 'restricted' | null;
export type UnitCategory =
	| 'auditorium'
	| 'classroom'
	| 'conferenceroom'
	| 'elevator'
	| 'firstaid'
	| 'fitnessroom'
	| 'foodservice'
	| 'kitchen'
	| 'laboratory'
	| 'library'
	| 'lounge'
	| 'nonpublic'
	| 'office'
	| 'opentoair'
	| 'restroom'
	| 'restroom.female'
	| 'restroom.male'
	| 'restroom.unisex'
	| 'restroom.unisex.wheelchair'
	| 'room'
	| 'serverroom'
	| 'stairs'
	| 'storage'
	| 'walkway';
export type OpeningCategory = 'pedestrian' | 'pedestrian.principal' | 'service';
export type AmenityCategory = 'defibrillator' | 'drinkingfountain' | 'firstaid';

export interface PointGeometry {
	readonly type: 'Point';
	readonly coordinates: Position;
}
export interface LineGeometry {
	readonly type: 'LineString';
	readonly coordinates: Position[];
}
export interface PolygonGeometry {
	readonly type: 'Polygon';
	readonly coordinates: Position[][];
}

interface ImdfFeature<Type extends string, Geometry, Properties> {
	readonly type: 'Feature';
	readonly id: string;
	readonly feature_type: Type;
	readonly geometry: Geometry;
	readonly properties: Properties;
}

export type VenueFeature = ImdfFeature<
	'venue',
	PolygonGeometry,
	{
		category: string;
		name: string;
		restriction: Restriction;
		display_point: PointGeometry;
		address_id: null;
	}
>;
export type BuildingFeature = ImdfFeature<
	'building',
	null,
	{ category: string; name: string; restriction: Restriction; address_id: null }
>;
export type LevelFeature = ImdfFeature<
	'level',
	PolygonGeometry,
	{
		category: 'unspecified';
		restriction: Restriction;
		outdoor: boolean;
		ordinal: number;
		short_name: string;
		name: string;
		building_ids: string[];
		display_point: PointGeometry;
	}
>;
export type UnitFeature = ImdfFeature<
	'unit',
	PolygonGeometry,
	{
		category: UnitCategory;
		restriction: Restriction;
		name: string;
		short_name: string;
		level_id: string;
		display_point: PointGeometry;
	}
>;
export type OpeningFeature = ImdfFeature<
	'opening',
	LineGeometry,
	{
		category: OpeningCategory;
		level_id: string;
		unit_ids: string[];
		display_point: PointGeometry;
	}
>;
export type RelationshipFeature = ImdfFeature<
	'relationship',
	null,
	{
		category: 'traversal';
		direction: 'undirected';
		name: string;
		origin: string;
		intermediary: null;
		destination: string;
	}
>;
export type AmenityFeature = ImdfFeature<
	'amenity',
	PointGeometry,
	{ category: AmenityCategory; name: string; unit_ids: string[] }
>;
export type FloorplanFeature =
	| VenueFeature
	| BuildingFeature
	| LevelFeature
	| UnitFeature
	| OpeningFeature
	| RelationshipFeature
	| AmenityFeature;

export interface Floorplan {
	readonly type: 'FeatureCollection';
	readonly features: FloorplanFeature[];
}

export interface FloorplanSummary {
	readonly featureCounts: Record<string, number>;
	/** Unit counts by category, keyed by level id, ground floor first. */
	readonly unitCategories: Record<string, Record<string, number>>;
}

export class FloorplanError extends Error {
	override name = 'FloorplanError';
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
// Coordinates are rounded to 1e-7 degrees; a point closer than this to a wall is on it.
const TOLERANCE = 1e-9;

function fail(message: string): never {
	throw new FloorplanError(message);
}

function ringOf(feature: { id: string; geometry: PolygonGeometry }): Position[] {
	const ring = feature.geometry.coordinates[0];
	if (ring === undefined || ring.length < 4) fail(`${feature.id} has no polygon ring`);
	return ring;
}

function edges(ring: readonly Position[]): [Position, Position][] {
	return ring.slice(1).map((to, i): [Position, Position] => [ring[i] ?? to, to]);
}

function signedArea(ring: readonly Position[]): number {
	return edges(ring).reduce((area, [[x0, y0], [x1, y1]]) => area + (x0 * y1 - x1 * y0) / 2, 0);
}

function onBoundary([px, py]: Position, ring: readonly Position[]): boolean {
	return edges(ring).some(([[ax, ay], [bx, by]]) => {
		const length = Math.hypot(bx - ax, by - ay);
		const offWall = Math.abs((bx - ax) * (py - ay) - (by - ay) * (px - ax)) / length;
		const along = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / (length * length);
		return offWall <= TOLERANCE && along >= -TOLERANCE && along <= 1 + TOLERANCE;
	});
}

function strictlyInside(point: Position, ring: readonly Position[]): boolean {
	if (onBoundary(point, ring)) return false;
	const [px, py] = point;
	const crossings = edges(ring).filter(
		([[ax, ay], [bx, by]]) => ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)
	);
	return crossings.length % 2 === 1;
}

interface Box {
	readonly x0: number;
	readonly y0: number;
	readonly x1: number;
	readonly y1: number;
}

/** Units are drawn as axis-aligned rectangles, which keeps the overlap check exact. */
function boxOf(unit: UnitFeature): Box {
	const ring = ringOf(unit);
	const xs = ring.map((p) => p[0]);
	const ys = ring.map((p) => p[1]);
	const box = {
		x0: Math.min(...xs),
		y0: Math.min(...ys),
		x1: Math.max(...xs),
		y1: Math.max(...ys)
	};
	const corners = ring.every(
		([x, y]) => (x === box.x0 || x === box.x1) && (y === box.y0 || y === box.y1)
	);
	if (ring.length !== 5 || !corners) fail(`Unit ${unit.id} is not an axis-aligned rectangle`);
	return box;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return counts;
}

/**
 * Throws a FloorplanError naming the first feature that breaks a rule: unique short ids, units on
 * known levels with closed counter-clockwise rings that do not overlap, display points inside
 * their polygons, openings on the shared wall of exactly two units of their level, every room
 * with a door to a corridor, and every unit reachable from every other through openings and
 * traversal relationships.
 */
export function validateFloorplan(plan: Floorplan): FloorplanSummary {
	const ids = new Set<string>();
	for (const feature of plan.features) {
		if (!ID_PATTERN.test(feature.id)) fail(`Feature id "${feature.id}" is not a short code`);
		if (ids.has(feature.id)) fail(`Feature id ${feature.id} is used twice`);
		ids.add(feature.id);
	}

	const levels = new Map<string, LevelFeature>();
	const units = new Map<string, UnitFeature>();
	const openings: OpeningFeature[] = [];
	const relationships: RelationshipFeature[] = [];
	const amenities: AmenityFeature[] = [];
	for (const feature of plan.features) {
		if (feature.feature_type === 'level') levels.set(feature.id, feature);
		else if (feature.feature_type === 'unit') units.set(feature.id, feature);
		else if (feature.feature_type === 'opening') openings.push(feature);
		else if (feature.feature_type === 'relationship') relationships.push(feature);
		else if (feature.feature_type === 'amenity') amenities.push(feature);
	}

	for (const level of levels.values()) {
		const ring = ringOf(level);
		if (signedArea(ring) <= 0) fail(`Level ${level.id} outline is not counter-clockwise`);
		if (!strictlyInside(level.properties.display_point.coordinates, ring)) {
			fail(`Level ${level.id} display point is outside its outline`);
		}
	}

	const unitsOnLevel = new Map<string, UnitFeature[]>([...levels.keys()].map((id) => [id, []]));
	for (const unit of units.values()) {
		const level = levels.get(unit.properties.level_id);
		if (level === undefined)
			fail(`Unit ${unit.id} is on unknown level ${unit.properties.level_id}`);
		const ring = ringOf(unit);
		const [first, last] = [ring[0], ring[ring.length - 1]];
		if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1])
			fail(`Unit ${unit.id} ring is not closed`);
		if (signedArea(ring) <= 0) fail(`Unit ${unit.id} ring is not counter-clockwise`);
		const display = unit.properties.display_point.coordinates;
		if (!strictlyInside(display, ring))
			fail(`Unit ${unit.id} display point is outside its polygon`);
		if (!strictlyInside(display, ringOf(level)))
			fail(`Unit ${unit.id} is outside the outline of ${level.id}`);
		unitsOnLevel.get(level.id)?.push(unit);
	}

	for (const [levelId, onLevel] of unitsOnLevel) {
		const boxes = onLevel.map((unit) => ({ unit, box: boxOf(unit) }));
		boxes.forEach(({ unit: a, box: p }, i) => {
			for (const { unit: b, box: q } of boxes.slice(i + 1)) {
				const width = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
				const height = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
				if (width > TOLERANCE && height > TOLERANCE)
					fail(`Units ${a.id} and ${b.id} overlap on ${levelId}`);
			}
		});
	}

	const neighbours = new Map<string, Set<string>>([...units.keys()].map((id) => [id, new Set()]));
	const connect = (a: string, b: string): void => {
		neighbours.get(a)?.add(b);
		neighbours.get(b)?.add(a);
	};

	for (const opening of openings) {
		const { unit_ids: unitIds, level_id: levelId } = opening.properties;
		const [a, b] = unitIds;
		if (unitIds.length !== 2 || a === undefined || b === undefined || a === b) {
			fail(`Opening ${opening.id} must join exactly two different units`);
		}
		if (!levels.has(levelId)) fail(`Opening ${opening.id} is on unknown level ${levelId}`);
		const [from, to] = opening.geometry.coordinates;
		if (opening.geometry.coordinates.length !== 2 || from === undefined || to === undefined) {
			fail(`Opening ${opening.id} is not a single straight segment`);
		}
		const middle: Position = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
		for (const unitId of unitIds) {
			const unit = units.get(unitId);
			if (unit === undefined) fail(`Opening ${opening.id} refers to unknown unit ${unitId}`);
			if (unit.properties.level_id !== levelId) {
				fail(
					`Opening ${opening.id} is on ${levelId} but unit ${unitId} is on ${unit.properties.level_id}`
				);
			}
			const ring = ringOf(unit);
			if (![from, to, middle].every((p) => onBoundary(p, ring))) {
				fail(`Opening ${opening.id} is not on a wall of unit ${unitId}`);
			}
		}
		connect(a, b);
	}

	for (const relationship of relationships) {
		const { origin, destination } = relationship.properties;
		for (const end of [origin, destination]) {
			if (!units.has(end)) fail(`Relationship ${relationship.id} refers to unknown unit ${end}`);
		}
		connect(origin, destination);
	}

	for (const amenity of amenities) {
		for (const unitId of amenity.properties.unit_ids) {
			const unit = units.get(unitId);
			if (unit === undefined) fail(`Amenity ${amenity.id} refers to unknown unit ${unitId}`);
			if (!strictlyInside(amenity.geometry.coordinates, ringOf(unit))) {
				fail(`Amenity ${amenity.id} is not inside unit ${unitId}`);
			}
		}
	}

	const isWalkway = (id: string): boolean => units.get(id)?.properties.category === 'walkway';
	for (const unit of units.values()) {
		if (unit.properties.category === 'walkway' || unit.properties.category === 'opentoair')
			continue;
		if (![...(neighbours.get(unit.id) ?? [])].some(isWalkway))
			fail(`Unit ${unit.id} has no door to a corridor`);
	}

	const [start] = units.keys();
	if (start !== undefined) {
		const reached = new Set([start]);
		const queue = [start];
		for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
			for (const next of neighbours.get(id) ?? []) {
				if (!reached.has(next)) {
					reached.add(next);
					queue.push(next);
				}
			}
		}
		const stranded = [...units.keys()].filter((id) => !reached.has(id));
		if (stranded.length > 0) fail(`Units not reachable from ${start}: ${stranded.join(', ')}`);
	}

	const byOrdinal = [...levels.values()].sort(
		(a, b) => a.properties.ordinal - b.properties.ordinal
	);
	const unitCategories: Record<string, Record<string, number>> = {};
	for (const level of byOrdinal) {
		const categories = (unitsOnLevel.get(level.id) ?? []).map((unit) => unit.properties.category);
		unitCategories[level.id] = countBy(categories.sort(), (category) => category);
	}
	return {
		featureCounts: countBy(plan.features, (feature) => feature.feature_type),
		unitCategories
	};
}

/** One line: features by type, then units by category on each level. */
export function describeFloorplan(summary: FloorplanSummary): string {
	const list = (counts: Record<string, number>): string =>
		Object.entries(counts)
			.map(([name, count]) => `${name} ${count}`)
			.join(', ');
	const levels = Object.entries(summary.unitCategories).map(
		([level, counts]) => `${level} units: ${list(counts)}`
	);
	return [list(summary.featureCounts), ...levels].join(' | ');
}
