import { describe, expect, it } from 'vitest';
import { at, DATE, Scenario } from '../../../../test/support/school-fixtures';
import { derivedFor } from './derived';

describe('derived per feed and date', () => {
	it('is kept until an event touches its feed, and only then derived afresh', () => {
		const s = new Scenario();
		let walks = 0;
		const walk = () => derivedFor(s.state, 'truancy', DATE, () => ++walks);
		expect([walk(), walk()]).toEqual([1, 1]);
		expect(derivedFor(s.state, 'truancy', '2026-11-25', () => 'another day')).toBe('another day');

		s.apply({
			type: 'behaviour:recorded',
			occurredAt: at('09:10'),
			polarity: 'negative',
			category: 'defiance',
			severity: 2,
			points: -2,
			locationId: 'M1',
			studentIds: ['A'],
			staffId: 'T1'
		});
		expect(walk()).toBe(1);

		s.apply({ type: 'student:found', occurredAt: at('09:20'), studentId: 'A', locationId: 'M1', by: 'T1' });
		expect(walk()).toBe(2);
		expect(derivedFor(s.state, 'truancy', '2026-11-25', () => 'walked again')).toBe('walked again');
	});
});
