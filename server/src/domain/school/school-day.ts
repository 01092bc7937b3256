import { zonedInstant, type Lesson, type Period } from '../../../protocol';
import { minuteOfDay } from '../calendar/local-time';
import { derivedFor } from './derived';
import type { SchoolState } from './state';

/** Sakamoto's offsets of each month's first day. */
const MONTH_OFFSET = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

/** ISO weekday of a local date: 1 Monday ... 7 Sunday. Asked for every lesson and period, so by arithmetic rather than a Date. */
export function weekdayOf(date: string): number {
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7));
	const d = Number(date.slice(8, 10));
	if (date.length !== 10 || !(m >= 1 && m <= 12 && d >= 1 && d <= 31) || !Number.isInteger(y)) return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
	const year = m < 3 ? y - 1 : y;
	const sunday0 = (year + Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400) + (MONTH_OFFSET[m - 1] as number) + d) % 7;
	return sunday0 || 7;
}

/** The periods that run on a date, for a year group when one is given. Asked on every event and view, so kept until reference data changes. */
export function periodsOn(state: SchoolState, date: string, yearGroup?: number | null): readonly Period[] {
	return derivedFor(state, 'school', `periods ${date} ${yearGroup ?? ''}`, () => {
		const weekday = weekdayOf(date);
		return state.periods.filter(
			(p) => (!p.weekdays || p.weekdays.includes(weekday)) && (yearGroup == null || !p.yearGroups || p.yearGroups.includes(yearGroup))
		);
	});
}

/** The period a minute of a date falls in, for a year group when known. */
export function periodAt(state: SchoolState, date: string, minute: number, yearGroup?: number | null): Period | undefined {
	return periodsOn(state, date, yearGroup).find((p) => minute >= minuteOfDay(p.startsAt) && minute < minuteOfDay(p.endsAt));
}

/** Exams, trips and study leave keep no lesson register; a covered lesson still does. */
export function keepsRegister(lesson: Lesson): boolean {
	return lesson.exemption === undefined || lesson.exemption === 'cover';
}

/**
 * A date's lessons, earliest first: lessons sent dated, and those the weekly timetable makes
 * for that weekday, with the day's exemptions and cover applied. Cached per date; reference
 * changes clear the cache.
 */
export function lessonsOn(state: SchoolState, date: string): Lesson[] {
	const cached = state.dayCache.get(date);
	if (cached) return cached;
	const lessons = new Map<string, Lesson>();
	// Each period's instants once: a timetable has a thousand entries over a dozen periods.
	const periods = new Map(
		periodsOn(state, date).map((p) => [
			p.id,
			{ startsAt: zonedInstant(date, p.startsAt, state.timezone), endsAt: zonedInstant(date, p.endsAt, state.timezone) }
		])
	);
	const weekday = weekdayOf(date);
	for (const entry of state.timetable.values()) {
		const period = periods.get(entry.periodId);
		if (entry.weekday !== weekday || !period) continue;
		const id = `${entry.id}:${date}`;
		lessons.set(id, {
			id,
			periodId: entry.periodId,
			roomId: entry.roomId,
			staffId: entry.staffId,
			classId: entry.classId,
			subject: entry.subject,
			startsAt: period.startsAt,
			endsAt: period.endsAt,
			studentIds: entry.studentIds
		});
	}
	for (const id of state.lessonsByDate.get(date) ?? []) {
		const lesson = state.lessons.get(id);
		if (lesson) lessons.set(id, lesson);
	}
	for (const exemption of state.exemptions.get(date)?.values() ?? []) {
		const lesson = lessons.get(exemption.lessonId);
		if (!lesson) continue;
		lessons.set(lesson.id, {
			...lesson,
			exemption: exemption.kind,
			...(exemption.kind === 'cover' && exemption.coverStaffId ? { staffId: exemption.coverStaffId } : {})
		});
	}
	const day = [...lessons.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
	state.dayCache.set(date, day);
	return day;
}
