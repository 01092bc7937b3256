import { DEFAULT_SETTINGS } from '$protocol';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/support/call-fixture';
import { bandOf, bandRule, bandText, duration, escalationText, sortQueue, timer, waitOf } from './queue';

describe('the dispatch queue', () => {
	it('puts unacknowledged calls first, then by priority, then the oldest', () => {
		const sorted = sortQueue([
			call('acked-emergency', { status: 'acknowledged', priority: 'emergency' }),
			call('routine-old', { raisedAt: '2026-11-23T08:50:00Z' }),
			call('urgent', { priority: 'urgent' }),
			call('emergency-new', { priority: 'emergency', raisedAt: '2026-11-23T09:05:00Z' }),
			call('routine-new', { raisedAt: '2026-11-23T09:10:00Z' })
		]);
		expect(sorted.map((c) => c.id)).toEqual(['emergency-new', 'urgent', 'routine-old', 'routine-new', 'acked-emergency']);
	});

	it('bands ages by the school settings: within the limit, up to three times it, beyond', () => {
		const wait = waitOf(call('a'), DEFAULT_SETTINGS);
		expect(wait.limitSeconds).toBe(60);
		expect(bandOf(60_000, 60)).toBe('fresh');
		expect(bandOf(61_000, 60)).toBe('ageing');
		expect(bandOf(181_000, 60)).toBe('old');
		expect(bandText(wait, 15_000)).toBe('ack due in 0:45');
		expect(bandText(wait, 80_000)).toBe('▲ ack overdue 0:20');
		expect(bandText(wait, 190_000)).toBe('▲▲ ack overdue 2:10');
		expect(bandRule(wait)).toBe('Acknowledge within 1 min; ▲▲ after 3 min');
		const onScene = waitOf(call('b', { status: 'on_scene', times: { ...call('b').times, onScene: '2026-11-23T09:04:00Z' } }), DEFAULT_SETTINGS);
		expect(onScene).toMatchObject({ since: '2026-11-23T09:04:00Z', limitSeconds: 15 * 60 });
	});

	it('writes timers and durations', () => {
		expect(timer(65_000)).toBe('1:05');
		expect(timer(3_725_000)).toBe('1:02:05');
		expect(duration(null)).toBe('—');
		expect(duration(42)).toBe('0:42');
	});

	it('names escalations and says when they are out of date', () => {
		const e = { rule: 'unacknowledged', level: 2, notify: 'slt', at: '2026-11-23T09:02:00Z' } as const;
		expect(escalationText(e, 'raised')).toEqual({ badge: 'ALERTED SLT, level 2', why: 'not acknowledged', current: true });
		expect(escalationText(e, 'acknowledged').current).toBe(false);
	});
});
