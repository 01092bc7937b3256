import { describe, expect, it } from 'vitest';
import { at, ms, Scenario } from '../../../../test/support/school-fixtures';
import { reflectionView } from './reflection';

describe('Reflection Room occupancy', () => {
	it('counts check-ins against capacity, four into a room of three', () => {
		const s = new Scenario();
		for (const id of ['A', 'B', 'C', 'D']) {
			s.apply(
				{
					type: 'reflection:booked',
					occurredAt: at('08:00'),
					bookingId: `b${id}`,
					studentId: id,
					roomId: 'RR',
					periodId: 'P1',
					startsAt: at('09:00'),
					endsAt: at('10:00'),
					reason: 'r',
					bookedBy: 'T1'
				},
				{ type: 'reflection:checked-in', occurredAt: at('09:02'), bookingId: `b${id}` }
			);
		}
		const [room] = reflectionView(s.state, ms('09:05'));
		expect(room).toMatchObject({ id: 'RR', capacity: 3, expected: 0 });
		expect(room?.occupants.map((o) => o.student.initials)).toEqual(['AS', 'BT', 'CU', 'DV']);
		s.apply({ type: 'reflection:checked-out', occurredAt: at('10:00'), bookingId: 'bA' });
		expect(reflectionView(s.state, ms('10:00'))[0]?.occupants).toHaveLength(3);
	});

	it('counts students booked for the current period but not yet in', () => {
		const s = new Scenario().apply({
			type: 'reflection:booked',
			occurredAt: at('08:00'),
			bookingId: 'b1',
			studentId: 'A',
			roomId: 'RR',
			periodId: 'P1',
			startsAt: at('09:00'),
			endsAt: at('10:00'),
			reason: 'r',
			bookedBy: 'T1'
		});
		expect(reflectionView(s.state, ms('08:59'))[0]?.expected).toBe(0);
		expect(reflectionView(s.state, ms('09:01'))[0]?.expected).toBe(1);
	});

	it('ignores a check-out without a check-in', () => {
		const s = new Scenario().apply(
			{
				type: 'reflection:booked',
				occurredAt: at('08:00'),
				bookingId: 'b1',
				studentId: 'A',
				roomId: 'RR',
				periodId: 'P1',
				startsAt: at('09:00'),
				endsAt: at('10:00'),
				reason: 'r',
				bookedBy: 'T1'
			},
			{ type: 'reflection:checked-out', occurredAt: at('09:30'), bookingId: 'b1' },
			{ type: 'reflection:checked-in', occurredAt: at('09:31'), bookingId: 'b1' }
		);
		expect(reflectionView(s.state, ms('09:32'))[0]?.occupants).toHaveLength(1);
	});
});
