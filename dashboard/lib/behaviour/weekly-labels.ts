import type { BehaviourWeekly, WeeklySpan } from '$protocol';
import { dayLabel } from '$lib/attendance/pa-rag-format';

const friday = (monday: string) => new Date(Date.parse(`${monday}T12:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10);
const span = (s: WeeklySpan) =>
	s.through ? `${dayLabel(s.from)} to ${dayLabel(s.through.date)} at ${s.through.time}` : `${dayLabel(s.from)} to ${dayLabel(friday(s.from))}`;

/** What the weekly report sets against what, in words: the columns' headings and a sentence for the page and its print. */
export function weeklyLabels(r: BehaviourWeekly): { thisWeek: string; lastWeek: string; sentence: string } {
	if (r.week.through)
		return {
			thisWeek: 'This week so far',
			lastWeek: 'Same days last week',
			sentence: `This week so far, ${span(r.week)}, against the same days of last week to the same time, ${span(r.lastWeek)}: like with like.`
		};
	return {
		thisWeek: 'This week',
		lastWeek: 'Week before',
		sentence: `A full school week, ${span(r.week)}, against the full week before, ${span(r.lastWeek)}.`
	};
}
