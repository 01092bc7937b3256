import { featuresOf, type FloorplanFile } from '../../protocol';
import { buildWalkingGraph, distancesFrom } from './walking-graph';

export interface FloorplanSummary {
	readonly venue: string | null;
	readonly featureCounts: Record<string, number>;
	/** Ground floor first. */
	readonly levels: readonly {
		readonly id: string;
		readonly shortName: string;
		readonly ordinal: number;
		readonly units: number;
		readonly categories: Record<string, number>;
	}[];
	/** The two units furthest apart on foot: a quick check that the scale and the doors are right. */
	readonly longestWalk: { readonly from: string; readonly to: string; readonly metres: number } | null;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return counts;
}

export function summariseFloorplan(plan: FloorplanFile): FloorplanSummary {
	const units = featuresOf(plan, 'unit');
	const levels = featuresOf(plan, 'level')
		.sort((a, b) => a.properties.ordinal - b.properties.ordinal)
		.map((level) => {
			const on = units.filter((unit) => unit.properties.level_id === level.id);
			const categories = countBy(on.map((unit) => unit.properties.category).sort(), (category) => category);
			return { id: level.id, shortName: level.properties.short_name, ordinal: level.properties.ordinal, units: on.length, categories };
		});
	const graph = buildWalkingGraph(plan);
	let longestWalk: FloorplanSummary['longestWalk'] = null;
	for (const unit of units) {
		for (const [to, metres] of distancesFrom(graph, unit.id)) {
			if (metres > (longestWalk?.metres ?? -1)) longestWalk = { from: unit.id, to, metres };
		}
	}
	return {
		venue: featuresOf(plan, 'venue')[0]?.properties.name ?? null,
		featureCounts: countBy(plan.features, (feature) => feature.feature_type),
		levels,
		longestWalk
	};
}

/** A few lines for people: what is in the plan, floor by floor. */
export function describeFloorplan(summary: FloorplanSummary): string[] {
	const list = (counts: Record<string, number>): string =>
		Object.entries(counts)
			.map(([name, count]) => `${name} ${count}`)
			.join(', ');
	const walk = summary.longestWalk;
	return [
		`${summary.venue ?? 'no venue'}: ${list(summary.featureCounts)}`,
		...summary.levels.map((level) => `${level.id} (${level.shortName}, ordinal ${level.ordinal}): ${level.units} units: ${list(level.categories)}`),
		walk === null ? 'no units to walk between' : `longest walk: ${walk.from} to ${walk.to}, ${Math.round(walk.metres)} m`
	];
}
