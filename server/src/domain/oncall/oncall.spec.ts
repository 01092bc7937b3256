import { describe, expect, it } from 'vitest';
import { roomsView } from '../behaviour/behaviour';
import { checkDispatch } from './dispatch-check';
import { asEvent, dispatchScenario, raise } from '../../../../test/support/dispatch-fixtures';
import { at, ms } from '../../../../test/support/school-fixtures';
import { onCallLogView, onCallView } from './oncall-view';

describe('on-call requests', () => {
	it('follows a request from raised to closed, stamping each step', () => {
		const s = dispatchScenario().apply(raise);
		expect(onCallView(s.state, ms('09:10'))).toMatchObject([
			{ id: 'r1', status: 'raised', roomName: 'M1 Maths', responder: null, students: [{ initials: 'AS' }] }
		]);
		s.apply({ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' });
		s.apply({ type: 'oncall:dispatched', occurredAt: at('09:12'), requestId: 'r1', staffId: 'P1', by: 'C1' });
		expect(onCallView(s.state, ms('09:12'))[0]).toMatchObject({ status: 'dispatched', responder: { code: 'PRO' }, updatedAt: at('09:12') });
		s.apply({ type: 'oncall:en-route', occurredAt: at('09:13'), requestId: 'r1', by: 'P1' });
		s.apply({ type: 'oncall:on-scene', occurredAt: at('09:16'), requestId: 'r1', by: 'P1' });
		expect(onCallView(s.state, ms('09:16'))[0]?.times).toEqual({
			raised: at('09:10'),
			acknowledged: at('09:11'),
			dispatched: at('09:12'),
			enRoute: at('09:13'),
			onScene: at('09:16')
		});
		expect(roomsView(s.state, ms('23:00')).find((r) => r.id === 'M1')?.openRequests).toBe(1);
		s.apply({ type: 'oncall:closed', occurredAt: at('09:26'), requestId: 'r1', by: 'P1', disposition: 'resolved_in_class' });
		expect(onCallView(s.state, ms('09:26'))).toEqual([]);
		expect(roomsView(s.state, ms('23:00')).find((r) => r.id === 'M1')?.openRequests).toBe(0);
		expect(onCallLogView(s.state, ms('09:30'))).toMatchObject([
			{
				id: 'r1',
				outcome: 'closed',
				disposition: 'resolved_in_class',
				responder: { code: 'PRO' },
				periodId: 'P1',
				durations: { acknowledge: 60, dispatch: 60, turnout: 60, travel: 180, response: 360, onScene: 600, close: 960 }
			}
		]);
	});

	it('un-acknowledging returns the request to raised and frees the responder', () => {
		const s = dispatchScenario().apply(
			raise,
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'P1', by: 'C1' }
		);
		expect(s.state.assignments.get('P1')).toBe('r1');
		// A dispatched call can be passed to someone else, not un-acknowledged: first the checker says so.
		expect(checkDispatch(() => s.state, [asEvent({ type: 'oncall:unacknowledged', occurredAt: at('09:12'), requestId: 'r1', by: 'C1' })])?.code).toBe(
			'invalid_transition'
		);
		const t = dispatchScenario().apply(
			raise,
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:unacknowledged', occurredAt: at('09:12'), requestId: 'r1', by: 'C1' }
		);
		expect(onCallView(t.state, ms('09:12'))[0]).toMatchObject({ status: 'raised', responder: null });
	});

	it('reassigning frees the first responder and sends the second', () => {
		const s = dispatchScenario().apply(
			raise,
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'P1', by: 'C1' },
			{ type: 'oncall:en-route', occurredAt: at('09:12'), requestId: 'r1', by: 'P1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:13'), requestId: 'r1', staffId: 'P2', by: 'C1' }
		);
		expect(s.state.assignments.has('P1')).toBe(false);
		expect(s.state.assignments.get('P2')).toBe('r1');
		expect(onCallView(s.state, ms('09:13'))[0]).toMatchObject({
			status: 'dispatched',
			responder: { code: 'RDE' },
			times: { dispatched: at('09:13'), enRoute: null }
		});
	});

	it('ignores steps for calls it does not hold, and a second raise with the same request id', () => {
		const s = dispatchScenario().apply({ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'nope', by: 'C1' }, raise, {
			...raise,
			occurredAt: at('09:30'),
			priority: 'emergency'
		});
		expect(onCallView(s.state, ms('09:30'))).toMatchObject([{ id: 'r1', priority: 'urgent', raisedAt: at('09:10') }]);
	});
});

describe('merging calls from one room', () => {
	const second = { ...raise, requestId: 'r2', occurredAt: at('09:11'), priority: 'emergency' as const, studentIds: ['B'], raisedBy: 'C1' };

	it('makes a second call from the same room within the window a duplicate of the first', () => {
		const s = dispatchScenario().apply(raise, second);
		expect(onCallView(s.state, ms('09:11'))).toMatchObject([
			{ id: 'r1', merged: ['r2'], priority: 'emergency', students: [{ initials: 'AS' }, { initials: 'BT' }] }
		]);
		expect(onCallLogView(s.state, ms('09:11'))).toMatchObject([{ id: 'r2', outcome: 'merged', disposition: 'duplicate', mergedInto: 'r1' }]);
		expect(checkDispatch(() => s.state, [asEvent({ type: 'oncall:acknowledged', occurredAt: at('09:12'), requestId: 'r2', by: 'C1' })])).toMatchObject({
			code: 'invalid_transition',
			field: 'type'
		});
	});

	it('keeps calls apart past the window, from another room, or when merging is off', () => {
		expect(onCallView(dispatchScenario().apply(raise, { ...second, occurredAt: at('09:13') }).state, ms('09:13'))).toHaveLength(2);
		expect(onCallView(dispatchScenario().apply(raise, { ...second, locationId: 'S1' }).state, ms('09:11'))).toHaveLength(2);
		const off = dispatchScenario().apply({ type: 'reference:updated', occurredAt: at('07:02'), settings: { mergeWindowSeconds: 0 } }, raise, second);
		expect(onCallView(off.state, ms('09:11'))).toHaveLength(2);
	});
});
