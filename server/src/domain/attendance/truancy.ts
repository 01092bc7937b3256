import { isOnSite, type Lesson, type Session, type TruancyItem, type TruancyReport } from '../../../protocol';
import { isUnaccounted, minuteOf, onSiteBy, sessionAt } from './attendance';
import { localDate } from '../calendar/local-time';
import { roomRef, studentRef } from '../school/refs';
import { derivedFor } from '../school/derived';
import { keepsRegister, lessonsOn } from '../school/school-day';
import type { Register, SchoolState } from '../school/state';

type Outcome = TruancyReport['flags'][number]['outcome'];

interface Miss {
	studentId: string;
	reason: TruancyItem['reason'];
	/** Where the student should have been (the latest lesson missed, or the Reflection Room). */
	roomId: string;
	lastSeenRoomId: string | null;
	since: string;
	outcome: Outcome;
	resolvedAt: string | null;
}

interface LessonWalk {
	misses: readonly Miss[];
	/** The room a student was last marked present in that day. */
	lastSeen(studentId: string): string | null;
}

/**
 * Walks a day's taken registers in order. A student who was in school at the session register
 * and is then missing or unauthorised-absent in a lesson is missing from then on, with the last
 * room they were marked present in, until found by staff or marked present in a later lesson.
 * A corrected mark rewrites the register, so the miss is gone as if it had never been.
 * The walk depends on events only, never on the time of day, so it is kept until one touches
 * truancy.
 */
function walkLessons(state: SchoolState, date: string): LessonWalk {
	const misses: Miss[] = [];
	const open = new Map<string, Miss>();
	const walked: { roomId: string; register: Register }[] = [];
	// Where a student was last marked present, looked back for only when a miss needs it.
	const lastSeen = (studentId: string): string | null => {
		for (let i = walked.length - 1; i >= 0; i--) {
			const { roomId, register } = walked[i] as (typeof walked)[number];
			const mark = register.marks.get(studentId);
			if (mark !== undefined && isOnSite(mark.code)) return roomId;
		}
		return null;
	};
	const sessions = new Map<string, Session>();
	for (const lesson of lessonsOn(state, date)) {
		const register = state.registers.get(lesson.id);
		if (!register || !keepsRegister(lesson)) continue;
		let session = sessions.get(lesson.startsAt);
		if (session === undefined) {
			session = sessionAt(state, date, minuteOf(state, lesson.startsAt));
			sessions.set(lesson.startsAt, session);
		}
		const start = Date.parse(lesson.startsAt);
		const takenAt = Date.parse(register.takenAt);
		// Only the few with a miss open, and the few this register leaves unaccounted for, can change.
		for (const [studentId, streak] of open) {
			const mark = register.marks.get(studentId);
			if (mark !== undefined && isOnSite(mark.code)) {
				Object.assign(streak, { outcome: 'present_later', resolvedAt: register.takenAt });
				open.delete(studentId);
			}
		}
		for (const studentId of unaccountedIn(lesson, register)) {
			if (!onSiteBy(state, date, studentId, session, takenAt)) continue;
			const streak = open.get(studentId);
			const miss = streak ?? {
				studentId,
				reason: 'missing_from_lesson' as const,
				roomId: lesson.roomId,
				lastSeenRoomId: lastSeen(studentId),
				since: register.takenAt,
				outcome: 'open' as Outcome,
				resolvedAt: null
			};
			if (!streak) misses.push(miss);
			miss.roomId = lesson.roomId;
			const foundAt = foundSince(state, studentId, start);
			if (foundAt) {
				Object.assign(miss, { outcome: 'found', resolvedAt: foundAt });
				open.delete(studentId);
			} else open.set(studentId, miss);
		}
		walked.push({ roomId: lesson.roomId, register });
	}
	return { misses, lastSeen };
}

const unaccounted = new WeakMap<Register, { lesson: Lesson; ids: readonly string[] }>();

/**
 * Who a register leaves unaccounted for (no mark, or an unauthorised absence), in class-list
 * order, then anyone else it marked. Asked on every walk, so kept per register: an amended
 * register is a new one.
 */
function unaccountedIn(lesson: Lesson, register: Register): readonly string[] {
	const kept = unaccounted.get(register);
	if (kept?.lesson === lesson) return kept.ids;
	const listed = new Set(lesson.studentIds);
	const ids = [...lesson.studentIds, ...[...register.marks.keys()].filter((id) => !listed.has(id))].filter((id) => isUnaccounted(register.marks.get(id)));
	unaccounted.set(register, { lesson, ids });
	return ids;
}

function foundSince(state: SchoolState, studentId: string, after: number): string | null {
	const times = (state.foundAt.get(studentId) ?? []).filter((t) => t >= after);
	return times.length > 0 ? new Date(Math.min(...times)).toISOString() : null;
}

/** The day's lesson misses, then Reflection Room bookings not checked in by their no-show time. */
function walkMisses(state: SchoolState, date: string, now: number): Miss[] {
	const { misses, lastSeen } = derivedFor(state, 'truancy', `lesson misses ${date}`, () => walkLessons(state, date));
	const noShows: Miss[] = [];
	const noShowAfter = state.settings.reflectionNoShowMinutes * 60_000;
	for (const b of state.bookings.values()) {
		const due = b.startsAt + noShowAfter;
		if (now < due || localDate(b.startsAt, state.timezone) !== date) continue;
		const checkedIn = b.checkedInAt && Date.parse(b.checkedInAt) < due ? b.checkedInAt : null;
		if (checkedIn) continue;
		const foundAt = foundSince(state, b.studentId, b.startsAt);
		const outcome: Outcome = b.checkedInAt ? 'checked_in_late' : foundAt ? 'found' : 'open';
		noShows.push({
			studentId: b.studentId,
			reason: 'reflection_no_show',
			roomId: b.roomId,
			lastSeenRoomId: lastSeen(b.studentId),
			since: new Date(due).toISOString(),
			outcome,
			resolvedAt: b.checkedInAt ?? foundAt
		});
	}
	return [...misses, ...noShows];
}

function item(state: SchoolState, m: Miss) {
	return {
		student: studentRef(state, m.studentId),
		reason: m.reason,
		...roomRef(state, m.roomId),
		lastSeenRoomId: m.lastSeenRoomId,
		lastSeenRoomName: m.lastSeenRoomId ? roomRef(state, m.lastSeenRoomId).roomName : null,
		since: m.since
	};
}

/** Students unaccounted for now. */
export function truancyView(state: SchoolState, now: number): TruancyItem[] {
	return walkMisses(state, localDate(now, state.timezone), now)
		.filter((m) => m.outcome === 'open')
		.map((m) => ({ id: `${m.studentId}:${m.reason}:${m.since}`, ...item(state, m) }));
}

/** Every flag a day raised and how it ended; those still open at the end of the day say so. */
export function truancyReport(state: SchoolState, date: string, now: number): TruancyReport {
	return { date, flags: walkMisses(state, date, now).map((m) => ({ ...item(state, m), outcome: m.outcome, resolvedAt: m.resolvedAt })) };
}
