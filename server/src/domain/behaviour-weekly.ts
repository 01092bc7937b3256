import type { BehaviourWeekly, PatternCounts } from '../../protocol';
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

function positivesBetween(state: SchoolState, from: string, to: string): number {
	return state.behaviourHistory.filter((b) => b.event.polarity === 'positive' && b.date >= from && b.date <= to).length;
}

/** Students with three or more negative events, or any removal or booking, in the week. */
const NEGATIVES_TO_LIST = 3;

/**
 * The week (Monday to Sunday) of `week` for senior leaders against the week before: totals, each
 * weekday, each category, the students who may need support, and where plans stand today.
 */
export function behaviourWeekly(state: SchoolState, week: string, now: number): BehaviourWeekly {
	const from = mondayOf(week);
	const to = addDays(from, 6);
	const facts = factsBetween(state, addDays(from, -7), to);
	const thisWeek = facts.filter((f) => f.date >= from);
	const lastWeek = facts.filter((f) => f.date < from);
	const byDay = [0, 1, 2, 3, 4].map((n) => {
		const date = addDays(from, n);
		return { date, ...countsOf(thisWeek.filter((f) => f.date === date)) };
	});
	const categories = new Map<string, { thisWeek: number; lastWeek: number }>();
	for (const f of facts) {
		if (f.kind !== 'negative' || f.category === null) continue;
		const c = categories.get(f.category) ?? { thisWeek: 0, lastWeek: 0 };
		c[f.date >= from ? 'thisWeek' : 'lastWeek'] += 1;
		categories.set(f.category, c);
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
	const inWeek = (iso: string) => {
		const { date } = localMoment(Date.parse(iso), state.timezone);
		return date >= from && date <= to;
	};
	const overdue = overdueCounts(state, localMoment(now, state.timezone).date);
	return {
		school: state.schoolId,
		week: { from, to },
		totals: {
			thisWeek: { ...countsOf(thisWeek), positive: positivesBetween(state, from, to) },
			lastWeek: { ...countsOf(lastWeek), positive: positivesBetween(state, addDays(from, -7), addDays(from, -1)) }
		},
		byDay,
		byCategory: [...categories].map(([category, c]) => ({ category, ...c })).sort((a, b) => a.category.localeCompare(b.category)),
		students,
		plans: {
			recorded: [...state.plans.values()].filter((p) => inWeek(p.recorded.occurredAt)).length,
			tapMeetings: [...state.tapMeetings.values()].filter((m) => m.minuted.date >= from && m.minuted.date <= to).length,
			overdueActions: overdue.actions,
			overdueReviews: overdue.reviews
		}
	};
}
