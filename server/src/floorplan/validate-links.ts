import { featuresOf, type FloorplanFile, type FloorplanOpening } from '../../protocol';
import { distanceToBoundary, insidePolygon, midpoint, type Point } from './geometry';
import { issue } from './issues';
import { ON_WALL_METRES, type ValidationContext } from './validation-context';

type Link = readonly [string, string];

/** Each door must join two different units of its own level and lie along the wall they share. */
export function checkOpenings(plan: FloorplanFile, context: ValidationContext): Link[] {
	const links: Link[] = [];
	for (const opening of featuresOf(plan, 'opening')) {
		if (checkOpening(opening, context)) links.push(opening.properties.unit_ids);
	}
	return links;
}

function checkOpening(opening: FloorplanOpening, context: ValidationContext): boolean {
	const name = `opening ${opening.id}`;
	const { unit_ids: unitIds, level_id: levelId } = opening.properties;
	const fail = (message: string): false => {
		context.errors.push(issue(name, message));
		return false;
	};
	if (!context.levels.has(levelId)) return fail(`is on level ${levelId}, which is not in the file`);
	if (unitIds[0] === unitIds[1]) return fail(`joins unit ${unitIds[0]} to itself; a door joins two different units`);
	const line = opening.geometry.coordinates.map(context.frame.toMetres);
	const probes: Point[] = line.flatMap((p, i) => {
		const next = line[i + 1];
		return next === undefined ? [p] : [p, midpoint(p, next)];
	});
	const [first, last] = [line[0], line[line.length - 1]];
	if (first === undefined || last === undefined || Math.hypot(last[0] - first[0], last[1] - first[1]) < 0.1) {
		return fail('has no width: its line starts and ends in the same place');
	}
	let ok = true;
	for (const unitId of unitIds) {
		const unit = context.units.get(unitId);
		if (unit === undefined) {
			ok = fail(`joins unit ${unitId}, which is not in the file`);
			continue;
		}
		if (unit.feature.properties.level_id !== levelId) {
			ok = fail(`is on level ${levelId} but unit ${unitId} is on level ${unit.feature.properties.level_id}`);
			continue;
		}
		const away = Math.max(...probes.map((p) => Math.min(...unit.polygons.map((polygon) => distanceToBoundary(p, polygon)))));
		if (away > ON_WALL_METRES) ok = fail(`is not on a wall of unit ${unitId} (up to ${away.toFixed(2)} m away from it)`);
	}
	return ok;
}

/** Stairs and lifts: both ends must be units in the file. */
export function checkRelationships(plan: FloorplanFile, context: ValidationContext): Link[] {
	const links: Link[] = [];
	for (const relationship of featuresOf(plan, 'relationship')) {
		const name = `relationship ${relationship.id}`;
		const { origin, destination, intermediary } = relationship.properties;
		const ends = [origin, ...(intermediary ?? []), destination];
		const missing = ends.filter((id) => !context.units.has(id));
		for (const id of missing) context.errors.push(issue(name, `refers to unit ${id}, which is not in the file`));
		if (origin === destination) context.errors.push(issue(name, `leads from unit ${origin} to itself`));
		else if (missing.length === 0) ends.slice(1).forEach((id, i) => links.push([ends[i] ?? id, id]));
	}
	return links;
}

/** An amenity named with units must stand inside one of them. */
export function checkAmenities(plan: FloorplanFile, context: ValidationContext): void {
	for (const amenity of featuresOf(plan, 'amenity')) {
		const name = `amenity ${amenity.id}`;
		const at = context.frame.toMetres(amenity.geometry.coordinates);
		const units = amenity.properties.unit_ids.map((id) => ({ id, unit: context.units.get(id) }));
		for (const { id, unit } of units) if (unit === undefined) context.errors.push(issue(name, `refers to unit ${id}, which is not in the file`));
		const inside = units.some(({ unit }) => unit?.polygons.some((polygon) => insidePolygon(at, polygon)) ?? false);
		if (units.length > 0 && units.every(({ unit }) => unit !== undefined) && !inside) {
			context.errors.push(issue(name, `is not inside unit ${amenity.properties.unit_ids.join(' or ')}`));
		}
	}
}
