import { describe, expect, it } from 'vitest';
import { InboundEvent } from '../../../protocol';
import { isRetained, purgeCutoff, RETAINED_TYPES } from './retention';

const ALL_TYPES = InboundEvent.options.map((o) => o.shape.type.value);

describe('retention', () => {
	it('keeps what current state is built from, whatever its age', () => {
		expect([...RETAINED_TYPES].sort()).toEqual([
			'attendance:template-set',
			'device:paired',
			'device:revoked',
			'integration-key:issued',
			'integration-key:revoked',
			'reference:updated',
			'school:trust-set',
			'suspension:template-set',
			'user:added',
			'user:password-set',
			'user:removed',
			'user:signed-out-everywhere'
		]);
		for (const type of RETAINED_TYPES) expect(isRetained({ type })).toBe(true);
	});

	it('purges by age every other type there is; a new type has to be decided here', () => {
		const purged = ALL_TYPES.filter((type) => !isRetained({ type }));
		expect(purged.sort()).toEqual([
			'attendance:call-logged',
			'attendance:intervention-logged',
			'attendance:letter-sent',
			'attendance:parent-told',
			'attendance:rag-sent',
			'audit:recorded',
			'behaviour:recorded',
			'duty:cover-taken',
			'oncall:acknowledged',
			'oncall:cancelled',
			'oncall:closed',
			'oncall:dispatched',
			'oncall:en-route',
			'oncall:escalated',
			'oncall:on-scene',
			'oncall:raised',
			'oncall:unacknowledged',
			'oncall:welfare-confirmed',
			'plan:action-done',
			'plan:recorded',
			'plan:reviewed',
			'reflection:booked',
			'reflection:cancelled',
			'reflection:checked-in',
			'reflection:checked-out',
			'reflection:cover-requested',
			'reflection:cover-taken',
			'reflection:supervisor-assigned',
			'register:taken',
			'session:ended',
			'session:marked',
			'session:started',
			'staff:status-changed',
			'student:arrived-late',
			'student:found',
			'suspension:amended',
			'suspension:notified',
			'suspension:recorded',
			'suspension:withdrawn',
			'tap:minuted'
		]);
	});

	it('cuts off at the start of the day (UTC), the retention period ago', () => {
		expect(purgeCutoff(Date.parse('2026-11-24T01:37:00Z'), 365)).toBe('2025-11-24T00:00:00.000Z');
		expect(purgeCutoff(Date.parse('2026-11-24T23:59:59.999Z'), 365)).toBe('2025-11-24T00:00:00.000Z');
		expect(purgeCutoff(Date.parse('2026-03-01T00:00:00Z'), 30)).toBe('2026-01-30T00:00:00.000Z');
	});

	it('refuses a retention that is not a positive whole number of days', () => {
		for (const days of [0, -1, 1.5, Number.NaN]) expect(() => purgeCutoff(Date.now(), days)).toThrow(RangeError);
	});
});
