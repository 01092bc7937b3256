import { ATTENDANCE_CODES, isOnSite, type ArrivalItem, type EventOf, type Session } from '../../protocol';
import { atLocalTime, localDate, localMoment, minuteOfDay } from './local-time';
import { studentRef } from './refs';
import { getOrCreate, type SchoolState } from './state';

export function applyRegister(state: SchoolState, e: EventOf<'register:taken'>): void {
	// A second register for the same lesson is an amendment: it replaces the first whole.
	state.registers.set(e.lessonId, {
		takenAt: e.occurredAt,
		marks: new Map(e.marks.map((m) => [m.studentId, m.code]))
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
	state.foundAt.set(e.studentId, Date.parse(e.occurredAt));
}

/** Lessons that start at or after the lunch period belong to the afternoon session. */
export function sessionAt(state: SchoolState, minute: number): Session {
	const lunch = state.periods.find((p) => p.kind === 'lunch');
	return minute < (lunch ? minuteOfDay(lunch.startsAt) : 12 * 60) ? 'AM' : 'PM';
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
	const registration = sessionRegistration(state, mark === marks?.PM ? 'PM' : 'AM');
	return registration === undefined || atLocalTime(by, registration, state.timezone) + mark.minutesLate * 60_000 <= by;
}

/** When the session's register opens: its registration period, else its first period. */
function sessionRegistration(state: SchoolState, session: Session): string | undefined {
	const inSession = state.periods.filter((p) => sessionAt(state, minuteOfDay(p.startsAt)) === session);
	return (inSession.find((p) => p.kind === 'registration') ?? inSession[0])?.startsAt;
}

export function isUnauthorisedOrMissing(code: keyof typeof ATTENDANCE_CODES | undefined): boolean {
	return code === undefined || ATTENDANCE_CODES[code] === 'unauthorised';
}

/** Today's lessons, earliest first. */
export function lessonsOn(state: SchoolState, date: string) {
	const ids = state.lessonsByDate.get(date) ?? new Set<string>();
	return [...ids]
		.map((id) => state.lessons.get(id))
		.filter((l) => l !== undefined)
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export function minuteOf(state: SchoolState, iso: string): number {
	return localMoment(Date.parse(iso), state.timezone).minute;
}

export function arrivalsView(state: SchoolState, now: number): ArrivalItem[] {
	const today = state.lateArrivals.get(localDate(now, state.timezone)) ?? new Map();
	return [...today].map(([id, a]) => ({
		id,
		student: studentRef(state, a.studentId),
		session: a.session,
		minutesLate: a.minutesLate,
		at: a.at
	}));
}
