import type { FloorplanBuilding, FloorplanFeature, FloorplanFile, FloorplanRelationship, FloorplanUnit, FloorplanVenue, GeoPosition } from '../../../protocol';
import { boxOf, insidePolygon, type Box, type Point } from '../geometry';
import { areaInMetres, frameOf, type LocalFrame } from '../projection';
import type { BuiltLevel } from './build-level';
import type { ReportItem } from './collect';

/** What is left of a plan once the floor being imported again is taken out. */
export interface BasePlan {
	readonly features: FloorplanFeature[];
	readonly notes: ReportItem[];
}

/** Takes out the level with this ordinal, its units and doors, and the links and amenities that lean on them. */
export function withoutLevel(plan: FloorplanFile | null, ordinal: number): BasePlan {
	if (plan === null) return { features: [], notes: [] };
	const levelIds = new Set(plan.features.filter((f) => f.feature_type === 'level' && f.properties.ordinal === ordinal).map((f) => f.id));
	if (levelIds.size === 0) return { features: [...plan.features], notes: [] };
	const unitIds = new Set(plan.features.filter((f) => f.feature_type === 'unit' && levelIds.has(f.properties.level_id)).map((f) => f.id));
	const dropped: string[] = [];
	const features = plan.features.filter((f) => {
		switch (f.feature_type) {
			case 'level':
				return !levelIds.has(f.id);
			case 'unit':
				return !unitIds.has(f.id);
			case 'opening':
				return !levelIds.has(f.properties.level_id);
			case 'relationship': {
				const keep = ![f.properties.origin, f.properties.destination].some((id) => unitIds.has(id));
				if (!keep && !f.id.startsWith('LINK-')) dropped.push(`relationship ${f.id}`);
				return keep;
			}
			case 'amenity': {
				const keep = !f.properties.unit_ids.some((id) => unitIds.has(id));
				if (!keep) dropped.push(`amenity ${f.id}`);
				return keep;
			}
			default:
				return true;
		}
	});
	const where = `level ${[...levelIds].join(', ')}`;
	const notes = [{ where, message: `replaced: the old floor had ${unitIds.size} units` }];
	if (dropped.length > 0) notes.push({ where, message: `dropped ${dropped.join(', ')}, which referred to its old units` });
	return { features, notes };
}

const VENUE_MARGIN_METRES = 10;
const ORDER: readonly FloorplanFeature['feature_type'][] = ['venue', 'building', 'level', 'unit', 'opening', 'relationship', 'amenity'];

/** The base plan with the new floor in it, a venue and building if it had none, and its stairs and lifts linked to the floors next to it. */
export function assemble(
	base: BasePlan,
	built: BuiltLevel,
	frame: LocalFrame,
	venueName: string,
	buildingId: string
): { plan: FloorplanFile; notes: ReportItem[] } {
	const notes: ReportItem[] = [];
	const features = [...base.features, built.level, ...built.units, ...built.openings];
	const levelBox = boxOf(areaInMetres(built.level.geometry, frame).flat(2));
	const venueAt = features.findIndex((f) => f.feature_type === 'venue');
	const venue = features[venueAt];
	if (venue?.feature_type !== 'venue') {
		features.push(newVenue(venueName, levelBox, frame));
	} else if (venue.geometry.type === 'Polygon') {
		const venueBox = boxOf(areaInMetres(venue.geometry, frame).flat(2));
		if (levelBox.minX < venueBox.minX || levelBox.minY < venueBox.minY || levelBox.maxX > venueBox.maxX || levelBox.maxY > venueBox.maxY) {
			features[venueAt] = { ...venue, geometry: { type: 'Polygon', coordinates: [rectangle(union(venueBox, levelBox), frame)] } };
			notes.push({ where: `venue ${venue.id}`, message: `outline enlarged to hold level ${built.level.id}` });
		}
	}
	if (!features.some((f) => f.feature_type === 'building')) features.push(newBuilding(buildingId, venueName));
	const plan: FloorplanFile = { type: 'FeatureCollection', features };
	const links = linkStairs(plan, built, notes);
	const rank = (f: FloorplanFeature): number => (ORDER.includes(f.feature_type) ? ORDER.indexOf(f.feature_type) : ORDER.length);
	const ordinals = new Map(plan.features.flatMap((f) => (f.feature_type === 'level' ? [[f.id, f.properties.ordinal] as const] : [])));
	const levelRank = (f: FloorplanFeature): number =>
		f.feature_type === 'level'
			? f.properties.ordinal
			: f.feature_type === 'unit' || f.feature_type === 'opening'
				? (ordinals.get(f.properties.level_id) ?? 0)
				: 0;
	const sorted = [...features, ...links].map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || levelRank(a.f) - levelRank(b.f) || a.i - b.i);
	return { plan: { type: 'FeatureCollection', features: sorted.map(({ f }) => f) }, notes };
}

