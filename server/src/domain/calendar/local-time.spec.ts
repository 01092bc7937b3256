import { describe, expect, it } from 'vitest';
import { atLocalTime, localMoment, nextLocalMidnight } from './local-time';

describe('local time', () => {
	it('reads the date and minute in the school timezone, in winter and in summer', () => {
		expect(localMoment(Date.parse('2026-11-23T09:05:30Z'), 'Europe/London')).toEqual({ date: '2026-11-23', minute: 545 });
		expect(localMoment(Date.parse('2026-06-23T23:30:00Z'), 'Europe/London')).toEqual({ date: '2026-06-24', minute: 30 });
	});

	it('finds a wall time on the same local day and the next midnight', () => {
		const t = Date.parse('2026-06-23T09:05:30Z');
		expect(new Date(atLocalTime(t, '08:40', 'Europe/London')).toISOString()).toBe('2026-06-23T07:40:00.000Z');
		expect(new Date(nextLocalMidnight(t, 'Europe/London')).toISOString()).toBe('2026-06-23T23:00:00.000Z');
	});
});
