import type { FloorplanFile, GeoArea, GeoPosition } from '../../protocol';
import type { Point, Polygon, Ring } from './geometry';

/**
 * An equirectangular projection around one point of the site: metres east and north of it.
 * Over a school site (a few hundred metres) it is off by well under a centimetre per metre.
 */
export interface LocalFrame {
	readonly origin: GeoPosition;
	toMetres(position: GeoPosition): Point;
	toLonLat(point: Point): GeoPosition;
}

export const METRES_PER_DEGREE_LAT = 111_320;

export function localFrame(origin: GeoPosition): LocalFrame {
	const [lon0, lat0] = origin;
	const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((lat0 * Math.PI) / 180);
	return {
		origin,
		toMetres: ([lon, lat]) => [(lon - lon0) * metresPerDegreeLon, (lat - lat0) * METRES_PER_DEGREE_LAT],
		toLonLat: ([x, y]) => [round7(lon0 + x / metresPerDegreeLon), round7(lat0 + y / METRES_PER_DEGREE_LAT)]
	};
}

/** 1e-7 degrees is about a centimetre: plenty for rooms, and it keeps the file small. */
export function round7(value: number): number {
	return Math.round(value * 1e7) / 1e7;
}

/** The frame at the venue's display point, else at the middle of everything in the plan. */
export function frameOf(plan: FloorplanFile): LocalFrame {
	for (const feature of plan.features) {
		if (feature.feature_type === 'venue' && feature.properties.display_point !== undefined) {
			return localFrame(feature.properties.display_point.coordinates);
		}
	}
	let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const feature of plan.features) {
		if (feature.feature_type !== 'unit' && feature.feature_type !== 'level') continue;
		for (const polygon of polygonsOf(feature.geometry)) {
			for (const [lon, lat] of polygon.flat()) {
				[minLon, minLat] = [Math.min(minLon, lon), Math.min(minLat, lat)];
				[maxLon, maxLat] = [Math.max(maxLon, lon), Math.max(maxLat, lat)];
			}
		}
	}
	return localFrame(Number.isFinite(minLon) ? [(minLon + maxLon) / 2, (minLat + maxLat) / 2] : [0, 0]);
}

function polygonsOf(geometry: GeoArea): GeoPosition[][][] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The area's polygons in metres, with repeated consecutive corners dropped. */
export function areaInMetres(geometry: GeoArea, frame: LocalFrame): Polygon[] {
	return polygonsOf(geometry).map((polygon) => polygon.map((ring) => dropRepeats(ring.map(frame.toMetres))));
}

export function dropRepeats(ring: readonly Point[]): Ring {
	return ring.filter((p, i) => {
		const previous = ring[i - 1];
		return previous === undefined || Math.hypot(p[0] - previous[0], p[1] - previous[1]) > 1e-9;
	});
}
