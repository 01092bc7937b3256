/**
 * Draws Northfield Academy, the demo school, as IMDF features in demo-school.geojson.
 *
 * The plan is laid out in metres (x east, y north) and converted to WGS84 at the end. A spine
 * (the main corridor) runs east-west; three two-storey teaching blocks, A, B and C, run north
 * from it with the yard between A and B. South of the spine are the single-storey hall, drama
 * and music rooms, the admin wing leading to reception, the canteen and the sports hall.
 *
 * Run with `npm run floorplan:draw`, which checks the file it writes with `floorplan:check`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	FloorplanFile,
	serialiseFloorplan,
	type FloorplanAmenity,
	type FloorplanBuilding,
	type FloorplanLevel,
	type FloorplanOpening,
	type FloorplanRelationship,
	type FloorplanUnit,
	type FloorplanVenue,
	type GeoPoint,
	type GeoPolygon,
	type GeoPosition
} from '../server/protocol';
import { runCheck } from '../server/src/floorplan/check-command';
import { doorsFor } from './demo-school/doors';
import { firstFloor, groundFloor, rect } from './demo-school/layout';
import { outline } from './demo-school/outline';
import type { LevelKey, Position, Rect, Unit } from './demo-school/plan-types';

const OUTPUT = fileURLToPath(new URL('./demo-school.geojson', import.meta.url));

const SITE_ANCHOR = { x: 55, y: 70, lon: -1.5, lat: 52.4 } as const;
const SITE_MARGIN = 15;
const METRES_PER_DEGREE_LAT = 111_320;
const METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * Math.cos((SITE_ANCHOR.lat * Math.PI) / 180);

type AmenityCategory = 'defibrillator' | 'drinkingfountain' | 'firstaid';

const VENUE_ID = 'NORTHFIELD';
const BUILDING_ID = 'MAIN-BUILDING';
const LEVELS: Record<LevelKey, { id: string; ordinal: number; name: string; labelIn: string }> = {
	G: { id: 'level-G', ordinal: 0, name: 'Ground floor', labelIn: 'COR-G-CENTRE' },
	'1': { id: 'level-1', ordinal: 1, name: 'First floor', labelIn: 'COR-1-CENTRE' }
};

interface AmenitySpec {
	readonly id: string;
	readonly category: AmenityCategory;
	readonly name: string;
	readonly unit: string;
	/** Where in the unit, as fractions of its width and depth from the south-west corner. */
	readonly at: Position;
}

function amenity(id: string, category: AmenityCategory, name: string, unit: string, at: Position): AmenitySpec {
	return { id, category, name, unit, at };
}

const AMENITIES: readonly AmenitySpec[] = [
	amenity('AED-RECEPTION', 'defibrillator', 'Defibrillator (reception)', 'RECEPTION', [0.1, 0.85]),
	amenity('AED-SPORTS', 'defibrillator', 'Defibrillator (sports hall)', 'SPORTS', [0.05, 0.95]),
	amenity('FIRSTAID-MEDICAL', 'firstaid', 'First aid (medical room)', 'MEDICAL', [0.5, 0.5]),
	amenity('FIRSTAID-SCIENCE', 'firstaid', 'First aid kit (science)', 'SCI-PREP-G', [0.5, 0.5]),
	amenity('FIRSTAID-DT', 'firstaid', 'First aid kit (DT workshops)', 'D01', [0.8, 0.1]),
	amenity('WATER-CANTEEN', 'drinkingfountain', 'Water fountain (canteen)', 'CANTEEN', [0.9, 0.9]),
	amenity('WATER-G-EAST', 'drinkingfountain', 'Water fountain (sports)', 'COR-G-EAST', [0.5, 0.5]),
	amenity('WATER-1-CENTRE', 'drinkingfountain', 'Water fountain (upstairs)', 'COR-1-CENTRE', [0.5, 0.5])
];

function round7(value: number): number {
	return Math.round(value * 1e7) / 1e7;
}

function toLonLat([x, y]: Position): GeoPosition {
	return [round7(SITE_ANCHOR.lon + (x - SITE_ANCHOR.x) / METRES_PER_DEGREE_LON), round7(SITE_ANCHOR.lat + (y - SITE_ANCHOR.y) / METRES_PER_DEGREE_LAT)];
}

function point(at: Position): GeoPoint {
	return { type: 'Point', coordinates: toLonLat(at) };
}

function polygon(ring: readonly Position[]): GeoPolygon {
	return { type: 'Polygon', coordinates: [ring.map(toLonLat)] };
}

function corners(r: Rect): Position[] {
	return [
		[r.x0, r.y0],
		[r.x1, r.y0],
		[r.x1, r.y1],
		[r.x0, r.y1],
		[r.x0, r.y0]
	];
}

function within(r: Rect, [fx, fy]: Position): Position {
	return [r.x0 + (r.x1 - r.x0) * fx, r.y0 + (r.y1 - r.y0) * fy];
}

function centre(r: Rect): Position {
	return within(r, [0.5, 0.5]);
}

