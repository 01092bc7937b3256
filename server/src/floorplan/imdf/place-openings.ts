import type { FloorplanOpening, FloorplanUnit } from '../../../protocol';
import { distanceToBoundary, midpoint, type Point } from '../geometry';
import { areaInMetres, type LocalFrame } from '../projection';
import { DOOR_SNAP_METRES, placeDoor, type RoomOutline } from '../svg/place-doors';
import type { ImdfFeature } from './schema';

export type PlacedOpening = { readonly ok: true; readonly opening: FloorplanOpening } | { readonly ok: false; readonly reason: string };

/**
 * IMDF openings name no units: an opening is a line on a level. Lookout's doors join two units,
 * so each opening is matched to the two units of its level whose shared wall it lies along.
 */
export function placeOpening(opening: ImdfFeature<'opening'>, units: readonly FloorplanUnit[], frame: LocalFrame, name: string | null): PlacedOpening {
	const { level_id: levelId, category, display_point: displayPoint } = opening.properties;
	const line = opening.geometry.coordinates.map(frame.toMetres);
	const [first, last] = [line[0], line[line.length - 1]];
	if (first === undefined || last === undefined) return { ok: false, reason: 'has no line' };
	const onLevel = units.filter((unit) => unit.properties.level_id === levelId);
	const rooms: RoomOutline[] = onLevel.flatMap((unit) =>
		areaInMetres(unit.geometry, frame).flatMap(([outline]) => (outline ? [{ code: unit.id, outline }] : []))
	);
	const middle: Point = midpoint(first, last);
	const near = new Set(rooms.filter((room) => distanceToBoundary(middle, [room.outline]) <= DOOR_SNAP_METRES).map((room) => room.code));
	if (near.size === 1) return { ok: false, reason: 'an outside door: it is on the wall of one unit only, and Lookout walks indoors' };
	const placed = placeDoor([first, last], rooms);
	if (!placed.ok) return { ok: false, reason: `does not join two units of its level: it ${placed.message.replace(/; draw .*$/, '')}` };
	return {
		ok: true,
		opening: {
			type: 'Feature',
			id: opening.id,
			feature_type: 'opening',
			geometry: { type: 'LineString', coordinates: placed.line.map(frame.toLonLat) },
			properties: {
				category,
				level_id: levelId,
				unit_ids: [placed.unitIds[0], placed.unitIds[1]],
				...(name === null ? {} : { name }),
				...(displayPoint === null || displayPoint === undefined ? {} : { display_point: displayPoint })
			}
		}
	};
}
