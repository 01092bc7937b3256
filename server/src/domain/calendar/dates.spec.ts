import { describe, expect, it } from 'vitest';
import { addDays, mondayOf } from './dates';

describe('local dates', () => {
	it('adds days across months, years and the clocks going back', () => {
		expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
		expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('finds the Monday of the week, a Monday being its own', () => {
		expect(mondayOf('2026-11-23')).toBe('2026-11-23');
		expect(mondayOf('2026-11-29')).toBe('2026-11-23');
		expect(mondayOf('2026-11-27')).toBe('2026-11-23');
	});
});
