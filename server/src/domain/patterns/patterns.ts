import type { PatternCounts, PatternDimension, PatternRow, PatternsReport, RemovalQuestions, Trend } from '../../../protocol';
import { addDays, mondayOf } from '../calendar/dates';
import { weekdayOf } from '../school/school-day';
import type { SchoolState } from '../school/state';
import { characteristicRows, SUPPRESS_BELOW } from './characteristics';
import { factsBetween, type Fact } from './facts';
import { thisAndLastHalf, weekdaysBetween } from './halves';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DIMENSIONS: readonly PatternDimension[] = ['teacher', 'subject', 'year', 'period', 'weekday', 'room'];

const zero = (): PatternCounts => ({ negative: 0, removals: 0, bookings: 0 });

const weekdays = new Map<string, string>();
/** Dates repeat across thousands of facts: each date's weekday is worked out once. */
function weekdayKey(date: string): string {
	let key = weekdays.get(date);
	if (key === undefined) weekdays.set(date, (key = String(weekdayOf(date))));
	return key;
}

/** The groups a fact falls in along one dimension: a fact naming students of two year groups counts in both. */
function keysOf(state: SchoolState, f: Fact, dimension: PatternDimension): string[] {
	switch (dimension) {
		case 'teacher':
			return f.staffId ? [f.staffId] : [];
		case 'subject':
			return [f.subject ?? 'none'];
		case 'year': {
			const years = f.studentIds.map((id) => state.students.get(id)?.yearGroup).filter((y) => y !== undefined);
			return years.length === 1 ? [String(years[0])] : [...new Set(years)].map(String);
		}
		case 'period':
			return [f.periodId];
		case 'weekday':
			return [weekdayKey(f.date)];
		case 'room':
			return f.roomId ? [f.roomId] : [];
	}
}

function labelOf(state: SchoolState, dimension: PatternDimension, key: string): string {
	switch (dimension) {
		case 'teacher':
			return state.staff.get(key)?.code ?? key;
		case 'subject':
			return key === 'none' ? 'No lesson' : key;
		case 'year':
			return `Year ${key}`;
		case 'period':
			return state.periods.find((p) => p.id === key)?.name ?? (key === 'outside' ? 'Outside lessons' : key);
		case 'weekday':
			return WEEKDAYS[Number(key)] ?? key;
		case 'room':
			return state.rooms.get(key)?.name ?? key;
	}
}

/** The order of the school day and the week, and otherwise by name: support for staff, never a ranking. */
function orderOf(state: SchoolState, dimension: PatternDimension): (a: PatternRow, b: PatternRow) => number {
	if (dimension === 'period') {
		const index = (key: string) => {
			const i = state.periods.findIndex((p) => p.id === key);
			return i === -1 ? state.periods.length : i;
		};
		return (a, b) => index(a.key) - index(b.key);
	}
	if (dimension === 'weekday' || dimension === 'year') return (a, b) => Number(a.key) - Number(b.key);
	return (a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true });
}

export function groupRows(state: SchoolState, thisHalf: readonly Fact[], lastHalf: readonly Fact[]): Record<PatternDimension, PatternRow[]> {
	const out = {} as Record<PatternDimension, PatternRow[]>;
	for (const dimension of DIMENSIONS) {
		const rows = new Map<string, PatternRow>();
		for (const [facts, half] of [
			[thisHalf, 'thisHalf'],
			[lastHalf, 'lastHalf']
		] as const) {
			for (const f of facts) {
				for (const key of keysOf(state, f, dimension)) {
					let row = rows.get(key);
					if (!row) rows.set(key, (row = { key, label: labelOf(state, dimension, key), thisHalf: zero(), lastHalf: zero() }));
					row[half][f.kind] += 1;
				}
			}
		}
		out[dimension] = [...rows.values()].sort(orderOf(state, dimension));
	}
	return out;
}

const perDay = (count: number, days: number) => (days > 0 ? Math.round((count / days) * 100) / 100 : null);

function trendOf(now: number | null, before: number | null): Trend {
	if (now === null || before === null || before === 0) return 'unknown';
	if (now < before * 0.9) return 'falling';
	if (now > before * 1.1) return 'rising';
	return 'steady';
}

export function removalQuestions(
	thisHalf: readonly Fact[],
	lastHalf: readonly Fact[],
	days: { thisHalf: number; lastHalf: number },
	from: string,
	to: string
): RemovalQuestions {
	const removalsOf = (facts: readonly Fact[]) => facts.filter((f) => f.kind === 'removals');
	const minutesOf = (facts: readonly Fact[]) => facts.reduce((sum, f) => sum + f.minutes, 0);
	const now = removalsOf(thisHalf);
	const before = removalsOf(lastHalf);
	const perPupil = new Map<string, number>();
	for (const f of now) for (const id of new Set(f.studentIds)) perPupil.set(id, (perPupil.get(id) ?? 0) + 1);
	const repeated = [...perPupil.values()].filter((n) => n > 1);
	const repeatRemovals = repeated.reduce((a, b) => a + b, 0);
	const pupilsOf = (facts: readonly Fact[]) => new Set(facts.flatMap((f) => f.studentIds)).size;
	const weeks: RemovalQuestions['weeks'] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
		const end = addDays(monday, 6);
		weeks.push({ monday, removals: now.filter((f) => f.date >= monday && f.date <= end).length });
	}
	const rate = { thisHalf: perDay(now.length, days.thisHalf), lastHalf: perDay(before.length, days.lastHalf) };
	return {
		removals: { thisHalf: now.length, lastHalf: before.length },
		pupilsRemoved: { thisHalf: pupilsOf(now), lastHalf: pupilsOf(before) },
		pupilsRemovedRepeatedly: repeated.length,
		repeatShare: now.length > 0 ? Math.round((repeatRemovals / now.length) * 1000) / 1000 : null,
		minutesOutOfLessons: { thisHalf: minutesOf(thisHalf), lastHalf: minutesOf(lastHalf) },
		perDay: rate,
		trend: trendOf(rate.thisHalf, rate.lastHalf),
		weeks
	};
}

/** Patterns of behaviour, removals and Reflection Room bookings this half term (to `date`) against the last. */
export function patternsReport(state: SchoolState, date: string): PatternsReport {
	const { thisHalf, lastHalf } = thisAndLastHalf(state.terms, date);
	const to = date < thisHalf.ends ? date : thisHalf.ends;
	const now = factsBetween(state, thisHalf.starts, to);
	const before = lastHalf ? factsBetween(state, lastHalf.starts, lastHalf.ends) : [];
	const days = { thisHalf: weekdaysBetween(thisHalf.starts, to), lastHalf: lastHalf ? weekdaysBetween(lastHalf.starts, lastHalf.ends) : 0 };
	return {
		school: state.schoolId,
		date,
		thisHalf,
		lastHalf,
		suppressBelow: SUPPRESS_BELOW,
		groups: groupRows(state, now, before),
		characteristics: characteristicRows(state.students, now),
		removals: removalQuestions(now, before, days, thisHalf.starts, to)
	};
}
