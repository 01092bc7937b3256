import type {
	FloorplanAmenity,
	FloorplanBuilding,
	FloorplanFeature,
	FloorplanFile,
	FloorplanLevel,
	FloorplanOpening,
	FloorplanRelationship,
	FloorplanUnit,
	FloorplanVenue
} from '../../../protocol';
import { interiorPoint } from '../geometry';
import { areaInMetres, localFrame } from '../projection';
import { pickLabel } from './labels';
import { inferStairLinks } from './link-stairs';
import { placeOpening } from './place-openings';
import type { ArchiveFeatures } from './read-features';
import type { ImdfFeatureType } from './schema';

/** A feature of the archive that Lookout's floorplan does not keep, and why. */
export interface Skipped {
	readonly type: ImdfFeatureType;
	readonly id: string;
	readonly reason: string;
}

export interface MappedVenue {
	readonly plan: FloorplanFile;
	readonly skipped: Skipped[];
	readonly notes: string[];
}

/** Why each feature type Lookout has no place for is left out. */
export const UNUSED: Partial<Record<ImdfFeatureType, string>> = {
	address: 'Lookout keeps no postal addresses',
	footprint: "Lookout draws each floor from its level's outline",
	anchor: 'Lookout keeps no anchors; an occupant anchored in an unnamed unit names it',
	occupant: 'Lookout keeps no occupants; one anchored in an unnamed unit names it',
	fixture: 'Lookout draws no furniture or fittings',
	section: 'Lookout colours whole units, not sections of them',
	kiosk: 'Lookout has no kiosks',
	geofence: 'Lookout has no geofences',
	detail: 'Lookout draws no detail lines'
};

/**
 * The archive as a Lookout floorplan: the venue (its name and display point), buildings, levels
 * (ordinal, names), units (category, name, level, display point), openings as doors between two
 * units, relationships between units and amenities. Ids are the archive's own, so a later export
 * of the same venue keeps the location ids events already carry.
 */
