import type { GeoArea, GeoPoint } from '../../../protocol';
import { insidePolygon } from '../geometry';
import { areaInMetres, localFrame, type LocalFrame } from '../projection';
import type { ArchiveFeatures, Refusal } from './read-features';

/**
 * The errors that would mislead if imported: a feature on a level the archive does not have (its
 * rooms would float on no floor), an amenity in a unit it does not have, and a display point
 * outside its own outline (the room's label and the start of every walk would sit in the next room).
 */
export function checkArchive({ features, fileOf }: ArchiveFeatures): Refusal[] {
	const refusals: Refusal[] = [];
	const frame = localFrame(features.venue[0]?.properties.display_point.coordinates ?? [0, 0]);
	const levels = new Set(features.level.map((level) => level.id));
	const units = new Set(features.unit.map((unit) => unit.id));
	const refuse = (type: string, id: string, message: string): void => {
		refusals.push({ file: fileOf.get(id) ?? `${type}.geojson`, feature: `${type} ${id}`, message });
	};
	for (const { id, properties } of [...features.unit, ...features.opening, ...features.fixture, ...features.section, ...features.kiosk, ...features.detail]) {
		if (!levels.has(properties.level_id)) refuse(typeOf(fileOf, id), id, `level_id ${properties.level_id} names no level in level.geojson`);
	}
	for (const { id, properties } of features.amenity) {
		for (const unitId of properties.unit_ids) if (!units.has(unitId)) refuse('amenity', id, `unit_ids names ${unitId}, which is no unit in unit.geojson`);
	}
	const withPoints = [
		...features.venue,
		...features.level,
		...features.unit,
		...features.fixture,
		...features.section,
		...features.kiosk,
		...features.geofence
	];
	for (const { id, geometry, properties } of withPoints) {
		const point = properties.display_point ?? null;
		if (point !== null && !pointInArea(point, geometry, frame)) {
			refuse(typeOf(fileOf, id), id, `display_point [${point.coordinates.join(', ')}] is outside its own polygon`);
		}
	}
	return refusals;
}

function typeOf(fileOf: ReadonlyMap<string, string>, id: string): string {
	return (fileOf.get(id) ?? 'feature').replace(/\.geojson$/, '');
}

function pointInArea(point: GeoPoint, area: GeoArea, frame: LocalFrame): boolean {
	const at = frame.toMetres(point.coordinates);
	return areaInMetres(area, frame).some((polygon) => insidePolygon(at, polygon));
}
