import { describe, expect, it } from 'vitest';
import { fixturePlan, TWO_FLOORS, type FixtureSpec } from '../../../test/support/floorplan-fixtures';
import { buildWalkingGraph, nearest, walkingDistance } from './walking-graph';

const graph = buildWalkingGraph(fixturePlan(TWO_FLOORS));

describe('walking graph', () => {
	it('walks from display point to door, along the corridor and in through the next door', () => {
		// 2.5 m to R1's door, 5 m along the corridor, 2.5 m into R2.
		expect(walkingDistance(graph, 'R1', 'R2')).toBeCloseTo(10, 1);
		expect(walkingDistance(graph, 'R2', 'R1')).toBeCloseTo(10, 1);
		expect(walkingDistance(graph, 'R1', 'R1')).toBe(0);
	});

	it('climbs the stairs at 15 m a storey unless told otherwise', () => {
		// 2.5 + 15 to the stairs door + 2.5 into the stairs, 15 up, 2.5 + 5 + 2.5 to U1.
		expect(walkingDistance(graph, 'R1', 'U1')).toBeCloseTo(45, 1);
		const steep = buildWalkingGraph(fixturePlan(TWO_FLOORS), { stairsMetresPerStorey: 40 });
		expect(walkingDistance(steep, 'R1', 'U1')).toBeCloseTo(70, 1);
	});

	it('answers null for rooms no walk reaches and for rooms not in the plan', () => {
		const island: FixtureSpec = { ...TWO_FLOORS, rooms: [...TWO_FLOORS.rooms, { id: 'SHED', level: 'L0', rect: [0, -10, 4, -6] }] };
		const withShed = buildWalkingGraph(fixturePlan(island));
		expect(walkingDistance(withShed, 'R1', 'SHED')).toBeNull();
		expect(walkingDistance(withShed, 'SHED', 'R1')).toBeNull();
		expect(walkingDistance(withShed, 'R1', 'NOWHERE')).toBeNull();
		expect(walkingDistance(withShed, 'NOWHERE', 'R1')).toBeNull();
	});

	it('walks a one-way link only forwards', () => {
		const oneWay = buildWalkingGraph(fixturePlan({ ...TWO_FLOORS, links: [{ id: 'UP', from: 'ST-G', to: 'ST-1', oneWay: true }] }));
		expect(walkingDistance(oneWay, 'R1', 'U1')).toBeCloseTo(45, 1);
		expect(walkingDistance(oneWay, 'U1', 'R1')).toBeNull();
	});

	it('ranks candidates nearest first and puts the unreachable last, in the order given', () => {
		const staff = [
			{ id: 'far', unitId: 'U1' },
			{ id: 'lost', unitId: 'NOWHERE' },
			{ id: 'near', unitId: 'R2' },
			{ id: 'here', unitId: 'R1' },
			{ id: 'lost too', unitId: 'ALSO-NOWHERE' }
		];
		const ranked = nearest(graph, 'R1', staff);
		expect(ranked.map((r) => r.candidate.id)).toEqual(['here', 'near', 'far', 'lost', 'lost too']);
		expect(ranked.map((r) => (r.metres === null ? null : Math.round(r.metres)))).toEqual([0, 10, 45, null, null]);
	});
});
