import { describe, expect, it } from 'vitest';
import { overYearLimit, provisionFrom, reinstatement, representations, yearLimit } from './thresholds';

describe('suspension thresholds, each pinned at the day it is crossed', () => {
	it('representations: 5 days in a term is not crossed, 5.5 is; approached from 4', () => {
		expect(representations(3.5)).toBe('clear');
		expect(representations(4)).toBe('approaching');
		expect(representations(5)).toBe('approaching');
		expect(representations(5.5)).toBe('crossed');
	});

	it('reinstatement: 15 days in a term is not crossed, 15.5 is; a missed public exam or a permanent exclusion always is', () => {
		expect(reinstatement(13.5, false, false)).toBe('clear');
		expect(reinstatement(14, false, false)).toBe('approaching');
		expect(reinstatement(15, false, false)).toBe('approaching');
		expect(reinstatement(15.5, false, false)).toBe('crossed');
		expect(reinstatement(0.5, true, false)).toBe('crossed');
		expect(reinstatement(0, false, true)).toBe('crossed');
	});

	it('the year limit: 44.5 days allowed, 45 reached, 45.5 refused; approached from 43', () => {
		expect(yearLimit(42.5)).toBe('clear');
		expect(yearLimit(43)).toBe('approaching');
		expect(yearLimit(44.5)).toBe('approaching');
		expect(yearLimit(45)).toBe('crossed');
		expect(overYearLimit(44, 0.5)).toBe(false);
		expect(overYearLimit(44, 1)).toBe(false);
		expect(overYearLimit(44, 1.5)).toBe(true);
		expect(overYearLimit(45, 0.5)).toBe(true);
	});

	it('provision from the sixth day: none for five days, the sixth day for more; never for lunchtimes', () => {
		const days = (n: number) => Array.from({ length: n }, (_, i) => `2026-11-${String(2 + Math.floor(i / 2)).padStart(2, '0')}`);
		expect(provisionFrom(days(10), false)).toBeNull();
		expect(provisionFrom(days(11), false)).toBe('2026-11-07');
		expect(provisionFrom(days(12), true)).toBeNull();
	});
});
