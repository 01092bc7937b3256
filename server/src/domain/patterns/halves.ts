import type { HalfTerm } from '../../../protocol';
import { addDays } from '../calendar/dates';
import { halfTermOf, schoolYearOf } from '../calendar/terms';

/** The half term a date is in and the one before it (in the year before, for a first half of autumn). */
export function thisAndLastHalf(terms: readonly HalfTerm[], date: string): { thisHalf: HalfTerm; lastHalf: HalfTerm | null } {
	const year = schoolYearOf(terms, date);
	const thisHalf = halfTermOf(year, date);
	const index = year.halves.indexOf(thisHalf);
	if (index > 0) return { thisHalf, lastHalf: year.halves[index - 1] ?? null };
	// England's usual year begins on 1 September, so the day before a first half may fall in the same year: look further back too.
	const halves = [addDays(thisHalf.starts, -1), addDays(thisHalf.starts, -60)].flatMap((d) => schoolYearOf(terms, d).halves);
	const lastHalf =
		halves
			.filter((h) => h.ends < thisHalf.starts)
			.sort((a, b) => a.ends.localeCompare(b.ends))
			.at(-1) ?? null;
	return { thisHalf, lastHalf };
}

/** Weekdays from `from` to `to`, both included: the school days of a span, as far as Lookout knows them. */
export function weekdaysBetween(from: string, to: string): number {
	let days = 0;
	for (let d = from; d <= to; d = addDays(d, 1)) {
		const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
		if (weekday !== 0 && weekday !== 6) days += 1;
	}
	return days;
}
