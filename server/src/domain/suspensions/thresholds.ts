import type { ThresholdState } from '../../../protocol';

/** More than this many days in a term: parents may make representations to the governing board. */
export const REPRESENTATIONS_DAYS = 5;
/** More than this many days in a term: the governing board must consider reinstatement. */
export const REINSTATEMENT_DAYS = 15;
/** No more than this many days of suspension in an academic year. */
export const YEAR_LIMIT_DAYS = 45;
/** From this school day of a suspension, the school must arrange full-time education. */
export const PROVISION_FROM_DAY = 6;

/** A term threshold is crossed past it, and approached from one day below it (e.g. 4 and 4.5 days of 5). */
function termThreshold(days: number, limit: number): ThresholdState {
	if (days > limit) return 'crossed';
	return days >= limit - 1 ? 'approaching' : 'clear';
}

export const representations = (termDays: number): ThresholdState => termThreshold(termDays, REPRESENTATIONS_DAYS);

/** A missed public exam or a permanent exclusion obliges the governors whatever the days. */
export const reinstatement = (termDays: number, missesPublicExam: boolean, permanent: boolean): ThresholdState =>
	missesPublicExam || permanent ? 'crossed' : termThreshold(termDays, REINSTATEMENT_DAYS);

/** The year's limit is reached at 45 days (no more may be given), and approached from two days below it. */
export function yearLimit(yearDays: number): ThresholdState {
	if (yearDays >= YEAR_LIMIT_DAYS) return 'crossed';
	return yearDays >= YEAR_LIMIT_DAYS - 2 ? 'approaching' : 'clear';
}

/** Whether adding a suspension of `newDays` takes the year past its limit: 45 is allowed, 45.5 is not. */
export const overYearLimit = (yearDays: number, newDays: number): boolean => yearDays + newDays > YEAR_LIMIT_DAYS;

/**
 * The sixth school day of a suspension, from its half days' dates (two a full day; a PM start
 * counts its first afternoon as half a day): the first date after five days' worth, or null.
 */
export function provisionFrom(halfDays: readonly string[], lunchtime: boolean): string | null {
	if (lunchtime) return null;
	return halfDays[(PROVISION_FROM_DAY - 1) * 2] ?? null;
}
