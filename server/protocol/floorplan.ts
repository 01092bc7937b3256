import { z } from 'zod';
import { EntityId } from './primitives';

/**
 * The parts of an IMDF-shaped floorplan (GeoJSON) that live views and the simulator read:
 * levels by ordinal and units (rooms, corridors) by category. Unit ids are the location ids
 * that events carry.
 */
const Level = z.object({
	id: EntityId,
	feature_type: z.literal('level'),
	properties: z.object({ ordinal: z.number().int(), short_name: z.string(), name: z.string() })
});

const Unit = z.object({
	id: EntityId,
	feature_type: z.literal('unit'),
	properties: z.object({
		category: z.string().min(1),
		name: z.string().min(1),
		short_name: z.string().optional(),
		level_id: EntityId
	})
});

const Other = z.object({
	id: EntityId,
	feature_type: z.enum([
		'venue', 'building', 'footprint', 'section', 'opening', 'amenity', 'relationship',
		'fixture', 'kiosk', 'anchor', 'address', 'occupant', 'detail', 'geofence'
	])
});

export const FloorplanFile = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(z.discriminatedUnion('feature_type', [Level, Unit, Other])).min(1)
});

export type FloorplanFile = z.infer<typeof FloorplanFile>;
export type FloorplanLevel = z.infer<typeof Level>;
export type FloorplanUnit = z.infer<typeof Unit>;

export function levelsOf(plan: FloorplanFile): FloorplanLevel[] {
	return plan.features.filter((f): f is FloorplanLevel => f.feature_type === 'level');
}

export function unitsOf(plan: FloorplanFile): FloorplanUnit[] {
	return plan.features.filter((f): f is FloorplanUnit => f.feature_type === 'unit');
}
