import { zonedInstant, type DutyRole, type Lesson, type Period } from '../../../protocol';
import { localMoment } from '../calendar/local-time';
import { derivedFor } from './derived';
import { lessonsOn, periodAt, periodsOn, weekdayOf } from './school-day';
import type { SchoolState } from './state';

/** Who teaches, who supervises, who is on duty and where everyone last taught, at one instant of a school day. */
export interface DayAt {
	now: number;
	date: string;
	period: Period | undefined;
	teaching: Map<string, Lesson>;
	/** The room of each teacher's last lesson that has ended. */
	lastTaught: Map<string, { roomId: string; at: number }>;
	onDuty: Map<string, DutyRole>;
	/** The Reflection Room each supervisor of the period in progress is in. */
	supervising: Map<string, string>;
}

/** Lessons with their teacher in the room: exams, trips and study leave take them elsewhere. */
function taught(lesson: Lesson): boolean {
	return lesson.exemption === undefined || lesson.exemption === 'cover';
}

/** A date's taught lessons with their instants, in the day's order: kept until reference data changes. */
function taughtOn(state: SchoolState, date: string): readonly { lesson: Lesson; starts: number; ends: number }[] {
	return derivedFor(state, 'school', `taught ${date}`, () =>
		lessonsOn(state, date)
			.filter(taught)
			.map((lesson) => ({ lesson, starts: Date.parse(lesson.startsAt), ends: Date.parse(lesson.endsAt) }))
	);
}

/**
 * Asked by the staff board and every call's suggestions in the same frame, so the last instant's
 * is kept; cover and supervisors change it, and the events that change them touch `staff`.
 * Read only: callers never change what it holds.
 */
export function dayAt(state: SchoolState, now: number): DayAt {
	const kept = derivedFor(state, 'staff', 'day at', () => ({ day: null as DayAt | null }));
	if (kept.day?.now === now) return kept.day;
	const { date, minute } = localMoment(now, state.timezone);
	const period = periodAt(state, date, minute);
	const teaching = new Map<string, Lesson>();
	const lastTaught = new Map<string, { roomId: string; at: number }>();
	for (const { lesson, starts, ends } of taughtOn(state, date)) {
		if (starts <= now && now < ends) teaching.set(lesson.staffId, lesson);
		else if (ends <= now) lastTaught.set(lesson.staffId, { roomId: lesson.roomId, at: ends });
	}
	kept.day = {
		now,
		date,
		period,
		teaching,
		lastTaught,
		onDuty: period ? dutyIn(state, date, period.id) : new Map(),
		supervising: period ? supervisorsIn(state, date, period.id) : new Map()
	};
	return kept.day;
}

/** Who supervises a Reflection Room in a period of a date, and which room. */
export function supervisorsIn(state: SchoolState, date: string, periodId: string): Map<string, string> {
	const suffix = `|${date}|${periodId}`;
	const supervising = new Map<string, string>();
	for (const [key, staffId] of state.supervisors) {
		if (staffId !== null && key.endsWith(suffix)) supervising.set(staffId, key.slice(0, -suffix.length));
	}
	return supervising;
}

/** The rota for a period of a date, with any cover taken for it. */
export function dutyIn(state: SchoolState, date: string, periodId: string): Map<string, DutyRole> {
	const weekday = weekdayOf(date);
	const duty = new Map<string, DutyRole>();
	for (const entry of state.rota.values()) {
		if (entry.weekday === weekday && entry.periodId === periodId) duty.set(entry.staffId, entry.role);
	}
	for (const [staffId, role] of state.cover.get(`${date}|${periodId}`) ?? []) duty.set(staffId, role);
	return duty;
}

/** Whether a member of staff is off duty by their own word, on the date of `day`. */
export function isOffDuty(state: SchoolState, staffId: string, date: string): boolean {
	const said = state.duty.get(staffId);
	return said?.status === 'off_duty' && said.date === date;
}

/**
 * The instants a date's periods and lessons start and end: who teaches, and who is on duty,
 * changes then. Asked on every event (for the next wake-up), so kept until reference data changes.
 */
export function periodDeadlines(state: SchoolState, date: string): readonly number[] {
	return derivedFor(state, 'school', `period edges ${date}`, () => [
		...new Set([
			...periodsOn(state, date).flatMap((p) => [
				Date.parse(zonedInstant(date, p.startsAt, state.timezone)),
				Date.parse(zonedInstant(date, p.endsAt, state.timezone))
			]),
			...lessonsOn(state, date).flatMap((l) => [Date.parse(l.startsAt), Date.parse(l.endsAt)])
		])
	]);
}
