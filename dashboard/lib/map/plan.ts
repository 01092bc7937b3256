import { levelsOf, unitsOf, type FloorplanFile, type FloorplanLevel, type FloorplanUnit } from '$protocol';

/** A floorplan ready to draw: levels by ordinal, and the units of each. */
export interface Plan {
	levels: FloorplanLevel[];
	units: Map<string, FloorplanUnit[]>;
	/** Ordinal of each unit's level, to count what happens on the floors not shown. */
	ordinalOf: Map<string, number>;
}

export function planOf(file: FloorplanFile): Plan {
	const levels = levelsOf(file).sort((a, b) => a.properties.ordinal - b.properties.ordinal);
	const ordinal = new Map(levels.map((l) => [l.id, l.properties.ordinal]));
	const units = new Map<string, FloorplanUnit[]>(levels.map((l) => [l.id, []]));
	const ordinalOf = new Map<string, number>();
	for (const unit of unitsOf(file)) {
		units.get(unit.properties.level_id)?.push(unit);
		ordinalOf.set(unit.id, ordinal.get(unit.properties.level_id) ?? 0);
	}
	return { levels, units, ordinalOf };
}