function union(a: Box, b: Box): Box {
	return { minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) };
}

function rectangle(box: Box, frame: LocalFrame, margin = VENUE_MARGIN_METRES): GeoPosition[] {
	const [x0, y0, x1, y1] = [box.minX - margin, box.minY - margin, box.maxX + margin, box.maxY + margin];
	const corners: Point[] = [
		[x0, y0],
		[x1, y0],
		[x1, y1],
		[x0, y1],
		[x0, y0]
	];
	return corners.map(frame.toLonLat);
}

function newVenue(name: string, box: Box, frame: LocalFrame): FloorplanVenue {
	return {
		type: 'Feature',
		id: 'VENUE',
		feature_type: 'venue',
		geometry: { type: 'Polygon', coordinates: [rectangle(box, frame)] },
		// IMDF has no venue category for schools; "university" is the nearest it offers.
		properties: {
			category: 'university',
			name,
			restriction: null,
			display_point: { type: 'Point', coordinates: frame.toLonLat([(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2]) }
		}
	};
}

function newBuilding(id: string, name: string): FloorplanBuilding {
	return { type: 'Feature', id, feature_type: 'building', geometry: null, properties: { category: 'unspecified', name } };
}

const FAMILY: Partial<Record<FloorplanUnit['properties']['category'], string>> = {
	stairs: 'staircase',
	steps: 'staircase',
	elevator: 'lift',
	escalator: 'escalator'
};

/** Joins each new staircase or lift to the one drawn at the same place on the floor above or below. */
function linkStairs(plan: FloorplanFile, built: BuiltLevel, notes: ReportItem[]): FloorplanRelationship[] {
	const frame = frameOf(plan);
	const ordinal = built.level.properties.ordinal;
	const levels = new Map(plan.features.flatMap((f) => (f.feature_type === 'level' ? [[f.id, f.properties.ordinal] as const] : [])));
	const units = plan.features.filter((f): f is FloorplanUnit => f.feature_type === 'unit');
	const ids = new Set(plan.features.map((f) => f.id));
	const joined = new Set(
		plan.features.flatMap((f) =>
			f.feature_type === 'relationship' ? [`${f.properties.origin} ${f.properties.destination}`, `${f.properties.destination} ${f.properties.origin}`] : []
		)
	);
	const neighbours = [ordinal - 1, ordinal + 1].filter((n) => [...levels.values()].includes(n));
	const links: FloorplanRelationship[] = [];
	for (const unit of built.units) {
		const family = FAMILY[unit.properties.category];
		if (family === undefined) continue;
		const polygons = areaInMetres(unit.geometry, frame);
		const display = frame.toMetres(unit.properties.display_point.coordinates);
		const matches = units.filter((other) => {
			const otherOrdinal = levels.get(other.properties.level_id);
			if (otherOrdinal === undefined || Math.abs(otherOrdinal - ordinal) !== 1 || FAMILY[other.properties.category] !== family) return false;
			const otherDisplay = frame.toMetres(other.properties.display_point.coordinates);
			return areaInMetres(other.geometry, frame).some((p) => insidePolygon(display, p)) || polygons.some((p) => insidePolygon(otherDisplay, p));
		});
		for (const other of matches) {
			const [lower, upper] = (levels.get(other.properties.level_id) ?? 0) < ordinal ? [other, unit] : [unit, other];
			if (joined.has(`${lower.id} ${upper.id}`)) continue;
			let id = `LINK-${lower.id}-${upper.id}`;
			for (let n = 2; ids.has(id); n++) id = `LINK-${lower.id}-${upper.id}-${n}`;
			ids.add(id);
			joined.add(`${lower.id} ${upper.id}`);
			links.push({
				type: 'Feature',
				id,
				feature_type: 'relationship',
				geometry: null,
				properties: {
					category: 'traversal',
					direction: 'undirected',
					name: `${lower.properties.name} to ${upper.properties.name}`,
					origin: lower.id,
					intermediary: null,
					destination: upper.id
				}
			});
			notes.push({ where: `unit ${unit.id}`, message: `linked to ${other.id} on level ${other.properties.level_id}` });
		}
		if (matches.length === 0) {
			notes.push({
				where: `unit ${unit.id}`,
				message:
					neighbours.length === 0
						? `no floor above or below yet; import the next floor with --merge to link this ${family}`
						: `nothing of the same kind is drawn at the same place on the floor above or below, so this ${family} links to no other floor`
			});
		}
	}
	return links;
}
