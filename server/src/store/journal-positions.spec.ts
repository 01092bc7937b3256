import { describe, expect, it } from 'vitest';
import { describePositionProblem, PositionOrder } from './journal-positions';

describe('position order down the journal', () => {
	it('takes growing positions with gaps, school by school', () => {
		const order = new PositionOrder();
		expect(order.event('a', 1, 1)).toBeNull();
		expect(order.event('b', 1, 2)).toBeNull();
		expect(order.event('a', 4, 3)).toBeNull();
		expect(order.last('a')).toBe(4);
	});

	it('names both lines of a position written twice', () => {
		const order = new PositionOrder();
		for (const [p, line] of [
			[1, 1],
			[2, 2],
			[3, 3]
		] as const)
			order.event('a', p, line);
		const problem = order.event('a', 2, 7);
		expect(problem).toEqual({ kind: 'duplicate', schoolId: 'a', position: 2, line: 7, firstLine: 2 });
		expect(describePositionProblem(problem!)).toBe('school a has position 2 on lines 2 and 7');
		expect(order.last('a')).toBe(3);
	});

	it('refuses a position at or before the end of a purged log, naming the line of that end', () => {
		const order = new PositionOrder();
		order.event('a', 2, 1);
		order.end('a', 5, 2);
		expect(order.event('a', 4, 3)).toEqual({ kind: 'backwards', schoolId: 'a', position: 4, line: 3, after: 5, afterLine: 2 });
		expect(order.event('a', 6, 4)).toBeNull();
	});
});
