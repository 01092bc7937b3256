import { z } from 'zod';
import { EntityId } from './primitives';

/**
 * The floorplan file: one IMDF-shaped GeoJSON FeatureCollection (OGC 20-094) per school. Every
 * feature has an `id` and a `feature_type`; units (rooms, corridor sections) carry the location
 * ids that events use, openings (doors) join two units on one level, and `traversal`
 * relationships join stairs and lifts across levels. This schema checks the shape of the file;
 * the rules that need geometry (doors on walls, every room reachable) are checked by the server
 * when it loads a plan. Properties not named here are kept, so a file read and written back
 * loses nothing.
 */

const Longitude = z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180');
const Latitude = z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90');

/** A GeoJSON position, `[longitude, latitude]` in WGS84 degrees; no altitude. */
export const GeoPosition = z.tuple([Longitude, Latitude], { error: 'expected [longitude, latitude]' });

const LinearRing = z
	.array(GeoPosition)
	.min(4, 'a ring needs at least 4 positions, the first repeated at the end')
	.refine((ring) => {
		const [first, last] = [ring[0], ring[ring.length - 1]];
		return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
	}, 'a ring must end where it starts');

export const GeoPoint = z.object({ type: z.literal('Point'), coordinates: GeoPosition });
export const GeoLineString = z.object({
	type: z.literal('LineString'),
	coordinates: z.array(GeoPosition).min(2, 'a line needs at least 2 positions')
});
/** The first ring is the outside (counter-clockwise), any others are holes. */
export const GeoPolygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) });
export const GeoMultiPolygon = z.object({
	type: z.literal('MultiPolygon'),
	coordinates: z.array(z.array(LinearRing).min(1)).min(1)
});
const GeoMultiPoint = z.object({ type: z.literal('MultiPoint'), coordinates: z.array(GeoPosition) });
const GeoMultiLineString = z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(GeoPosition).min(2)) });

const areaError = { error: 'expected a Polygon or MultiPolygon geometry' };
export const GeoArea = z.discriminatedUnion('type', [GeoPolygon, GeoMultiPolygon], areaError);
const AnyGeometry = z.discriminatedUnion('type', [GeoPoint, GeoLineString, GeoPolygon, GeoMultiPolygon, GeoMultiPoint, GeoMultiLineString]);

/** IMDF 1.0 unit categories. */
export const UnitCategory = z.enum(
	[
		'auditorium',
		'brick',
		'classroom',
		'column',
		'concrete',
		'conferenceroom',
		'drywall',
		'elevator',
		'escalator',
		'fieldofplay',
		'firstaid',
		'fitnessroom',
		'foodservice',
		'footbridge',
		'glass',
		'huddleroom',
		'kitchen',
		'laboratory',
		'library',
		'lobby',
		'lounge',
		'mailroom',
		'mothersroom',
		'movietheater',
		'movingwalkway',
		'nonpublic',
		'office',
		'opentoair',
		'parking',
		'phoneroom',
		'platform',
		'privatelounge',
		'ramp',
		'recreation',
		'restroom',
		'restroom.family',
		'restroom.female',
		'restroom.female.wheelchair',
		'restroom.male',
		'restroom.male.wheelchair',
		'restroom.transgender',
		'restroom.transgender.wheelchair',
		'restroom.unisex',
		'restroom.unisex.wheelchair',
		'restroom.wheelchair',
		'road',
		'room',
		'serverroom',
		'shower',
		'smokingarea',
		'stairs',
		'steps',
		'storage',
		'structure',
		'terrace',
		'theater',
		'unenclosedarea',
		'unspecified',
		'vegetation',
		'waitingroom',
		'walkway',
		'walkway.island',
		'wood'
	],
	{ error: (issue) => `${JSON.stringify(issue.input)} is not an IMDF unit category (classroom, laboratory, walkway, stairs, restroom, office, ...)` }
);
export const OpeningCategory = z.enum(['automobile', 'bicycle', 'emergencyexit', 'pedestrian', 'pedestrian.principal', 'pedestrian.transit', 'service'], {
	error: (issue) => `${JSON.stringify(issue.input)} is not an IMDF opening category (pedestrian, pedestrian.principal, emergencyexit, service, ...)`
});
export const RelationshipCategory = z.enum(['elevator', 'escalator', 'movingwalkway', 'ramp', 'stairs', 'traversal', 'traversal.path']);
const Restriction = z.enum(['employeesonly', 'restricted']).nullable().optional();
/** IMDF categories are lower-case words joined by dots, e.g. `defibrillator`, `restroom.female`. */
const DottedCategory = z.string().regex(/^[a-z]+(\.[a-z]+)*$/, 'lower-case words joined by dots');
const Name = z.string().trim().min(1, 'a name cannot be empty');

function feature<T extends string, G extends z.ZodType, P extends z.ZodRawShape>(featureType: T, geometry: G, properties: P) {
	return z.object({
		type: z.literal('Feature'),
		id: EntityId,
		feature_type: z.literal(featureType),
		geometry,
		properties: z.looseObject(properties)
	});
}

const Venue = feature('venue', GeoArea, {
	category: DottedCategory,
	name: Name,
	restriction: Restriction,
	display_point: GeoPoint.optional()
});

const Building = feature('building', GeoArea.nullable(), { category: DottedCategory.optional(), name: Name.optional() });

