import type { CalendarSource, DateSpan, HalfTerm, TermName } from '../../../protocol';
import { addDays } from './dates';

/** The half terms of one academic year, in order, and where they came from. */
export interface SchoolYear {
	source: CalendarSource;
	halves: HalfTerm[];
}

export interface TermSpan {
	term: TermName;
	starts: string;
	ends: string;
}

/**
 * England's usual year when a school loaded no `terms.csv`: the academic year from 1 September,
 * autumn to 31 December, spring to 31 March, summer to 31 July, each halved (31 October,
 * 15 February, 31 May). Holidays inside a term are not known, so they count as term days.
 */
export function fallbackYear(startYear: number): HalfTerm[] {
	const next = startYear + 1;
	const half = (term: TermName, n: 1 | 2, starts: string, ends: string): HalfTerm => ({ term, half: n, starts, ends });
	return [
		half('autumn', 1, `${startYear}-09-01`, `${startYear}-10-31`),
		half('autumn', 2, `${startYear}-11-01`, `${startYear}-12-31`),
		half('spring', 1, `${next}-01-01`, `${next}-02-15`),
		half('spring', 2, `${next}-02-16`, `${next}-03-31`),
		half('summer', 1, `${next}-04-01`, `${next}-05-31`),
		half('summer', 2, `${next}-06-01`, `${next}-07-31`)
	];
}

const byStart = (a: HalfTerm, b: HalfTerm) => a.starts.localeCompare(b.starts);

/**
 * The academic year a date is in. In law a school year begins with the first term to begin
 * after July: with the school's terms, the latest autumn first half to start on or before the
 * date, if it started within the year before it; otherwise England's usual year.
 */
export function schoolYearOf(terms: readonly HalfTerm[], date: string): SchoolYear {
	const sorted = [...terms].sort(byStart);
	const autumn = sorted.filter((h) => h.term === 'autumn' && h.half === 1 && h.starts <= date).at(-1);
	if (autumn && autumn.starts > addDays(date, -366)) {
		const nextAutumn = sorted.find((h) => h.term === 'autumn' && h.half === 1 && h.starts > autumn.starts);
		const halves = sorted.filter((h) => h.starts >= autumn.starts && (!nextAutumn || h.starts < nextAutumn.starts));
		return { source: 'terms', halves };
	}
	const year = Number(date.slice(0, 4));
	return { source: 'fallback', halves: fallbackYear(date.slice(5) >= '09-01' ? year : year - 1) };
}

/** The half term a date is in; in a holiday, the half term just ended. */
export function halfTermOf(year: SchoolYear, date: string): HalfTerm {
	return year.halves.filter((h) => h.starts <= date).at(-1) ?? (year.halves[0] as HalfTerm);
}

/** The term (both halves) a date is in; in a holiday, the term just ended. */
export function termOf(year: SchoolYear, date: string): TermSpan {
	const { term } = halfTermOf(year, date);
	const halves = year.halves.filter((h) => h.term === term);
	return { term, starts: halves[0]?.starts ?? date, ends: halves.at(-1)?.ends ?? date };
}

/** From the first day of the academic year to the date. */
export function yearToDate(year: SchoolYear, date: string): DateSpan {
	return { from: year.halves[0]?.starts ?? date, to: date };
}

/** From the first day of the date's term to the date, or to the term's end in the holiday after it. */
export function termToDate(year: SchoolYear, date: string): DateSpan {
	const term = termOf(year, date);
	return { from: term.starts, to: date < term.ends ? date : term.ends };
}

/**
 * Weekdays of term after `date` to `until`, both within the year's half terms: the school days
 * left. Bank holidays and training days are not known, so they count.
 */
export function schoolDaysAfter(year: SchoolYear, date: string, until: string): number {
	let days = 0;
	for (const h of year.halves) {
		for (let d = h.starts > date ? h.starts : addDays(date, 1); d <= h.ends && d <= until; d = addDays(d, 1)) {
			const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
			if (weekday !== 0 && weekday !== 6) days += 1;
		}
	}
	return days;
}
