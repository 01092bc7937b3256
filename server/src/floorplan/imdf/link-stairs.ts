import type { FloorplanLevel, FloorplanRelationship, FloorplanUnit } from '../../../protocol';
import { insidePolygon } from '../geometry';
import { areaInMetres, type LocalFrame } from '../projection';

const FAMILY: Partial<Record<FloorplanUnit['properties']['category'], string>> = {
	stairs: 'stairs',
	steps: 'stairs',
	elevator: 'lift',
	escalator: 'escalator'
};

/**
 * Many archives model stairs and lifts as a unit on each floor and no relationship between them.
 * A staircase or lift whose outline holds the display point of one of the same kind on the floor
 * above is taken as the same shaft, as the SVG import does; `joined` holds the pairs already linked.
 */
export function inferStairLinks(
	levels: readonly FloorplanLevel[],
	units: readonly FloorplanUnit[],
	joined: ReadonlySet<string>,
	frame: LocalFrame
): { links: FloorplanRelationship[]; notes: string[] } {
	const ordinal = new Map(levels.map((level) => [level.id, level.properties.ordinal]));
	const shafts = units.filter((unit) => FAMILY[unit.properties.category] !== undefined);
	const links: FloorplanRelationship[] = [];
	const notes: string[] = [];
	for (const lower of shafts) {
		const below = ordinal.get(lower.properties.level_id);
		if (below === undefined) continue;
		for (const upper of shafts) {
			if (ordinal.get(upper.properties.level_id) !== below + 1 || FAMILY[upper.properties.category] !== FAMILY[lower.properties.category]) continue;
			if (joined.has(`${lower.id} ${upper.id}`) || joined.has(`${upper.id} ${lower.id}`)) continue;
			const upperPoint = frame.toMetres(upper.properties.display_point.coordinates);
			const lowerPoint = frame.toMetres(lower.properties.display_point.coordinates);
			const overlap =
				areaInMetres(lower.geometry, frame).some((p) => insidePolygon(upperPoint, p)) ||
				areaInMetres(upper.geometry, frame).some((p) => insidePolygon(lowerPoint, p));
			if (!overlap) continue;
			links.push({
				type: 'Feature',
				id: `LINK-${lower.id}-${upper.id}`.slice(0, 128),
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
			notes.push(`unit ${lower.id} (${lower.properties.name}): linked to unit ${upper.id} on the floor above, drawn at the same place`);
		}
	}
	return { links, notes };
}
