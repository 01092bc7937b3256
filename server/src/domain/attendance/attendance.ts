import { ATTENDANCE_CODES, isOnSite, type EventOf, type Mark, type Session } from '../../../protocol';
import { atLocalTime, localDate, localMoment, minuteOfDay } from '../calendar/local-time';
import { derivedFor } from '../school/derived';
import { periodsOn } from '../school/school-day';
import { getOrCreate, type SchoolState } from '../school/state';

export function applyRegister(state: SchoolState, e: EventOf<'register:taken'>): void {
	// A second register for the same lesson is an amendment: it replaces the first whole.
	state.registers.set(e.lessonId, {
		takenAt: e.occurredAt,
		takenBy: e.takenBy,
		marks: new Map(e.marks.map((m) => [m.studentId, m])),
		replaced: state.registers.get(e.lessonId) ?? null
	});
}

export function applySessionMarks(state: SchoolState, e: EventOf<'session:marked'>): void {
	const day = getOrCreate(state.sessionMarks, e.date, () => new Map());
	for (const mark of e.marks) getOrCreate(day, mark.studentId, () => ({}))[e.session] = mark;
}

export function applyLateArrival(state: SchoolState, e: EventOf<'student:arrived-late'>): void {
	const day = getOrCreate(state.lateArrivals, localDate(Date.parse(e.occurredAt), state.timezone), () => new Map());
	day.set(`${e.studentId}:${e.session}`, {
		studentId: e.studentId,
		session: e.session,
		minutesLate: e.minutesLate,
		at: e.occurredAt
	});
}

export function applyFound(state: SchoolState, e: EventOf<'student:found'>): void {
	getOrCreate(state.foundAt, e.studentId, () => []).push(Date.parse(e.occurredAt));
}

interface Sessions {
	/** The minute the afternoon session starts. */
	pmFrom: number;
	opens: Record<Session, string | undefined>;
}

/** A date's sessions, from its periods: asked for every mark and lesson a view walks, so kept until reference data changes. */
function sessionsOn(state: SchoolState, date: string): Sessions {
	return derivedFor(state, 'school', `sessions ${date}`, () => {
		const periods = periodsOn(state, date);
		const lunches = periods.filter((p) => p.kind === 'lunch');
		const pmFrom = lunches.length ? Math.min(...lunches.map((p) => minuteOfDay(p.startsAt))) : 12 * 60;
		const opensIn = (session: Session) => {
			const inSession = periods.filter((p) => (minuteOfDay(p.startsAt) < pmFrom ? 'AM' : 'PM') === session);
			return (inSession.find((p) => p.kind === 'registration') ?? inSession[0])?.startsAt;
		};
		return { pmFrom, opens: { AM: opensIn('AM'), PM: opensIn('PM') } };
	});
}

/** The afternoon session starts with the day's first lunch (noon when no lunch is set). */
export function sessionAt(state: SchoolState, date: string, minute: number): Session {
	return minute < sessionsOn(state, date).pmFrom ? 'AM' : 'PM';
}

/** When the session register opens: its registration period, else its first period. */
export function sessionOpensAt(state: SchoolState, date: string, session: Session): string | undefined {
	return sessionsOn(state, date).opens[session];
}

/**
 * Was the student in school by `by`, according to the session register? The PM mark, once
 * taken, wins. A late mark counts from the minute the student signed in, so a student who
 * arrived after a lesson register was taken is not missing from that lesson.
 */
export function onSiteBy(state: SchoolState, date: string, studentId: string, session: Session, by: number): boolean {
	const marks = state.sessionMarks.get(date)?.get(studentId);
	const mark = (session === 'PM' ? marks?.PM : undefined) ?? marks?.AM;
	if (mark === undefined || !isOnSite(mark.code)) return false;
	if (!mark.minutesLate) return true;
	const opens = sessionOpensAt(state, date, mark === marks?.PM ? 'PM' : 'AM');
	return opens === undefined || atLocalTime(by, opens, state.timezone) + mark.minutesLate * 60_000 <= by;
}

/** A lesson mark that leaves a student unaccounted for: none at all, or an unauthorised absence. */
export function isUnaccounted(mark: Mark | undefined): boolean {
	return mark === undefined || ATTENDANCE_CODES[mark.code] === 'unauthorised';
}

export function minuteOf(state: SchoolState, iso: string): number {
	return localMoment(Date.parse(iso), state.timezone).minute;
}

/** `L` when the student arrived before the session register closed, `U` after. */
export function lateCode(state: SchoolState, minutesLate: number): 'L' | 'U' {
	return minutesLate <= state.settings.sessionCloseMinutes ? 'L' : 'U';
}
