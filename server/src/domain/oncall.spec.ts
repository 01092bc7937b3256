import { describe, expect, it } from 'vitest';
import { roomsView } from './behaviour';
import { at, ms, Scenario } from './fixtures';
import { onCallView } from './oncall';

const raise = { type: 'oncall:raised' as const, occurredAt: at('09:10'), requestId: 'r1', locationId: 'M1', reason: 'disruption' as const, priority: 'urgent' as const, studentIds: ['A'], raisedBy: 'T1' };

describe('on-call requests', () => {
	it('follows a request from raised to closed', () => {
		const s = new Scenario().apply(raise);
		expect(onCallView(s.state)).toMatchObject([{ id: 'r1', status: 'raised', roomName: 'M1 Maths', responder: null, students: [{ initials: 'AS' }] }]);
		s.apply({ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' });
		s.apply({ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'T1', by: 'C1' });
		expect(onCallView(s.state)[0]).toMatchObject({ status: 'dispatched', responder: { code: 'JSM' }, updatedAt: at('09:11') });
		s.apply({ type: 'oncall:en-route', occurredAt: at('09:12'), requestId: 'r1', by: 'T1' });
		s.apply({ type: 'oncall:on-scene', occurredAt: at('09:14'), requestId: 'r1', by: 'T1' });
		expect(onCallView(s.state)[0]?.status).toBe('on_scene');
		expect(roomsView(s.state, ms('23:00')).find((r) => r.id === 'M1')?.openRequests).toBe(1);
		s.apply({ type: 'oncall:closed', occurredAt: at('09:20'), requestId: 'r1', by: 'T1', disposition: 'resolved_in_class' });
		expect(onCallView(s.state)).toEqual([]);
		expect(roomsView(s.state, ms('23:00')).find((r) => r.id === 'M1')?.openRequests).toBe(0);
	});

	it('un-acknowledging returns the request to raised and frees the responder', () => {
		const s = new Scenario().apply(
			raise,
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'T1', by: 'C1' },
			{ type: 'oncall:unacknowledged', occurredAt: at('09:12'), requestId: 'r1', by: 'C1' }
		);
		expect(onCallView(s.state)[0]).toMatchObject({ status: 'raised', responder: null });
	});

	it('ignores steps for requests it does not hold, and a second raise with the same request id', () => {
		const s = new Scenario().apply(
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'nope', by: 'C1' },
			raise,
			{ ...raise, occurredAt: at('09:30'), priority: 'emergency' }
		);
		expect(onCallView(s.state)).toMatchObject([{ id: 'r1', priority: 'urgent', raisedAt: at('09:10') }]);
	});
});