/** A floor. `ordinal` 0 is the ground floor, 1 the first floor, -1 a basement. */
const Level = feature('level', GeoArea, {
	ordinal: z.number().int(),
	short_name: Name,
	name: Name,
	outdoor: z.boolean().optional(),
	restriction: Restriction,
	building_ids: z.array(EntityId).nullable().optional(),
	display_point: GeoPoint.optional()
});

/** A room or a section of corridor; its id is the location id events carry (`S12`, `COR-G-EAST`). */
const Unit = feature(
	'unit',
	z.discriminatedUnion('type', [GeoPolygon, GeoMultiPolygon], {
		error: (issue) => (issue.input === null || issue.input === undefined ? 'a unit needs its outline: no geometry' : areaError.error)
	}),
	{
		category: UnitCategory,
		name: Name,
		short_name: z.string().optional(),
		level_id: EntityId,
		restriction: Restriction,
		/** Where the room's label goes and where walks in and out of it start; inside the outline. */
		display_point: GeoPoint
	}
);

/** A door: a line along the wall that two units of one level share. */
const Opening = feature('opening', GeoLineString, {
	category: OpeningCategory,
	level_id: EntityId,
	unit_ids: z.tuple([EntityId, EntityId], { error: 'expected the ids of the two units the door joins' }),
	display_point: GeoPoint.optional()
});

/** `traversal` joins units on different levels (stairs, lifts); `undirected` walks both ways. */
const Relationship = feature('relationship', AnyGeometry.nullable(), {
	category: RelationshipCategory,
	direction: z.enum(['directed', 'undirected']),
	origin: EntityId,
	destination: EntityId,
	intermediary: z.array(EntityId).nullable().optional(),
	name: z.string().nullable().optional()
});

const Amenity = feature('amenity', GeoPoint, {
	category: DottedCategory,
	name: z.string().nullable().optional(),
	unit_ids: z.array(EntityId)
});

/** IMDF features Lookout does not read yet; kept as they are. */
const OTHER_FEATURE_TYPES = ['address', 'anchor', 'detail', 'fixture', 'footprint', 'geofence', 'kiosk', 'occupant', 'section'] as const;
const Other = z.object({
	type: z.literal('Feature'),
	id: EntityId,
	feature_type: z.enum(OTHER_FEATURE_TYPES),
	geometry: AnyGeometry.nullable(),
	properties: z.looseObject({})
});

const FEATURE_TYPES = ['venue', 'building', 'level', 'unit', 'opening', 'relationship', 'amenity', ...OTHER_FEATURE_TYPES];

export const FloorplanFeature = z.discriminatedUnion('feature_type', [Venue, Building, Level, Unit, Opening, Relationship, Amenity, Other], {
	error: (issue) => (issue.code === 'invalid_union' ? `feature_type must be one of ${FEATURE_TYPES.join(', ')}` : undefined)
});

export const FloorplanFile = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(FloorplanFeature).min(1, 'a floorplan needs at least one feature')
});

export type GeoPosition = z.infer<typeof GeoPosition>;
export type GeoPoint = z.infer<typeof GeoPoint>;
export type GeoLineString = z.infer<typeof GeoLineString>;
export type GeoPolygon = z.infer<typeof GeoPolygon>;
export type GeoMultiPolygon = z.infer<typeof GeoMultiPolygon>;
export type GeoArea = z.infer<typeof GeoArea>;
export type UnitCategory = z.infer<typeof UnitCategory>;
export type OpeningCategory = z.infer<typeof OpeningCategory>;
export type FloorplanFile = z.infer<typeof FloorplanFile>;
export type FloorplanFeature = z.infer<typeof FloorplanFeature>;
export type FloorplanVenue = z.infer<typeof Venue>;
export type FloorplanBuilding = z.infer<typeof Building>;
export type FloorplanLevel = z.infer<typeof Level>;
export type FloorplanUnit = z.infer<typeof Unit>;
export type FloorplanOpening = z.infer<typeof Opening>;
export type FloorplanRelationship = z.infer<typeof Relationship>;
export type FloorplanAmenity = z.infer<typeof Amenity>;

type FeatureOfType<T extends FloorplanFeature['feature_type']> = Extract<FloorplanFeature, { feature_type: T }>;

/** The features of one type, in file order. */
export function featuresOf<T extends FloorplanFeature['feature_type']>(plan: FloorplanFile, featureType: T): FeatureOfType<T>[] {
	return plan.features.filter((f): f is FeatureOfType<T> => f.feature_type === featureType);
}

export function levelsOf(plan: FloorplanFile): FloorplanLevel[] {
	return featuresOf(plan, 'level');
}

export function unitsOf(plan: FloorplanFile): FloorplanUnit[] {
	return featuresOf(plan, 'unit');
}

export function openingsOf(plan: FloorplanFile): FloorplanOpening[] {
	return featuresOf(plan, 'opening');
}

export function relationshipsOf(plan: FloorplanFile): FloorplanRelationship[] {
	return featuresOf(plan, 'relationship');
}

/** The file as written to disk: one feature a line, which keeps diffs of a plan readable. */
export function serialiseFloorplan(plan: FloorplanFile): string {
	const features = plan.features.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
	return `{\n  "type": "FeatureCollection",\n  "features": [\n${features}\n  ]\n}\n`;
}
