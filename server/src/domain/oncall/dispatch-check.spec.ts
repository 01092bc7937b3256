import { describe, expect, it } from 'vitest';
import type { InboundEvent, StaffStatus } from '../../../protocol';
import { checkDispatch } from './dispatch-check';
import { asEvent, dispatchScenario, raise } from '../../../../test/support/dispatch-fixtures';
import { at, lesson, type EventDraft } from '../../../../test/support/school-fixtures';
import { dayAt } from '../school/duty';
import { staffNow } from './staff';

const step = (type: string, extra: Record<string, unknown> = {}) => ({ type, occurredAt: at('09:20'), requestId: 'r1', by: 'C1', ...extra }) as EventDraft;
const ack = step('oncall:acknowledged', { occurredAt: at('09:11') });
const send = step('oncall:dispatched', { occurredAt: at('09:12'), staffId: 'P1' });
const go = step('oncall:en-route', { occurredAt: at('09:13'), by: 'P1' });
const arrive = step('oncall:on-scene', { occurredAt: at('09:15'), by: 'P1' });

const INTO: Record<string, EventDraft[]> = {
	raised: [raise],
	acknowledged: [raise, ack],
	dispatched: [raise, ack, send],
	en_route: [raise, ack, send, go],
	on_scene: [raise, ack, send, go, arrive],
	closed: [raise, ack, send, go, arrive, step('oncall:closed', { occurredAt: at('09:18'), disposition: 'unfounded' })],
	cancelled: [raise, step('oncall:cancelled', { occurredAt: at('09:11') })]
};

const STEPS: Record<string, EventDraft> = {
	acknowledge: step('oncall:acknowledged'),
	unacknowledge: step('oncall:unacknowledged'),
	dispatch: step('oncall:dispatched', { staffId: 'P2' }),
	'en route': step('oncall:en-route'),
	'on scene': step('oncall:on-scene'),
	close: step('oncall:closed', { disposition: 'resolved_in_class' }),
	cancel: step('oncall:cancelled'),
	'welfare confirmed': step('oncall:welfare-confirmed'),
	'escalate unacknowledged': step('oncall:escalated', { rule: 'unacknowledged', level: 1, notify: 'slt', by: undefined }),
	'escalate not on scene': step('oncall:escalated', { rule: 'not_on_scene', level: 1, notify: 'on_call', by: undefined }),
	'escalate lone working': step('oncall:escalated', { rule: 'lone_working', level: 1, notify: 'responder', by: undefined })
};

/** The request machine, written out: every step each status allows, and where it leads. */
const VALID: Record<string, Record<string, string>> = {
	raised: { acknowledge: 'acknowledged', cancel: 'cancelled', 'escalate unacknowledged': 'raised' },
	acknowledged: { unacknowledge: 'raised', dispatch: 'dispatched', cancel: 'cancelled', 'escalate not on scene': 'acknowledged' },
	dispatched: { dispatch: 'dispatched', 'en route': 'en_route', 'on scene': 'on_scene', cancel: 'cancelled', 'escalate not on scene': 'dispatched' },
	en_route: { dispatch: 'dispatched', 'on scene': 'on_scene', cancel: 'cancelled', 'escalate not on scene': 'en_route' },
	on_scene: { close: 'closed', 'welfare confirmed': 'on_scene', 'escalate lone working': 'on_scene' },
	closed: {},
	cancelled: {}
};

function statusOf(s: ReturnType<typeof dispatchScenario>): string {
	return (s.state.requests.get('r1') ?? s.state.ended.get('r1'))?.status ?? 'none';
}

describe('the request machine', () => {
	for (const [from, setup] of Object.entries(INTO)) {
		for (const [name, draft] of Object.entries(STEPS)) {
			const to = VALID[from]?.[name];
			it(`${from} + ${name}: ${to ? `-> ${to}` : 'refused, nothing changes'}`, () => {
				const s = dispatchScenario().apply(...setup);
				expect(statusOf(s)).toBe(from);
				const event = asEvent(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)) as EventDraft, `try-${name}`);
				const problem = checkDispatch(() => s.state, [event]);
				const before = structuredClone({ ...s.state.requests.get('r1'), eventIds: null });
				if (to) {
					expect(problem).toBeNull();
					s.apply(event as EventDraft);
					expect(statusOf(s)).toBe(to);
				} else {
					expect(problem).toMatchObject({ index: 0, code: 'invalid_transition', field: 'type' });
					expect(problem?.message).toContain(`is ${from.replace('_', ' ')}`);
					s.apply(event as EventDraft);
					expect(statusOf(s)).toBe(from);
					expect({ ...s.state.requests.get('r1'), eventIds: null }).toEqual(before);
				}
			});
		}
	}

	it('refuses a step for a call never raised, naming requestId', () => {
		const s = dispatchScenario();
		expect(checkDispatch(() => s.state, [asEvent(step('oncall:acknowledged', { requestId: 'ghost' }))])).toMatchObject({
			code: 'unknown_request',
			field: 'requestId'
		});
	});

	it('refuses raising a call id twice, and lets a resend of a stored step through', () => {
		const s = dispatchScenario().apply(raise, ack);
		expect(checkDispatch(() => s.state, [asEvent(raise, 'other-id')])).toMatchObject({ code: 'invalid_transition', field: 'requestId' });
		// The scenario stored the acknowledgement as e3: sent again, it is a duplicate, not a refusal.
		expect(checkDispatch(() => s.state, [asEvent(ack, 'e3')])).toBeNull();
	});

	it('checks a batch in order, each step against the ones before it', () => {
		const s = dispatchScenario();
		const batch: InboundEvent[] = [raise, ack, send, go].map((d, i) => asEvent(d, `b${i}`));
		expect(checkDispatch(() => s.state, batch)).toBeNull();
		expect(checkDispatch(() => s.state, [batch[0], batch[2]] as InboundEvent[])).toMatchObject({ index: 1, code: 'invalid_transition' });
		// P1 is sent to r1 earlier in the batch, so cannot be sent to r2 as well.
		const r2 = asEvent({ ...raise, requestId: 'r2', locationId: 'S1' }, 'b9');
		const twice = [
			...batch,
			r2,
			asEvent(step('oncall:acknowledged', { requestId: 'r2' }), 'b10'),
			asEvent(step('oncall:dispatched', { requestId: 'r2', staffId: 'P1' }), 'b11')
		];
		expect(checkDispatch(() => s.state, twice)).toMatchObject({ index: 6, code: 'staff_unavailable', field: 'staffId' });
	});

	it('refuses dispatching someone who is not on the staff list', () => {
		const s = dispatchScenario().apply(raise, ack);
		expect(checkDispatch(() => s.state, [asEvent(step('oncall:dispatched', { staffId: 'NOBODY' }))])).toMatchObject({ code: 'invalid_body', field: 'staffId' });
	});
});

