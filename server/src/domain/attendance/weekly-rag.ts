import { addDays, mondayOf } from '../calendar/dates';
import type { SchoolState } from '../school/state';
import { addCode, attendanceRate, emptyTally, type Tally } from './tally';

/** Lower bounds of the bands, as shares: green from `green`, amber from `amber`, red below. */
export interface RagBands {
	green: number;
	amber: number;
}

export const COMMON_BANDS: RagBands = { green: 0.96, amber: 0.9 };

export type Rag = 'green' | 'amber' | 'red';

export function ragOf(rate: number, bands: RagBands = COMMON_BANDS): Rag {
	if (rate >= bands.green - 1e-9) return 'green';
	return rate >= bands.amber - 1e-9 ? 'amber' : 'red';
}

export interface WeekTrend {
	week: Tally;
	/** The four weeks before it, together. */
	before: Tally;
	/** Attendance this week below the four weeks before it. */
	dipped: boolean;
}

/**
 * Each student's attendance in the week of `date` (Monday to Sunday) against the four weeks
 * before it, from the session registers: one pass over five weeks of marks.
 */
export function weekTrends(state: SchoolState, date: string): Map<string, WeekTrend> {
	const monday = mondayOf(date);
	const from = addDays(monday, -28);
	const to = addDays(monday, 6);
	const trends = new Map<string, WeekTrend>();
	for (const [day, students] of state.sessionMarks) {
		if (day < from || day > to) continue;
		const thisWeek = day >= monday;
		for (const [studentId, marks] of students) {
			let trend = trends.get(studentId);
			if (!trend) trends.set(studentId, (trend = { week: emptyTally(), before: emptyTally(), dipped: false }));
			const tally = thisWeek ? trend.week : trend.before;
			if (marks.AM) addCode(tally, marks.AM.code);
			if (marks.PM) addCode(tally, marks.PM.code);
		}
	}
	for (const trend of trends.values()) {
		const now = attendanceRate(trend.week);
		const then = attendanceRate(trend.before);
		trend.dipped = now !== null && then !== null && now < then - 1e-9;
	}
	return trends;
}
