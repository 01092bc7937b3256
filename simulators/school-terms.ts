import type { HalfTerm } from '../server/protocol';

/** England's half terms of 2026/27 (Easter falls on 28 March 2027), by month and day. */
const HALVES_2026: readonly [HalfTerm['term'], 1 | 2, string, string][] = [
	['autumn', 1, '09-02', '10-23'],
	['autumn', 2, '11-02', '12-18'],
	['spring', 1, '01-05', '02-12'],
	['spring', 2, '02-22', '03-26'],
	['summer', 1, '04-12', '05-28'],
	['summer', 2, '06-07', '07-21']
];

/**
 * The demo school's half terms for the academic year a date is in: 2026/27's days of the month
 * in any year (the simulator needs a plausible calendar, not the real one of another year).
 */
export function schoolTerms(date: string): HalfTerm[] {
	const year = Number(date.slice(0, 4));
	const start = date.slice(5) >= '08-01' ? year : year - 1;
	return HALVES_2026.map(([term, half, starts, ends]) => {
		const y = term === 'autumn' ? start : start + 1;
		return { term, half, starts: `${y}-${starts}`, ends: `${y}-${ends}` };
	});
}
