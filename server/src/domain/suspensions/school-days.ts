import type { EventOf, HalfTerm, Session } from '../../../protocol';
import { addDays } from '../calendar/dates';
import { schoolYearOf } from '../calendar/terms';

/** Two years of calendar days: no suspension, however its dates fall, walks further. */
const MAX_WALK = 730;

const isWeekday = (date: string) => {
	const day = new Date(`${date}T12:00:00Z`).getUTCDay();
	return day !== 0 && day !== 6;
};

/**
 * Days already worked out, per calendar: every suspension's runs walk the same days again. A
 * school's terms are replaced whole when it sends new ones, so a calendar's answers never change.
 */
const known = new WeakMap<readonly HalfTerm[], Map<string, boolean>>();

/**
 * A weekday inside one of the school's half terms (England's usual year when it loaded none).
 * Bank holidays and training days are not known, so they count, as the attendance desk counts them.
 */
export function isSchoolDay(terms: readonly HalfTerm[], date: string): boolean {
	let days = known.get(terms);
	if (!days) known.set(terms, (days = new Map()));
	let answer = days.get(date);
	if (answer === undefined) days.set(date, (answer = isWeekday(date) && schoolYearOf(terms, date).halves.some((h) => h.starts <= date && date <= h.ends)));
	return answer;
}

/** The first school day on or after a date. */
export function schoolDayFrom(terms: readonly HalfTerm[], date: string): string {
	let d = date;
	for (let i = 0; i < MAX_WALK && !isSchoolDay(terms, d); i += 1) d = addDays(d, 1);
	return d;
}

/** The school day `n` school days after a date (0: the first school day on or after it). */
export function schoolDaysLater(terms: readonly HalfTerm[], date: string, n: number): string {
	let d = schoolDayFrom(terms, date);
	for (let left = n; left > 0; left -= 1) d = schoolDayFrom(terms, addDays(d, 1));
	return d;
}

export interface CoveredSession {
	date: string;
	session: Session;
}

/**
 * The register sessions a suspension keeps the student from, in order: from its first session,
 * over school days only. A lunchtime suspension covers no register session.
 */
export function coveredSessions(terms: readonly HalfTerm[], s: EventOf<'suspension:recorded'>): CoveredSession[] {
	if (s.lunchtime) return [];
	const covered: CoveredSession[] = [];
	let date = s.starts.date;
	let session: Session = s.starts.session;
	for (let walked = 0; covered.length < s.sessions && walked < MAX_WALK * 2; walked += 1) {
		if (isSchoolDay(terms, date)) covered.push({ date, session });
		if (session === 'AM') session = 'PM';
		else [date, session] = [addDays(date, 1), 'AM'];
	}
	return covered;
}

/** The date of each half day a suspension counts, in order: its register sessions, or one lunchtime a school day. */
export function halfDaysOf(terms: readonly HalfTerm[], s: EventOf<'suspension:recorded'>): string[] {
	if (!s.lunchtime) return coveredSessions(terms, s).map((c) => c.date);
	const first = schoolDayFrom(terms, s.starts.date);
	return Array.from({ length: s.sessions }, (_, i) => schoolDaysLater(terms, first, i));
}