function buildFloorplan(): FloorplanFile {
	const floors: Record<LevelKey, Unit[]> = { G: groundFloor(), '1': firstFloor() };
	const units = [...floors.G, ...floors['1']];
	const rectOf = new Map(units.map((unit) => [unit.id, unit.rect]));
	const find = (id: string): Rect => {
		const found = rectOf.get(id);
		if (found === undefined) throw new Error(`No unit ${id}`);
		return found;
	};

	const all = units.map((unit) => unit.rect);
	const site = rect(
		Math.min(...all.map((r) => r.x0)) - SITE_MARGIN,
		Math.min(...all.map((r) => r.y0)) - SITE_MARGIN,
		Math.max(...all.map((r) => r.x1)) + SITE_MARGIN,
		Math.max(...all.map((r) => r.y1)) + SITE_MARGIN
	);

	const venue: FloorplanVenue = {
		type: 'Feature',
		id: VENUE_ID,
		feature_type: 'venue',
		geometry: polygon(corners(site)),
		properties: {
			// IMDF has no venue category for schools; "university" is the nearest it offers.
			category: 'university',
			name: 'Northfield Academy',
			restriction: null,
			display_point: point(centre(find('RECEPTION'))),
			address_id: null
		}
	};

	const building: FloorplanBuilding = {
		type: 'Feature',
		id: BUILDING_ID,
		feature_type: 'building',
		geometry: null,
		properties: {
			category: 'unspecified',
			name: 'Northfield Academy',
			restriction: null,
			address_id: null
		}
	};

	const levels = (['G', '1'] as const).map((key): FloorplanLevel => ({
		type: 'Feature',
		id: LEVELS[key].id,
		feature_type: 'level',
		geometry: polygon(outline(floors[key].map((unit) => unit.rect))),
		properties: {
			category: 'unspecified',
			restriction: null,
			outdoor: false,
			ordinal: LEVELS[key].ordinal,
			short_name: key,
			name: LEVELS[key].name,
			building_ids: [BUILDING_ID],
			display_point: point(centre(find(LEVELS[key].labelIn)))
		}
	}));

	const unitFeatures = units.map((unit): FloorplanUnit => ({
		type: 'Feature',
		id: unit.id,
		feature_type: 'unit',
		geometry: polygon(corners(unit.rect)),
		properties: {
			category: unit.category,
			restriction: unit.restriction,
			name: unit.name,
			short_name: unit.shortName,
			level_id: LEVELS[unit.level].id,
			display_point: point(centre(unit.rect))
		}
	}));

	const openings = (['G', '1'] as const).flatMap((key) =>
		doorsFor(floors[key]).map((door, i): FloorplanOpening => {
			const [from, to] = door.line;
			return {
				type: 'Feature',
				id: `DOOR-${key}-${String(i + 1).padStart(3, '0')}`,
				feature_type: 'opening',
				geometry: { type: 'LineString', coordinates: [toLonLat(from), toLonLat(to)] },
				properties: {
					category: door.category,
					level_id: LEVELS[key].id,
					unit_ids: [...door.unitIds],
					display_point: point([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2])
				}
			};
		})
	);

	const relationships = floors.G.filter((unit) => unit.category === 'stairs' || unit.category === 'elevator').map((lower): FloorplanRelationship => {
		const upper = lower.id.replace(/-G$/, '-1');
		if (!rectOf.has(upper)) throw new Error(`${lower.id} has no counterpart ${upper} upstairs`);
		return {
			type: 'Feature',
			id: `TRAVERSAL-${lower.id.replace(/-G$/, '')}`,
			feature_type: 'relationship',
			geometry: null,
			properties: {
				category: 'traversal',
				direction: 'undirected',
				name: lower.name,
				origin: lower.id,
				intermediary: null,
				destination: upper
			}
		};
	});

	const amenities = AMENITIES.map((amenity): FloorplanAmenity => ({
		type: 'Feature',
		id: amenity.id,
		feature_type: 'amenity',
		geometry: point(within(find(amenity.unit), amenity.at)),
		properties: { category: amenity.category, name: amenity.name, unit_ids: [amenity.unit] }
	}));

	return {
		type: 'FeatureCollection',
		features: [venue, building, ...levels, ...unitFeatures, ...openings, ...relationships, ...amenities]
	};
}

/** Writes the plan if it keeps the file's schema, then runs the full check on it. */
async function main(): Promise<void> {
	const plan = buildFloorplan();
	const parsed = FloorplanFile.safeParse(plan);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) console.error(`draw-demo-school: ${issue.path.join('.')}: ${issue.message}`);
		process.exitCode = 1;
		return;
	}
	// The plan as built, not as parsed: parsing reorders properties, which would churn the diff.
	writeFileSync(OUTPUT, serialiseFloorplan(plan));
	console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
	process.exitCode = await runCheck([path.relative(process.cwd(), OUTPUT)], (line) => console.log(line));
}

const USAGE = `usage: npm run floorplan:draw
Redraws the demo school, Northfield Academy, into floorplans/demo-school.geojson, then checks it with floorplan:check; it takes no options.`;

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const [first] = process.argv.slice(2);
	if (first === '--help' || first === '-h') console.log(USAGE);
	else if (first !== undefined) {
		console.error(`floorplan:draw: unexpected '${first}': it takes no options (npm run floorplan:draw -- --help for usage)`);
		process.exitCode = 2;
	} else await main();
}