export function mapVenue(archive: ArchiveFeatures): MappedVenue {
	const { features, manifest } = archive;
	const language = manifest.language;
	const label = (labels: Parameters<typeof pickLabel>[0]): string | null => pickLabel(labels, language);
	const skipped: Skipped[] = [];
	const notes: string[] = [];
	const imdfVenue = features.venue[0];
	const frame = localFrame(imdfVenue?.properties.display_point.coordinates ?? [0, 0]);

	const venues: FloorplanVenue[] = features.venue.map(({ id, geometry, properties: p }) => ({
		type: 'Feature',
		id,
		feature_type: 'venue',
		geometry,
		properties: { category: p.category, name: label(p.name) ?? id, restriction: p.restriction ?? null, display_point: p.display_point }
	}));
	const buildings: FloorplanBuilding[] = features.building.map(({ id, properties: p }) => {
		const name = label(p.name);
		return { type: 'Feature', id, feature_type: 'building', geometry: null, properties: { category: p.category, ...(name === null ? {} : { name }) } };
	});
	const levels: FloorplanLevel[] = features.level.map(({ id, geometry, properties: p }) => ({
		type: 'Feature',
		id,
		feature_type: 'level',
		geometry,
		properties: {
			category: p.category,
			ordinal: p.ordinal,
			short_name: label(p.short_name) ?? String(p.ordinal),
			name: label(p.name) ?? `Level ${p.ordinal}`,
			outdoor: p.outdoor,
			restriction: p.restriction ?? null,
			building_ids: p.building_ids ?? null,
			...(p.display_point === null || p.display_point === undefined ? {} : { display_point: p.display_point })
		}
	}));

	const occupantNames = namesByUnit(archive, label);
	const units: FloorplanUnit[] = [];
	for (const { id, geometry, properties: p } of features.unit) {
		const altName = label(p.alt_name);
		let name = label(p.name) ?? occupantNames.get(id) ?? altName;
		if (name === null) {
			name = `Unnamed ${p.category}`;
			notes.push(`unit ${id}: has no name; called "${name}"`);
		}
		let displayPoint = p.display_point ?? null;
		if (displayPoint === null) {
			const inside = areaInMetres(geometry, frame)
				.map((polygon) => interiorPoint(polygon))
				.find((point) => point !== null);
			if (inside === undefined || inside === null) {
				skipped.push({ type: 'unit', id, reason: 'has no display point and no inside to put one in' });
				continue;
			}
			displayPoint = { type: 'Point', coordinates: frame.toLonLat(inside) };
			notes.push(`unit ${id} (${name}): has no display point; one is placed inside its outline`);
		}
		units.push({
			type: 'Feature',
			id,
			feature_type: 'unit',
			geometry,
			properties: {
				category: p.category,
				name,
				...(altName === null ? {} : { short_name: altName }),
				level_id: p.level_id,
				restriction: p.restriction ?? null,
				display_point: displayPoint
			}
		});
	}

	const openings: FloorplanOpening[] = [];
	for (const opening of features.opening) {
		const placed = placeOpening(opening, units, frame, label(opening.properties.name));
		if (placed.ok) openings.push(placed.opening);
		else skipped.push({ type: 'opening', id: opening.id, reason: placed.reason });
	}

	const unitIds = new Set(units.map((unit) => unit.id));
	const relationships: FloorplanRelationship[] = [];
	for (const { id, properties: p } of features.relationship) {
		const ends = [p.origin, ...(p.intermediary ?? []), p.destination];
		const [origin, destination] = [p.origin, p.destination];
		if (origin == null || destination == null || ends.some((end) => end == null || end.feature_type !== 'unit' || !unitIds.has(end.id))) {
			skipped.push({ type: 'relationship', id, reason: 'does not lead from unit to unit (Lookout walks between units only)' });
			continue;
		}
		relationships.push({
			type: 'Feature',
			id,
			feature_type: 'relationship',
			geometry: null,
			properties: {
				category: p.category,
				direction: p.direction,
				origin: origin.id,
				intermediary: p.intermediary?.map((end) => end.id) ?? null,
				destination: destination.id
			}
		});
	}
	const joined = new Set(relationships.map((r) => `${r.properties.origin} ${r.properties.destination}`));
	const inferred = inferStairLinks(levels, units, joined, frame);
	notes.push(...inferred.notes);

	const amenities: FloorplanAmenity[] = features.amenity.map(({ id, geometry, properties: p }) => ({
		type: 'Feature',
		id,
		feature_type: 'amenity',
		geometry,
		properties: { category: p.category, name: label(p.name), unit_ids: p.unit_ids }
	}));

	for (const [type, reason] of Object.entries(UNUSED) as [ImdfFeatureType, string][]) {
		for (const feature of features[type]) skipped.push({ type, id: feature.id, reason });
	}
	const ordinal = new Map(levels.map((level) => [level.id, level.properties.ordinal]));
	const byFloor = <T extends FloorplanUnit | FloorplanOpening>(list: T[]): T[] =>
		[...list].sort((a, b) => (ordinal.get(a.properties.level_id) ?? 0) - (ordinal.get(b.properties.level_id) ?? 0));
	const planFeatures: FloorplanFeature[] = [
		...venues,
		...buildings,
		...[...levels].sort((a, b) => a.properties.ordinal - b.properties.ordinal),
		...byFloor(units),
		...byFloor(openings),
		...relationships,
		...inferred.links,
		...amenities
	];
	return { plan: { type: 'FeatureCollection', features: planFeatures }, skipped, notes };
}

/** The name of the occupant anchored in each unit, for units the archive leaves unnamed. */
function namesByUnit({ features }: ArchiveFeatures, label: (labels: Parameters<typeof pickLabel>[0]) => string | null): Map<string, string> {
	const unitOfAnchor = new Map(features.anchor.map((anchor) => [anchor.id, anchor.properties.unit_id]));
	const names = new Map<string, string>();
	for (const occupant of features.occupant) {
		const unitId = unitOfAnchor.get(occupant.properties.anchor_id);
		const name = label(occupant.properties.name);
		if (unitId !== undefined && name !== null && !names.has(unitId)) names.set(unitId, name);
	}
	return names;
}