/** The Reflection Room supervised by `staffId` in Period 1 of the test date. */
function supervise(staffId: string | null): EventDraft {
	return { type: 'reflection:supervisor-assigned', occurredAt: at('08:00'), roomId: 'RR', date: '2026-11-23', periodId: 'P1', staffId };
}

describe('the staff machine', () => {
	// P2 in each status at 09:20: T1 teaches M1 in period 1; P1 is on call r1.
	const setups: Record<StaffStatus, { who: string; drafts: EventDraft[] }> = {
		available: { who: 'P2', drafts: [] },
		teaching: { who: 'T1', drafts: [] },
		dispatched: { who: 'P1', drafts: [raise, ack, send] },
		en_route: { who: 'P1', drafts: [raise, ack, send, go] },
		on_scene: { who: 'P1', drafts: [raise, ack, send, go, arrive] },
		off_duty: { who: 'P2', drafts: [{ type: 'staff:status-changed', occurredAt: at('09:05'), staffId: 'P2', status: 'off_duty' }] },
		supervising: { who: 'P2', drafts: [supervise('P2')] }
	};
	const VALID_STAFF: Record<string, readonly StaffStatus[]> = {
		dispatch: ['available'],
		available: ['available', 'teaching', 'supervising', 'off_duty'],
		off_duty: ['available', 'teaching', 'supervising', 'off_duty']
	};
	const other = { ...raise, requestId: 'r9', locationId: 'S1', occurredAt: at('09:19') };

	for (const [status, { who, drafts }] of Object.entries(setups) as [StaffStatus, (typeof setups)[StaffStatus]][]) {
		for (const [action, allowed] of Object.entries(VALID_STAFF)) {
			const ok = allowed.includes(status);
			it(`${status} + ${action}: ${ok ? 'allowed' : 'refused'}`, () => {
				const s = dispatchScenario([lesson('L1', 'P1', 'M1', ['A'])]).apply(
					...drafts,
					other,
					step('oncall:acknowledged', { requestId: 'r9', occurredAt: at('09:19') })
				);
				expect(staffNow(s.state, who, dayAt(s.state, Date.parse(at('09:20')))).status).toBe(status);
				const draft =
					action === 'dispatch'
						? step('oncall:dispatched', { requestId: 'r9', staffId: who })
						: ({ type: 'staff:status-changed', occurredAt: at('09:20'), staffId: who, status: action } as EventDraft);
				const problem = checkDispatch(() => s.state, [asEvent(draft)]);
				if (ok) expect(problem).toBeNull();
				else expect(problem).toMatchObject({ code: 'staff_unavailable' });
			});
		}
	}

	it('refuses to send someone supervising the Reflection Room, naming the room, as it refuses someone teaching', () => {
		const s = dispatchScenario([lesson('L1', 'P1', 'M1', ['A'])]).apply(supervise('P2'), raise, ack);
		expect(checkDispatch(() => s.state, [asEvent(step('oncall:dispatched', { staffId: 'P2' }))])).toEqual({
			index: 0,
			code: 'staff_unavailable',
			field: 'staffId',
			message: 'RDE is supervising Reflection Room and cannot be sent'
		});
		expect(checkDispatch(() => s.state, [asEvent(step('oncall:dispatched', { staffId: 'T1' }))])).toMatchObject({
			message: 'JSM is teaching and cannot be sent'
		});
		// Next period nobody is assigned, so they may be sent again.
		const later = { ...step('oncall:dispatched', { staffId: 'P2' }), occurredAt: at('10:05') };
		expect(checkDispatch(() => s.state, [asEvent(later)])).toBeNull();
	});

	it('refuses cover for a period the member of staff teaches, and for a period that does not exist', () => {
		const s = dispatchScenario([lesson('L1', 'P1', 'M1', ['A'])]);
		const cover = (staffId: string, periodId: string) =>
			asEvent({ type: 'duty:cover-taken', occurredAt: at('08:00'), staffId, date: '2026-11-23', periodId, role: 'on_call' });
		expect(checkDispatch(() => s.state, [cover('T1', 'P1')])).toMatchObject({ code: 'staff_unavailable', field: 'periodId' });
		expect(checkDispatch(() => s.state, [cover('T1', 'P2')])).toBeNull();
		expect(checkDispatch(() => s.state, [cover('T1', 'P9')])).toMatchObject({ code: 'invalid_body', field: 'periodId' });
	});
});
