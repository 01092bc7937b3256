import type { BehaviourWeekly, PatternCounts, WeeklyCompare, WeeklySpan } from '../../protocol';
import { addDays, mondayOf } from './calendar/dates';
import { localMoment } from './calendar/local-time';
import { factsBetween, type Fact } from './patterns/facts';
import { overdueCounts } from './plans/plans';
import type { SchoolState } from './school/state';

const countsOf = (facts: readonly Fact[]): PatternCounts => ({
	negative: facts.filter((f) => f.kind === 'negative').length,
	removals: facts.filter((f) => f.kind === 'removals').length,
	bookings: facts.filter((f) => f.kind === 'bookings').length
});

/** Students with three or more negative events, or any removal or booking, in the week. */
const NEGATIVES_TO_LIST = 3;

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A span's test for a moment: within its dates and, when cut short, no later in its last day than the cut. */
function within(span: WeeklySpan, cutMinute: number | null, timezone: string): (date: string, at: number) => boolean {
	return (date, at) => {
		if (date < span.from || date > span.to) return false;
		if (span.through === null || cutMinute === null || date < span.through.date) return true;
		return date === span.through.date && localMoment(at, timezone).minute <= cutMinute;
	};
}

/**
 * Which week is reported and what it is set against, like with like. `full` (the default): the
 * week holding `week` once its Friday is over, else the last full week before it, against the
 * week before that. `so_far`: the week holding `week` from Monday to now against the same
 * weekdays of the week before to the same time; for a week already over, the whole of both.
 * A week asked for by date that is still running is reported so far rather than set whole
 * against a part: the answer's `compare` says which was given.
 */
export function weeklySpans(today: string, minute: number, asked: { week?: string; compare: WeeklyCompare }) {
	let from = mondayOf(asked.week ?? today);
	const over = today > addDays(from, 4);
	let compare = asked.compare;
	if (!over && compare === 'full') {
		if (asked.week === undefined) from = addDays(from, -7);
		else compare = 'so_far';
	}
	const running = compare === 'so_far' && !over && today >= from;
	const week: WeeklySpan = { from, to: running ? today : addDays(from, 6), through: running ? { date: today, time: hhmm(minute) } : null };
	const before = addDays(from, -7);
	const lastWeek: WeeklySpan = {
		from: before,
		to: running ? addDays(today, -7) : addDays(before, 6),
		through: running ? { date: addDays(today, -7), time: hhmm(minute) } : null
	};
	return { compare, week, lastWeek, cutMinute: running ? minute : null };
}

/**
 * The week for senior leaders against the week before, like with like: totals, each weekday,
 * each category, the students who may need support, and where plans stand today.
 */
export function behaviourWeekly(state: SchoolState, asked: { week?: string; compare: WeeklyCompare }, now: number): BehaviourWeekly {
	const { date: today, minute } = localMoment(now, state.timezone);
	const { compare, week, lastWeek, cutMinute } = weeklySpans(today, minute, asked);
	const inThis = within(week, cutMinute, state.timezone);
	const inLast = within(lastWeek, cutMinute, state.timezone);
	const facts = factsBetween(state, lastWeek.from, week.to);
	const thisWeek = facts.filter((f) => inThis(f.date, f.at));
	const lastWeekFacts = facts.filter((f) => inLast(f.date, f.at));
	const byDay = [0, 1, 2, 3, 4]
		.map((n) => addDays(week.from, n))
		.filter((date) => date <= week.to)
		.map((date) => ({ date, ...countsOf(thisWeek.filter((f) => f.date === date)) }));
	const categories = new Map<string, { thisWeek: number; lastWeek: number }>();
	for (const [list, key] of [
		[thisWeek, 'thisWeek'],
		[lastWeekFacts, 'lastWeek']
	] as const) {
		for (const f of list) {
			if (f.kind !== 'negative' || f.category === null) continue;
			const c = categories.get(f.category) ?? { thisWeek: 0, lastWeek: 0 };
			c[key] += 1;
			categories.set(f.category, c);
		}
	}
	const perStudent = new Map<string, PatternCounts>();
	for (const f of thisWeek) {
		for (const id of new Set(f.studentIds)) {
			const c = perStudent.get(id) ?? { negative: 0, removals: 0, bookings: 0 };
			c[f.kind] += 1;
			perStudent.set(id, c);
		}
	}
	const students = [...perStudent]
		.filter(([, c]) => c.negative >= NEGATIVES_TO_LIST || c.removals > 0 || c.bookings > 0)
		.map(([id, c]) => {
			const s = state.students.get(id);
			return { studentId: id, name: s ? `${s.givenName} ${s.familyName}` : id, formGroup: s?.formGroup ?? '', ...c };
		})
		.sort((a, b) => a.formGroup.localeCompare(b.formGroup, 'en-GB', { numeric: true }) || a.name.localeCompare(b.name));
	const positives = (test: (date: string, at: number) => boolean) =>
		state.behaviourHistory.filter((b) => b.event.polarity === 'positive' && test(b.date, Date.parse(b.event.occurredAt))).length;
	const recordedIn = (iso: string) => {
		const at = Date.parse(iso);
		return inThis(localMoment(at, state.timezone).date, at);
	};
	const overdue = overdueCounts(state, today);
	return {
		school: state.schoolId,
		schoolName: state.name,
		compare,
		week,
		lastWeek,
		totals: {
			thisWeek: { ...countsOf(thisWeek), positive: positives(inThis) },
			lastWeek: { ...countsOf(lastWeekFacts), positive: positives(inLast) }
		},
		byDay,
		byCategory: [...categories].map(([category, c]) => ({ category, ...c })).sort((a, b) => a.category.localeCompare(b.category)),
		students,
		plans: {
			recorded: [...state.plans.values()].filter((p) => recordedIn(p.recorded.occurredAt)).length,
			tapMeetings: [...state.tapMeetings.values()].filter((m) => m.minuted.date >= week.from && m.minuted.date <= week.to).length,
			overdueActions: overdue.actions,
			overdueReviews: overdue.reviews
		}
	};
}
