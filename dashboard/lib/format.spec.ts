import { describe, expect, it } from 'vitest';
import { ageBand, ageLabel, clockTime, humanise } from './format';

describe('format', () => {
	it('shows school-local clock time across the clock change', () => {
		expect(clockTime('2026-11-23T09:05:00Z', 'Europe/London')).toBe('09:05');
		expect(clockTime('2026-06-23T09:05:00Z', 'Europe/London')).toBe('10:05');
	});

	it('labels ages for a glance', () => {
		expect(ageLabel(-5)).toBe('0 s');
		expect(ageLabel(45_000)).toBe('45 s');
		expect(ageLabel(3 * 60_000 + 10_000)).toBe('3 min');
		expect(ageLabel(125 * 60_000)).toBe('2 h 05');
	});

	it('bands ages at 2 and 5 minutes', () => {
		expect(ageBand(119_999)).toBe('fresh');
		expect(ageBand(120_000)).toBe('ageing');
		expect(ageBand(300_000)).toBe('old');
	});

	it('humanises tokens', () => {
		expect(humanise('out_of_lesson')).toBe('Out of lesson');
	});
});
