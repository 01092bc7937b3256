import { describe, expect, it } from 'vitest';
import type { HalfTerm } from '../../../protocol';
import { halfTermOf, schoolDaysAfter, schoolYearOf, termOf, termToDate, yearToDate } from './terms';

const TERMS: HalfTerm[] = [
	{ term: 'spring', half: 1, starts: '2027-01-05', ends: '2027-02-12' },
	{ term: 'autumn', half: 1, starts: '2026-09-02', ends: '2026-10-23' },
	{ term: 'autumn', half: 2, starts: '2026-11-02', ends: '2026-12-18' },
	{ term: 'spring', half: 2, starts: '2027-02-22', ends: '2027-03-26' },
	{ term: 'summer', half: 1, starts: '2027-04-12', ends: '2027-05-28' },
	{ term: 'summer', half: 2, starts: '2027-06-07', ends: '2027-07-21' }
];

describe('terms', () => {
	it('finds the half term, the term and the year to date of a date from the school’s own terms', () => {
		const year = schoolYearOf(TERMS, '2026-11-23');
		expect(year.source).toBe('terms');
		expect(halfTermOf(year, '2026-11-23')).toMatchObject({ term: 'autumn', half: 2 });
		expect(termOf(year, '2026-11-23')).toEqual({ term: 'autumn', starts: '2026-09-02', ends: '2026-12-18' });
		expect(yearToDate(year, '2026-11-23')).toEqual({ from: '2026-09-02', to: '2026-11-23' });
		expect(termToDate(year, '2026-11-23')).toEqual({ from: '2026-09-02', to: '2026-11-23' });
	});

	it('in a holiday, is in the half term just ended; the term to date stops at its end', () => {
		const year = schoolYearOf(TERMS, '2026-12-28');
		expect(halfTermOf(year, '2026-12-28')).toMatchObject({ term: 'autumn', half: 2 });
		expect(termToDate(year, '2026-12-28')).toEqual({ from: '2026-09-02', to: '2026-12-18' });
		expect(halfTermOf(year, '2026-10-28')).toMatchObject({ term: 'autumn', half: 1 });
		// August is the summer holiday of the year before: the year starts with the next autumn term.
		expect(yearToDate(schoolYearOf(TERMS, '2027-08-20'), '2027-08-20').from).toBe('2026-09-02');
	});

	it('falls back to England’s usual year from 1 September when no terms are loaded, or none for that year', () => {
		const none = schoolYearOf([], '2027-02-20');
		expect(none.source).toBe('fallback');
		expect(termOf(none, '2027-02-20')).toEqual({ term: 'spring', starts: '2027-01-01', ends: '2027-03-31' });
		expect(halfTermOf(none, '2027-02-20')).toMatchObject({ half: 2, starts: '2027-02-16' });
		expect(yearToDate(none, '2027-02-20').from).toBe('2026-09-01');
		expect(yearToDate(schoolYearOf([], '2026-09-01'), '2026-09-01').from).toBe('2026-09-01');
		expect(yearToDate(schoolYearOf([], '2026-08-31'), '2026-08-31').from).toBe('2025-09-01');
		// Terms of 2026/27 say nothing of 2028.
		expect(schoolYearOf(TERMS, '2028-03-01')).toMatchObject({ source: 'fallback' });
	});

	it('counts the weekdays of term left after a date, skipping the holiday between halves', () => {
		const year = schoolYearOf(TERMS, '2026-10-21');
		// Thu 22 and Fri 23 October, then 2 to 6 November.
		expect(schoolDaysAfter(year, '2026-10-21', '2026-11-06')).toBe(7);
		expect(schoolDaysAfter(year, '2026-12-18', '2026-12-18')).toBe(0);
	});
});
