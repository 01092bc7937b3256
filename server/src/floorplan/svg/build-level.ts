import type { FloorplanLevel, FloorplanOpening, FloorplanUnit, GeoPosition } from '../../../protocol';
import { convexHull, interiorPoint, midpoint, polygonArea, signedArea, type Point } from '../geometry';
import type { LocalFrame } from '../projection';
import type { Drawing, ReportItem } from './collect';
import { placeDoor, type RoomOutline } from './place-doors';

export interface LevelSpec {
	readonly ordinal: number;
	/** Places metres east and north of the document's (0, 0) on the globe. */
	readonly frame: LocalFrame;
	readonly metresPerUnit: number;
	readonly buildingId: string;
	/** Kept on the level so a later floor can be imported in the same frame. */
	readonly svgImport: { readonly file: string; readonly origin: GeoPosition; readonly metres_per_svg_unit: number };
}

export interface BuiltLevel {
	readonly level: FloorplanLevel;
	readonly units: FloorplanUnit[];
	readonly openings: FloorplanOpening[];
	readonly skipped: ReportItem[];
	readonly notes: ReportItem[];
}

const ORDINAL_NAMES = ['Ground floor', 'First floor', 'Second floor', 'Third floor', 'Fourth floor', 'Fifth floor'];

/** level-G for the ground floor, level-1, level-2 upwards, level-B and level-B2 below, as UK schools name them. */
export function levelNames(ordinal: number): { id: string; shortName: string; name: string } {
	const shortName = ordinal === 0 ? 'G' : ordinal > 0 ? String(ordinal) : ordinal === -1 ? 'B' : `B${-ordinal}`;
	const name = ordinal >= 0 ? (ORDINAL_NAMES[ordinal] ?? `Floor ${ordinal}`) : ordinal === -1 ? 'Basement' : `Basement ${-ordinal}`;
	return { id: `level-${shortName}`, shortName, name };
}

/** Smaller than this is a slip of the mouse or a wrong --scale, not a room. */
const MIN_ROOM_SQUARE_METRES = 0.25;

/** Turns one floor's drawing into IMDF features: a level, its units and the doors between them. Null when no room survives. */
export function buildLevel(drawing: Drawing, spec: LevelSpec, takenIds: ReadonlySet<string>): BuiltLevel | null {
	const { id: levelId, shortName, name } = levelNames(spec.ordinal);
	const skipped: ReportItem[] = [];
	const notes: ReportItem[] = [];
	const toMetres = ([x, y]: Point): Point => [x * spec.metresPerUnit, -y * spec.metresPerUnit];
	const lonLat = (point: Point): GeoPosition => spec.frame.toLonLat(point);
	const geoPoint = (point: Point) => ({ type: 'Point' as const, coordinates: lonLat(point) });

	const rooms: (RoomOutline & { readonly display: Point })[] = [];
	const units: FloorplanUnit[] = [];
	for (const room of drawing.rooms) {
		const metric = room.outline.map(toMetres);
		const outline = signedArea(metric) < 0 ? [...metric].reverse() : metric;
		const area = polygonArea([outline]);
		if (area < MIN_ROOM_SQUARE_METRES) {
			skipped.push({ where: room.where, message: `has almost no floor area (${area.toFixed(2)} m²); is --scale right?` });
			continue;
		}
		const display = interiorPoint([outline]);
		if (display === null) {
			skipped.push({ where: room.where, message: 'is too thin to hold a label' });
			continue;
		}
		rooms.push({ code: room.code, outline, display });
		units.push({
			type: 'Feature',
			id: room.code,
			feature_type: 'unit',
			geometry: { type: 'Polygon', coordinates: [outline.map(lonLat)] },
			properties: { category: room.category, restriction: null, name: room.name, short_name: room.code, level_id: levelId, display_point: geoPoint(display) }
		});
	}
	if (rooms.length === 0) return null;

	const used = new Set([...takenIds, ...rooms.map((room) => room.code)]);
	const openings: FloorplanOpening[] = [];
	for (const door of drawing.doors) {
		const placed = placeDoor([toMetres(door.ends[0]), toMetres(door.ends[1])], rooms);
		if (!placed.ok) {
			skipped.push({ where: door.where, message: `door ${placed.message}` });
			continue;
		}
		let id = door.code;
		if (id !== null && used.has(id)) {
			notes.push({ where: door.where, message: `the id ${id} is already used; the door was given its own` });
			id = null;
		}
		for (let n = openings.length + 1; id === null || used.has(id); n++) id = `DOOR-${shortName}-${String(n).padStart(3, '0')}`;
		used.add(id);
		openings.push({
			type: 'Feature',
			id,
			feature_type: 'opening',
			geometry: { type: 'LineString', coordinates: placed.line.map(lonLat) },
			properties: {
				category: door.category,
				level_id: levelId,
				unit_ids: [placed.unitIds[0], placed.unitIds[1]],
				display_point: geoPoint(midpoint(...placed.line))
			}
		});
	}

	const hull = convexHull(rooms.flatMap((room) => room.outline));
	const level: FloorplanLevel = {
		type: 'Feature',
		id: levelId,
		feature_type: 'level',
		geometry: { type: 'Polygon', coordinates: [hull.map(lonLat)] },
		properties: {
			category: 'unspecified',
			restriction: null,
			outdoor: false,
			ordinal: spec.ordinal,
			short_name: shortName,
			name,
			building_ids: [spec.buildingId],
			display_point: geoPoint(interiorPoint([hull]) ?? rooms[0]?.display ?? [0, 0]),
			svg_import: spec.svgImport
		}
	};
	return { level, units, openings, skipped, notes };
}
