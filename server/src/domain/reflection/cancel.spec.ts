import { describe, expect, it } from 'vitest';
import { asEvent } from '../../../../test/support/dispatch-fixtures';
import { at, ms, Scenario, type EventDraft } from '../../../../test/support/school-fixtures';
import { checkAtDesk } from '../desk-check';
import { feedView } from '../view';
import { reflectionView } from './reflection';

const booked = (bookingId: string, studentId: string, periodId = 'P1', startsAt = '09:00', endsAt = '10:00'): EventDraft => ({
	type: 'reflection:booked',
	occurredAt: at('08:00'),
	bookingId,
	studentId,
	roomId: 'RR',
	periodId,
	startsAt: at(startsAt),
	endsAt: at(endsAt),
	reason: 'Truancy from Period 1',
	bookedBy: 'T1'
});

const cancelled = (bookingId: string, occurredAt = at('09:05'), reason = 'AM mark corrected: at the dentist'): EventDraft => ({
	type: 'reflection:cancelled',
	occurredAt,
	bookingId,
	by: 'T1',
	reason
});

describe('a Reflection Room booking cancelled', () => {
	it('leaves the room: occupants, expected and booked periods, and is kept as a sanction cleared that day', () => {
		const s = new Scenario().apply(booked('b1', 'A'), booked('b2', 'B'), { type: 'reflection:checked-in', occurredAt: at('09:02'), bookingId: 'b1' });
		expect(reflectionView(s.state, ms('09:03'))[0]).toMatchObject({ expected: 1, occupants: [{ bookingId: 'b1' }], periods: [{ periodId: 'P1', booked: 2 }] });

		s.apply(cancelled('b1'), cancelled('b2'));
		const [room] = reflectionView(s.state, ms('09:06'));
		expect(room).toMatchObject({ occupants: [], expected: 0, periods: [] });
		expect(s.state.sanctionsCleared.get('2026-11-23')?.map((c) => [c.studentId, c.bookingId, c.periodId, c.bookedFor, c.reason, c.by])).toEqual([
			['A', 'b1', 'P1', 'Truancy from Period 1', 'AM mark corrected: at the dentist', 'T1'],
			['B', 'b2', 'P1', 'Truancy from Period 1', 'AM mark corrected: at the dentist', 'T1']
		]);
	});

	it('never becomes a no-show, nor counts as a repeat booking, and a resent booking stays cancelled', () => {
		const s = new Scenario().apply(booked('b1', 'A'), booked('b2', 'A', 'P2', '10:00', '11:00'));
		expect(feedView(s.state, 'support', ms('08:30')).find((i) => i.id === 'A')?.reasons).toEqual(['reflection_repeat']);
		s.apply(cancelled('b1', at('08:30')));
		expect(feedView(s.state, 'truancy', ms('09:30')).filter((t) => t.reason === 'reflection_no_show')).toEqual([]);
		expect(feedView(s.state, 'support', ms('09:30')).find((i) => i.id === 'A')).toBeUndefined();
		s.apply(booked('b1', 'A'));
		expect(s.state.bookings.has('b1')).toBe(false);
		expect(feedView(s.state, 'truancy', ms('09:30')).filter((t) => t.reason === 'reflection_no_show')).toEqual([]);
	});

	it('is refused at the desk for a booking Lookout does not know, one checked out, or one already cancelled', () => {
		const s = new Scenario().apply(
			booked('b1', 'A'),
			{ type: 'reflection:checked-in', occurredAt: at('09:01'), bookingId: 'b1' },
			{ type: 'reflection:checked-out', occurredAt: at('10:00'), bookingId: 'b1' },
			booked('b2', 'B'),
			cancelled('b2')
		);
		expect(checkAtDesk(() => s.state, [asEvent(cancelled('ghost'), 'c1')])).toEqual({
			index: 0,
			code: 'not_found',
			field: 'bookingId',
			message: 'no Reflection Room booking has id ghost'
		});
		expect(checkAtDesk(() => s.state, [asEvent(cancelled('b1'), 'c2')])).toMatchObject({ code: 'invalid_transition', field: 'bookingId' });
		expect(checkAtDesk(() => s.state, [asEvent(cancelled('b2'), 'c3')])?.message).toBe('booking b2 was already cancelled');
		// The cancel already stored, sent again with its id: the store drops it as a duplicate.
		expect(checkAtDesk(() => s.state, [asEvent(cancelled('b2'), 'e6')])).toBeNull();
		// A refused cancel that reached the log anyway changes nothing.
		s.apply(cancelled('b1', at('10:05')), cancelled('ghost'));
		expect(s.state.sanctionsCleared.get('2026-11-23')?.map((c) => c.bookingId)).toEqual(['b2']);
	});

	it('checks a batch in order: a booking and its cancel together pass, a cancel after a check-out in the batch does not', () => {
		const s = new Scenario();
		const batch = [asEvent(booked('b9', 'C'), 'k1'), asEvent(cancelled('b9'), 'k2')];
		expect(checkAtDesk(() => s.state, batch)).toBeNull();
		const served = [
			asEvent(booked('b8', 'C'), 'k3'),
			asEvent({ type: 'reflection:checked-in', occurredAt: at('09:01'), bookingId: 'b8' }, 'k4'),
			asEvent({ type: 'reflection:checked-out', occurredAt: at('10:00'), bookingId: 'b8' }, 'k5'),
			asEvent(cancelled('b8', at('10:01')), 'k6')
		];
		expect(checkAtDesk(() => s.state, served)).toMatchObject({ index: 3, code: 'invalid_transition' });
		expect(checkAtDesk(() => s.state, [...batch, asEvent(cancelled('b9', at('09:06')), 'k7')])).toMatchObject({ index: 2, code: 'invalid_transition' });
	});
});
