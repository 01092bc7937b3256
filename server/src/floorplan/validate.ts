import type { FloorplanFile, FloorplanLevel } from '../../protocol';
import { wellInside } from './geometry';
import { issue, type FloorplanIssue } from './issues';
import { areaInMetres, frameOf } from './projection';
import { checkAmenities, checkOpenings, checkRelationships } from './validate-links';
import { checkOutline, checkOverlaps } from './validate-shapes';
import type { PlacedUnit, ValidationContext } from './validation-context';

/**
 * The rules a floorplan must keep beyond its schema, in metres on the ground: every id used
 * once; every unit on a known level, with an outline that does not cross itself, a display
 * point inside it and no floor shared with another unit; every door on the wall its two units
 * share; stairs and lifts linking known units; and every unit reachable on foot from every
 * other. Errors make the plan unusable; warnings are worth fixing but break nothing.
 */
export interface FloorplanCheck {
	readonly errors: FloorplanIssue[];
	readonly warnings: FloorplanIssue[];
}

export function validateFloorplan(plan: FloorplanFile): FloorplanCheck {
	const errors: FloorplanIssue[] = [];
	const warnings: FloorplanIssue[] = [];
	checkIds(plan, errors);
	const frame = frameOf(plan);
	const levels = new Map<string, FloorplanLevel>();
	const units = new Map<string, PlacedUnit>();
	const context: ValidationContext = { frame, levels, units, errors, warnings };

	for (const level of plan.features) {
		if (level.feature_type !== 'level' || levels.has(level.id)) continue;
		levels.set(level.id, level);
		checkLevel(level, context);
	}
	warnSharedOrdinals([...levels.values()], warnings);

	for (const unit of plan.features) {
		if (unit.feature_type !== 'unit' || units.has(unit.id)) continue;
		const placed: PlacedUnit = {
			feature: unit,
			name: `unit ${unit.id}`,
			polygons: areaInMetres(unit.geometry, frame),
			display: frame.toMetres(unit.properties.display_point.coordinates)
		};
		units.set(unit.id, placed);
		checkUnit(placed, context);
	}
	checkOverlaps(context);

	const links = [...checkOpenings(plan, context), ...checkRelationships(plan, context)];
	checkAmenities(plan, context);
	checkReachable([...units.keys()], links, errors);
	return { errors, warnings };
}

function checkIds(plan: FloorplanFile, errors: FloorplanIssue[]): void {
	const seen = new Map<string, number>();
	for (const feature of plan.features) seen.set(feature.id, (seen.get(feature.id) ?? 0) + 1);
	for (const [id, count] of seen) {
		if (count > 1) errors.push(issue(undefined, `id ${id} is used by ${count} features; every feature needs its own id`));
	}
}

function checkLevel(level: FloorplanLevel, context: ValidationContext): void {
	const name = `level ${level.id}`;
	const polygons = areaInMetres(level.geometry, context.frame);
	for (const polygon of polygons) checkOutline(name, polygon, context);
	const display = level.properties.display_point?.coordinates;
	if (display !== undefined && !polygons.some((p) => wellInside(context.frame.toMetres(display), p, 0))) {
		context.errors.push(issue(name, `display point [${display.join(', ')}] is outside the level's outline`));
	}
}

function warnSharedOrdinals(levels: readonly FloorplanLevel[], warnings: FloorplanIssue[]): void {
	const byOrdinal = new Map<number, string[]>();
	for (const level of levels) byOrdinal.set(level.properties.ordinal, [...(byOrdinal.get(level.properties.ordinal) ?? []), level.id]);
	for (const [ordinal, ids] of byOrdinal) {
		if (ids.length > 1) warnings.push(issue(undefined, `levels ${ids.join(', ')} share ordinal ${ordinal}; the map shows them as one floor`));
	}
}

function checkUnit(unit: PlacedUnit, context: ValidationContext): void {
	const { level_id: levelId, display_point: displayPoint } = unit.feature.properties;
	const level = context.levels.get(levelId);
	if (level === undefined) context.errors.push(issue(unit.name, `is on level ${levelId}, which is not in the file`));
	for (const polygon of unit.polygons) checkOutline(unit.name, polygon, context);
	if (!unit.polygons.some((polygon) => wellInside(unit.display, polygon, 0.01))) {
		context.errors.push(issue(unit.name, `display point [${displayPoint.coordinates.join(', ')}] is outside its outline (or on its wall)`));
	} else if (level !== undefined) {
		const outline = areaInMetres(level.geometry, context.frame);
		if (!outline.some((polygon) => wellInside(unit.display, polygon, 0))) {
			context.errors.push(issue(unit.name, `lies outside the outline of level ${level.id}`));
		}
	}
}

/** Everyone must be able to walk to every room: a room no door or stairs reaches is a drawing mistake. */
function checkReachable(unitIds: readonly string[], links: readonly (readonly [string, string])[], errors: FloorplanIssue[]): void {
	const neighbours = new Map<string, string[]>(unitIds.map((id) => [id, []]));
	for (const [a, b] of links) {
		neighbours.get(a)?.push(b);
		neighbours.get(b)?.push(a);
	}
	const component = new Map<string, number>();
	const sizes: number[] = [];
	for (const start of unitIds) {
		if (component.has(start)) continue;
		const index = sizes.length;
		const queue = [start];
		component.set(start, index);
		for (let i = 0; i < queue.length; i++) {
			for (const next of neighbours.get(queue[i] ?? '') ?? []) {
				if (component.has(next)) continue;
				component.set(next, index);
				queue.push(next);
			}
		}
		sizes.push(queue.length);
	}
	const main = sizes.indexOf(Math.max(...sizes));
	const from = unitIds.find((id) => component.get(id) === main);
	for (const id of unitIds) {
		if (component.get(id) !== main) {
			errors.push(
				issue(`unit ${id}`, `cannot be reached on foot from ${from ?? 'the rest of the plan'}: no door, stairs or lift links it to the rest of the plan`)
			);
		}
	}
}
