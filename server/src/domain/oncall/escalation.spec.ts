import { describe, expect, it } from 'vitest';
import { asEvent, dispatchScenario, raise } from '../../../../test/support/dispatch-fixtures';
import { checkDispatch } from './dispatch-check';
import { dueEscalations, nextEscalationAt } from './escalation';
import { at, ms, type EventDraft } from '../../../../test/support/school-fixtures';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** Fires due alerts as the server would, second by second, and says when each fired. */
function run(s: ReturnType<typeof dispatchScenario>, until: number): { at: string; rule: string; level: number; notify: string }[] {
	const fired = [];
	for (let next = nextEscalationAt(s.state); next !== null && next <= until; next = nextEscalationAt(s.state)) {
		expect(dueEscalations(s.state, next - 1)).toEqual([]);
		for (const draft of dueEscalations(s.state, next)) {
			expect(checkDispatch(() => s.state, [asEvent(draft, draft.id)])).toBeNull();
			s.apply(draft as EventDraft);
			fired.push({ at: draft.occurredAt, rule: draft.rule, level: draft.level, notify: draft.notify });
		}
	}
	return fired;
}

describe('escalation timers', () => {
	it('alerts the next role each minute nobody acknowledges, up to the cap', () => {
		const s = dispatchScenario().apply(raise);
		expect(nextEscalationAt(s.state)).toBe(ms('09:10') + 60 * SECOND);
		expect(run(s, ms('09:17'))).toEqual([
			{ at: at('09:11'), rule: 'unacknowledged', level: 1, notify: 'slt' },
			{ at: at('09:12'), rule: 'unacknowledged', level: 2, notify: 'slt' },
			{ at: at('09:13'), rule: 'unacknowledged', level: 3, notify: 'slt' }
		]);
		// Then only the slower reminders.
		expect(nextEscalationAt(s.state)).toBe(ms('09:18'));
	});

	it('follows the configured chain, interval and cap', () => {
		const s = dispatchScenario().apply(
			{
				type: 'reference:updated',
				occurredAt: at('07:02'),
				settings: { ackEscalateSeconds: 30, escalationChain: ['on_call', 'on_call', 'slt'], escalationCap: 2 }
			},
			raise
		);
		expect(run(s, ms('09:15'))).toEqual([
			{ at: '2026-11-23T09:10:30.000Z', rule: 'unacknowledged', level: 1, notify: 'on_call' },
			{ at: at('09:11'), rule: 'unacknowledged', level: 2, notify: 'slt' }
		]);
	});

	it('starts again when a call is un-acknowledged', () => {
		const s = dispatchScenario().apply(raise, { type: 'oncall:acknowledged', occurredAt: '2026-11-23T09:10:40.000Z', requestId: 'r1', by: 'C1' });
		expect(nextEscalationAt(s.state)).toBe(Date.parse('2026-11-23T09:10:40.000Z') + 5 * MINUTE);
		s.apply({ type: 'oncall:unacknowledged', occurredAt: at('09:12'), requestId: 'r1', by: 'C1' });
		expect(nextEscalationAt(s.state)).toBe(ms('09:13'));
		expect(dueEscalations(s.state, ms('09:13'))[0]).toMatchObject({ rule: 'unacknowledged', level: 1, occurredAt: at('09:13') });
	});

	it('re-alerts an acknowledged call nobody has reached, counting from the acknowledgement', () => {
		const s = dispatchScenario().apply(
			raise,
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:13'), requestId: 'r1', staffId: 'P1', by: 'C1' },
			{ type: 'oncall:en-route', occurredAt: at('09:14'), requestId: 'r1', by: 'P1' }
		);
		expect(run(s, ms('09:21'))).toEqual([
			{ at: at('09:16'), rule: 'not_on_scene', level: 1, notify: 'on_call' },
			{ at: at('09:21'), rule: 'not_on_scene', level: 2, notify: 'slt' }
		]);
		s.apply({ type: 'oncall:on-scene', occurredAt: at('09:22'), requestId: 'r1', by: 'P1' });
		expect(nextEscalationAt(s.state)).toBe(ms('09:37'));
	});

	it('asks a responder on scene too long if they are fine, then escalates; their answer restarts the check', () => {
		const onScene: EventDraft[] = [
			raise,
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'P1', by: 'C1' },
			{ type: 'oncall:en-route', occurredAt: at('09:12'), requestId: 'r1', by: 'P1' },
			{ type: 'oncall:on-scene', occurredAt: at('09:14'), requestId: 'r1', by: 'P1' }
		];
		const silent = dispatchScenario().apply(...onScene);
		expect(run(silent, ms('09:31'))).toEqual([
			{ at: at('09:29'), rule: 'lone_working', level: 1, notify: 'responder' },
			{ at: at('09:30'), rule: 'lone_working', level: 2, notify: 'on_call' },
			{ at: at('09:31'), rule: 'lone_working', level: 3, notify: 'slt' }
		]);
		const fine = dispatchScenario().apply(...onScene);
		run(fine, ms('09:29'));
		fine.apply({ type: 'oncall:welfare-confirmed', occurredAt: '2026-11-23T09:29:20.000Z', requestId: 'r1', by: 'P1' });
		expect(nextEscalationAt(fine.state)).toBe(Date.parse('2026-11-23T09:29:20.000Z') + 15 * MINUTE);
	});

	it('keeps reminding the last role past the cap, every escalationReminderMinutes, until someone acknowledges', () => {
		const s = dispatchScenario().apply(raise);
		expect(run(s, ms('09:28')).slice(3)).toEqual([
			{ at: at('09:18'), rule: 'unacknowledged', level: 4, notify: 'slt' },
			{ at: at('09:23'), rule: 'unacknowledged', level: 5, notify: 'slt' },
			{ at: at('09:28'), rule: 'unacknowledged', level: 6, notify: 'slt' }
		]);
		expect(nextEscalationAt(s.state)).toBe(ms('09:33'));
		s.apply({ type: 'oncall:acknowledged', occurredAt: at('09:30'), requestId: 'r1', by: 'C1' });
		expect(nextEscalationAt(s.state)).toBe(ms('09:35'));
		expect(dueEscalations(s.state, ms('09:35'))[0]).toMatchObject({ rule: 'not_on_scene', level: 1 });
	});

	it('reminds at the configured interval, to the last role of the chain, and stops when the call is cancelled', () => {
		const s = dispatchScenario().apply(
			{
				type: 'reference:updated',
				occurredAt: at('07:02'),
				settings: { escalationChain: ['on_call', 'slt', 'on_call'], escalationCap: 1, escalationReminderMinutes: 2 }
			},
			raise
		);
		expect(run(s, ms('09:15'))).toEqual([
			{ at: at('09:11'), rule: 'unacknowledged', level: 1, notify: 'slt' },
			{ at: at('09:13'), rule: 'unacknowledged', level: 2, notify: 'on_call' },
			{ at: at('09:15'), rule: 'unacknowledged', level: 3, notify: 'on_call' }
		]);
		s.apply({ type: 'oncall:cancelled', occurredAt: at('09:16'), requestId: 'r1', by: 'C1' });
		expect(nextEscalationAt(s.state)).toBeNull();
	});

	it('after a gap (no process held the lease) raises only the latest reminder due, with the same id whichever process raises it', () => {
		const s = dispatchScenario().apply(raise);
		run(s, ms('09:13'));
		const [late] = dueEscalations(s.state, ms('10:00'));
		expect(late).toMatchObject({ level: 12, occurredAt: at('09:58'), notify: 'slt' });
		expect(dueEscalations(s.state, ms('10:02'))).toEqual([late]);
		s.apply(late as EventDraft);
		expect(nextEscalationAt(s.state)).toBe(ms('10:03'));
		expect(dueEscalations(s.state, ms('10:02'))).toEqual([]);
	});

	it('gives each alert an id fixed by call, timer and level, so two processes store it once', () => {
		const s = dispatchScenario().apply(raise);
		const [first] = dueEscalations(s.state, ms('09:11'));
		expect(dueEscalations(s.state, ms('09:11') + 30 * SECOND)).toEqual([first]);
		expect(first?.id).toBe(`r1:esc:unacknowledged:${ms('09:10')}:1`);
	});
});
