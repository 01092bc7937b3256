import { z } from 'zod';
import { EntityId, GeoLineString, GeoMultiPolygon, GeoPoint, GeoPolygon, OpeningCategory, UnitCategory } from '../../../protocol';

/**
 * The IMDF 1.0 archive as the OGC Community Standard 20-094 defines it, read as input to the
 * importer. These schemas live here rather than in server/protocol: an IMDF archive is a file a
 * school hands us once, not a contract Lookout publishes or a client speaks, and what Lookout
 * keeps of it is the floorplan schema that is in server/protocol. Members the standard defines
 * but Lookout does not read (hours, phone, accessibility, ...) are allowed and left alone.
 */

/** `{"en": "Science lab"}`: one name per language tag. */
export const Labels = z.record(z.string().min(1), z.string());
const OptionalLabels = Labels.nullable().optional();
const Restriction = z.enum(['employeesonly', 'restricted']).nullable().optional();
const DottedCategory = z.string().regex(/^[a-z]+(\.[a-z]+)*$/, 'lower-case words joined by dots');
const Reference = z.object({ id: EntityId, feature_type: z.string() });

const areaError = (issue: { input?: unknown }): string => `the standard requires a Polygon or MultiPolygon here, not ${describeGeometry(issue.input)}`;
const Area = z.discriminatedUnion('type', [GeoPolygon, GeoMultiPolygon], { error: areaError });
const Point = z.discriminatedUnion('type', [GeoPoint], { error: (issue) => `the standard requires a Point here, not ${describeGeometry(issue.input)}` });
const Line = z.discriminatedUnion('type', [GeoLineString], {
	error: (issue) => `the standard requires a LineString here, not ${describeGeometry(issue.input)}`
});
const NoGeometry = z.null({ error: (issue) => `the standard requires null here, not ${describeGeometry(issue.input)}` });
const AnyGeometry = z.object({ type: z.string() }).loose().nullable();

function describeGeometry(input: unknown): string {
	if (input === null || input === undefined) return 'none';
	// A discriminated union reports the `type` it did not expect rather than the whole geometry.
	if (typeof input === 'string') return `a ${input.slice(0, 40)}`;
	const type = typeof input === 'object' ? (input as { type?: unknown }).type : undefined;
	return typeof type === 'string' ? `a ${type.slice(0, 40)}` : 'something without a type';
}

function feature<T extends string, G extends z.ZodType, P extends z.ZodRawShape>(featureType: T, geometry: G, properties: P) {
	return z.object({
		type: z.literal('Feature'),
		id: EntityId,
		feature_type: z.literal(featureType),
		geometry,
		properties: z.looseObject(properties)
	});
}

export const Manifest = z.looseObject({
	version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version such as 1.0.0'),
	created: z.string().min(1, 'the date and time the archive was made'),
	generated_by: z.string().nullable().optional(),
	language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en-GB'),
	extensions: z.array(z.string()).nullable().optional()
});

/** Each feature type of IMDF 1.0 with the geometry the standard requires of it. */
export const IMDF_FEATURES = {
	address: feature('address', NoGeometry, { address: z.string().nullable().optional(), locality: z.string().nullable().optional() }),
	venue: feature('venue', Area, {
		category: DottedCategory,
		restriction: Restriction,
		name: Labels,
		alt_name: OptionalLabels,
		display_point: GeoPoint,
		address_id: EntityId.nullable().optional()
	}),
	building: feature('building', NoGeometry, {
		category: DottedCategory,
		restriction: Restriction,
		name: OptionalLabels,
		alt_name: OptionalLabels,
		display_point: GeoPoint.nullable().optional()
	}),
	footprint: feature('footprint', Area, { category: DottedCategory, name: OptionalLabels, building_ids: z.array(EntityId) }),
	level: feature('level', Area, {
		category: DottedCategory,
		restriction: Restriction,
		outdoor: z.boolean(),
		ordinal: z.number().int(),
		name: Labels,
		short_name: Labels,
		display_point: GeoPoint.nullable().optional(),
		building_ids: z.array(EntityId).nullable().optional()
	}),
	unit: feature('unit', Area, {
		category: UnitCategory,
		restriction: Restriction,
		name: OptionalLabels,
		alt_name: OptionalLabels,
		level_id: EntityId,
		display_point: GeoPoint.nullable().optional()
	}),
	opening: feature('opening', Line, {
		category: OpeningCategory,
		name: OptionalLabels,
		alt_name: OptionalLabels,
		level_id: EntityId,
		display_point: GeoPoint.nullable().optional()
	}),
	amenity: feature('amenity', Point, {
		category: DottedCategory,
		name: OptionalLabels,
		alt_name: OptionalLabels,
		unit_ids: z.array(EntityId).min(1, 'an amenity names at least one unit')
	}),
	anchor: feature('anchor', Point, { unit_id: EntityId, address_id: EntityId.nullable().optional() }),
	occupant: feature('occupant', NoGeometry, { category: DottedCategory, name: Labels, anchor_id: EntityId }),
	relationship: feature('relationship', AnyGeometry, {
		category: z.enum(['elevator', 'escalator', 'movingwalkway', 'ramp', 'stairs', 'traversal', 'traversal.path']),
		direction: z.enum(['directed', 'undirected']),
		origin: Reference.nullable().optional(),
		intermediary: z.array(Reference).nullable().optional(),
		destination: Reference.nullable().optional()
	}),
	fixture: feature('fixture', Area, { category: DottedCategory, level_id: EntityId, display_point: GeoPoint.nullable().optional() }),
	section: feature('section', Area, { category: DottedCategory, level_id: EntityId, display_point: GeoPoint.nullable().optional() }),
	kiosk: feature('kiosk', Area, { level_id: EntityId, display_point: GeoPoint.nullable().optional() }),
	geofence: feature('geofence', Area, { category: DottedCategory, display_point: GeoPoint.nullable().optional() }),
	detail: feature('detail', Line, { level_id: EntityId })
} as const;

export type ImdfFeatureType = keyof typeof IMDF_FEATURES;
export const IMDF_FEATURE_TYPES = Object.keys(IMDF_FEATURES) as ImdfFeatureType[];
export type ImdfFeature<T extends ImdfFeatureType> = z.infer<(typeof IMDF_FEATURES)[T]>;
export type Manifest = z.infer<typeof Manifest>;

/** One `<feature_type>.geojson` file: a FeatureCollection; each feature is checked on its own so one bad feature names itself. */
export const ImdfFile = z.object({
	type: z.literal('FeatureCollection', { error: 'expected a GeoJSON FeatureCollection' }),
	features: z.array(z.unknown())
});

/** Files the standard requires of every archive; without the first three Lookout has nothing to draw. */
export const NEEDED_FILES: readonly ImdfFeatureType[] = ['venue', 'level', 'unit'];
export const REQUIRED_FILES: readonly ImdfFeatureType[] = ['address', 'building', 'footprint', ...NEEDED_FILES];
