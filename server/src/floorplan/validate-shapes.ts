import { boxesOverlap, boxOf, polygonArea, polygonsOverlap, selfIntersection, signedArea, type Polygon } from './geometry';
import { issue } from './issues';
import { ON_WALL_METRES, type PlacedUnit, type ValidationContext } from './validation-context';

/** Smaller than a cupboard: a slip of the mouse, not a room. */
const MIN_AREA_SQUARE_METRES = 0.25;

/** A ring must be a simple loop with some floor inside; GeoJSON asks outsides to run counter-clockwise. */
export function checkOutline(name: string, polygon: Polygon, context: ValidationContext): void {
	polygon.forEach((ring, i) => {
		const which = i === 0 ? 'outline' : `hole ${i}`;
		if (ring.length < 4) {
			context.errors.push(issue(name, `${which} has fewer than 3 distinct corners`));
			return;
		}
		const crossing = selfIntersection(ring);
		if (crossing !== null) {
			context.errors.push(issue(name, `${which} crosses itself near [${context.frame.toLonLat(crossing).join(', ')}]`));
		}
	});
	const [outside] = polygon;
	if (outside === undefined || outside.length < 4) return;
	if (polygonArea(polygon) < MIN_AREA_SQUARE_METRES) {
		context.errors.push(issue(name, `outline has no floor area (${polygonArea(polygon).toFixed(2)} m²)`));
	} else if (signedArea(outside) < 0) {
		context.warnings.push(issue(name, 'outline runs clockwise; GeoJSON (RFC 7946) asks for counter-clockwise'));
	}
}

/** Two units of one level may share walls but never floor: a room drawn twice or inside another is a mistake. */
export function checkOverlaps(context: ValidationContext): void {
	const byLevel = new Map<string, PlacedUnit[]>();
	for (const unit of context.units.values()) {
		const levelId = unit.feature.properties.level_id;
		byLevel.set(levelId, [...(byLevel.get(levelId) ?? []), unit]);
	}
	for (const [levelId, units] of byLevel) {
		const boxed = units.flatMap((unit) => unit.polygons.map((polygon) => ({ unit, polygon, box: boxOf(polygon.flat()) })));
		const reported = new Set<string>();
		boxed.forEach((a, i) => {
			for (const b of boxed.slice(i + 1)) {
				if (a.unit === b.unit || !boxesOverlap(a.box, b.box, -ON_WALL_METRES)) continue;
				const pair = `${a.unit.feature.id} ${b.unit.feature.id}`;
				if (reported.has(pair) || !polygonsOverlap(a.polygon, b.polygon, [a.unit.display, b.unit.display], ON_WALL_METRES)) continue;
				reported.add(pair);
				context.errors.push(issue(a.unit.name, `overlaps unit ${b.unit.feature.id} on level ${levelId}; rooms may share walls but not floor`));
			}
		});
	}
}
