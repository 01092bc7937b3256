import type { BehaviourWeekly, PatternsReport } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

type Cell = string | number | boolean | null;
const table = (rows: Cell[][]) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * Every table of the patterns page in one sheet, a `table` column saying which: each grouping
 * (teacher, subject, ...) this half term and last, then SEND and FSM (blank where suppressed),
 * then the removal questions as `measure` rows.
 */
export function patternsCsv(r: PatternsReport): string {
	const rows: Cell[][] = [
		[
			'table',
			'key',
			'label',
			'this_half_negative',
			'this_half_removals',
			'this_half_bookings',
			'last_half_negative',
			'last_half_removals',
			'last_half_bookings',
			'students',
			'suppressed',
			'this_half_pupils_removed',
			'removals_per_100'
		]
	];
	for (const [dimension, groups] of Object.entries(r.groups)) {
		for (const g of groups)
			rows.push([
				dimension,
				g.key,
				g.label,
				g.thisHalf.negative,
				g.thisHalf.removals,
				g.thisHalf.bookings,
				g.lastHalf.negative,
				g.lastHalf.removals,
				g.lastHalf.bookings,
				null,
				null,
				null,
				null
			]);
	}
	for (const c of r.characteristics) {
		rows.push([
			c.characteristic,
			c.key,
			c.label,
			c.thisHalf.negative,
			c.thisHalf.removals,
			null,
			null,
			null,
			null,
			c.students,
			c.suppressed ? 'Y' : 'N',
			c.thisHalf.pupilsRemoved,
			c.removalsPer100
		]);
	}
	const q = r.removals;
	const measure = (key: string, label: string, now: Cell, before: Cell) =>
		rows.push(['removals', key, label, null, now, null, null, before, null, null, null, null, null]);
	measure('removals', 'Removals', q.removals.thisHalf, q.removals.lastHalf);
	measure('pupils_removed', 'Pupils removed', q.pupilsRemoved.thisHalf, q.pupilsRemoved.lastHalf);
	measure('pupils_removed_repeatedly', 'Pupils removed more than once', q.pupilsRemovedRepeatedly, null);
	measure('repeat_share_percent', 'Share of removals that were repeats (%)', percent(q.repeatShare), null);
	measure('minutes_out_of_lessons', 'Minutes in the Reflection Room', q.minutesOutOfLessons.thisHalf, q.minutesOutOfLessons.lastHalf);
	measure('per_day', 'Removals per school day', q.perDay.thisHalf, q.perDay.lastHalf);
	measure('trend', 'Trend', q.trend, null);
	for (const w of q.weeks) measure(`week_${w.monday}`, `Week of ${w.monday}`, w.removals, null);
	return table(rows);
}

const spanText = (s: BehaviourWeekly['week']) => (s.through ? `${s.from} to ${s.through.date} ${s.through.time}` : `${s.from} to ${s.to}`);

/** What the weekly report sets against what, said in words: the first line of its sheet. */
export function weeklyHeading(w: BehaviourWeekly): string {
	const how = w.week.through ? 'so far, against the same weekdays and time of the week before' : 'a full week, against the full week before';
	return `week ${spanText(w.week)} (${how}: ${spanText(w.lastWeek)})`;
}

/** The weekly report as one sheet: totals, each day, each category, the students listed and where plans stand. */
export function weeklyCsv(w: BehaviourWeekly): string {
	const rows: Cell[][] = [['table', 'key', 'label', 'negative', 'removals', 'bookings', 'positive', 'last_week']];
	const t = w.totals;
	for (const key of ['negative', 'removals', 'bookings', 'positive'] as const)
		rows.push([
			'total',
			key,
			key,
			key === 'negative' ? t.thisWeek.negative : null,
			key === 'removals' ? t.thisWeek.removals : null,
			key === 'bookings' ? t.thisWeek.bookings : null,
			key === 'positive' ? t.thisWeek.positive : null,
			t.lastWeek[key]
		]);
	for (const d of w.byDay) rows.push(['day', d.date, d.date, d.negative, d.removals, d.bookings, null, null]);
	for (const c of w.byCategory) rows.push(['category', c.category, c.category.replaceAll('_', ' '), c.thisWeek, null, null, null, c.lastWeek]);
	for (const s of w.students) rows.push(['student', s.studentId, `${s.name} (${s.formGroup})`, s.negative, s.removals, s.bookings, null, null]);
	const p = w.plans;
	rows.push(['plans', 'recorded', 'Plans recorded', p.recorded, null, null, null, null]);
	rows.push(['plans', 'tap_meetings', 'TAP meetings', p.tapMeetings, null, null, null, null]);
	rows.push(['plans', 'overdue_actions', 'Overdue actions', p.overdueActions, null, null, null, null]);
	rows.push(['plans', 'overdue_reviews', 'Overdue reviews', p.overdueReviews, null, null, null, null]);
	return table([[w.schoolName], [weeklyHeading(w)], ...rows]);
}
