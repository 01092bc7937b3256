import { featuresOf, type FloorplanFile, type FloorplanRelationship, type FloorplanUnit } from '../../protocol';
import { distance, midpoint, type Point } from './geometry';
import { MinHeap } from './min-heap';
import { frameOf } from './projection';

/**
 * Walking distances over a floorplan, for suggesting the nearest responder. Nodes sit at each
 * unit's display point and at the middle of each door; inside a unit every node is joined to
 * every other in a straight line (which cuts the corner of an L-shaped room, so corridors are
 * best drawn in straight sections); a door node belongs to both units it joins, so crossing it
 * costs nothing; stairs and lifts join the display points of their units across levels.
 */
export interface WalkingGraphOptions {
	/** What climbing or descending one storey by stairs costs, in metres of level walking. */
	readonly stairsMetresPerStorey?: number;
	/** The same by lift; more than stairs, for the wait. */
	readonly liftMetresPerStorey?: number;
}

export interface WalkingNode {
	/** The unit id, or the opening id for a door. */
	readonly id: string;
	readonly kind: 'unit' | 'door';
	/** Metres east and north of the venue. */
	readonly at: Point;
}

export interface WalkingEdge {
	readonly to: number;
	readonly metres: number;
}

export interface WalkingGraph {
	readonly nodes: readonly WalkingNode[];
	/** Edges leaving each node, by node index. */
	readonly edges: readonly (readonly WalkingEdge[])[];
	/** The node of each unit's display point, by unit id. */
	readonly unitNodes: ReadonlyMap<string, number>;
}

export const DEFAULT_WALKING: Required<WalkingGraphOptions> = { stairsMetresPerStorey: 15, liftMetresPerStorey: 20 };

export function buildWalkingGraph(plan: FloorplanFile, options: WalkingGraphOptions = {}): WalkingGraph {
	const costs = { ...DEFAULT_WALKING, ...options };
	const frame = frameOf(plan);
	const nodes: WalkingNode[] = [];
	const edges: WalkingEdge[][] = [];
	const unitNodes = new Map<string, number>();
	const units = new Map<string, FloorplanUnit>();
	const members = new Map<string, number[]>();
	const addNode = (node: WalkingNode): number => {
		nodes.push(node);
		edges.push([]);
		return nodes.length - 1;
	};
	const join = (from: number, to: number, metres: number, oneWay = false): void => {
		edges[from]?.push({ to, metres });
		if (!oneWay) edges[to]?.push({ to: from, metres });
	};

	for (const unit of featuresOf(plan, 'unit')) {
		if (units.has(unit.id)) continue;
		units.set(unit.id, unit);
		const node = addNode({ id: unit.id, kind: 'unit', at: frame.toMetres(unit.properties.display_point.coordinates) });
		unitNodes.set(unit.id, node);
		members.set(unit.id, [node]);
	}
	for (const opening of featuresOf(plan, 'opening')) {
		const [a, b] = opening.properties.unit_ids;
		const line = opening.geometry.coordinates;
		const [first, last] = [line[0], line[line.length - 1]];
		if (a === b || !units.has(a) || !units.has(b) || first === undefined || last === undefined) continue;
		const door = addNode({ id: opening.id, kind: 'door', at: midpoint(frame.toMetres(first), frame.toMetres(last)) });
		members.get(a)?.push(door);
		members.get(b)?.push(door);
	}
	for (const inside of members.values()) {
		inside.forEach((from, i) => {
			for (const to of inside.slice(i + 1)) join(from, to, distance(nodes[from]?.at ?? [0, 0], nodes[to]?.at ?? [0, 0]));
		});
	}

	const ordinals = new Map(featuresOf(plan, 'level').map((level) => [level.id, level.properties.ordinal]));
	const storeysBetween = (a: FloorplanUnit, b: FloorplanUnit): number =>
		Math.max(1, Math.abs((ordinals.get(a.properties.level_id) ?? 0) - (ordinals.get(b.properties.level_id) ?? 0)));
	for (const relationship of featuresOf(plan, 'relationship')) {
		const chain = [relationship.properties.origin, ...(relationship.properties.intermediary ?? []), relationship.properties.destination];
		chain.slice(1).forEach((toId, i) => {
			const [from, to] = [units.get(chain[i] ?? ''), units.get(toId)];
			const [fromNode, toNode] = [unitNodes.get(chain[i] ?? ''), unitNodes.get(toId)];
			if (from === undefined || to === undefined || fromNode === undefined || toNode === undefined || from === to) return;
			const perStorey = isLift(relationship, from, to) ? costs.liftMetresPerStorey : costs.stairsMetresPerStorey;
			const along = distance(nodes[fromNode]?.at ?? [0, 0], nodes[toNode]?.at ?? [0, 0]);
			join(fromNode, toNode, along + storeysBetween(from, to) * perStorey, relationship.properties.direction === 'directed');
		});
	}
	return { nodes, edges, unitNodes };
}

function isLift(relationship: FloorplanRelationship, a: FloorplanUnit, b: FloorplanUnit): boolean {
	return relationship.properties.category === 'elevator' || a.properties.category === 'elevator' || b.properties.category === 'elevator';
}

/** Shortest walks from one unit, in metres, to every unit that can be reached; empty for an unknown unit. */
export function distancesFrom(graph: WalkingGraph, fromUnitId: string, stopAt?: string): Map<string, number> {
	const reached = new Map<string, number>();
	const start = graph.unitNodes.get(fromUnitId);
	if (start === undefined) return reached;
	const best = new Float64Array(graph.nodes.length).fill(Infinity);
	best[start] = 0;
	const queue = new MinHeap<number>();
	queue.push(0, start);
	for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
		const { key: metres, value: here } = item;
		if (metres > (best[here] ?? Infinity)) continue;
		const node = graph.nodes[here];
		if (node?.kind === 'unit') {
			reached.set(node.id, metres);
			if (node.id === stopAt) break;
		}
		for (const edge of graph.edges[here] ?? []) {
			const via = metres + edge.metres;
			if (via < (best[edge.to] ?? Infinity)) {
				best[edge.to] = via;
				queue.push(via, edge.to);
			}
		}
	}
	return reached;
}

/** Metres on foot between two units' display points; null when either is unknown or no walk joins them. */
export function walkingDistance(graph: WalkingGraph, fromUnitId: string, toUnitId: string): number | null {
	return distancesFrom(graph, fromUnitId, toUnitId).get(toUnitId) ?? null;
}

export interface Ranked<T> {
	readonly candidate: T;
	/** Metres on foot from the starting unit; null when no walk reaches the candidate's unit. */
	readonly metres: number | null;
}

/** Candidates by walking distance from a unit, nearest first; those that cannot be reached last, in the order given. */
export function nearest<T extends { readonly unitId: string }>(graph: WalkingGraph, fromUnitId: string, candidates: readonly T[]): Ranked<T>[] {
	const distances = distancesFrom(graph, fromUnitId);
	return candidates
		.map((candidate) => ({ candidate, metres: distances.get(candidate.unitId) ?? null }))
		.sort((a, b) => (a.metres ?? Infinity) - (b.metres ?? Infinity) || 0);
}
