import { describe, expect, it } from 'vitest';
import { weekdayOf } from './school-day';

describe('weekday of a local date', () => {
	it('agrees with the calendar on every day of 2000-2040, leap days included', () => {
		for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2041, 0, 1); t += 86_400_000) {
			const date = new Date(t).toISOString().slice(0, 10);
			expect(weekdayOf(date)).toBe(new Date(t).getUTCDay() || 7);
		}
	});

	it('reads a date as the calendar does past a short month end, and anything else as a Sunday', () => {
		expect(weekdayOf('2026-02-30')).toBe(1);
		expect(weekdayOf('2026-13-01')).toBe(7);
		expect(weekdayOf('not a date')).toBe(7);
	});
});
