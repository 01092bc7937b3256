import { isOnSite, type Lesson, type Mark, type Session, type StaffRef, type TruancyItem, type TruancyReport } from '../../../protocol';
import { isUnaccounted, minuteOf, onSiteBy, sessionAt } from './attendance';
import { localDate } from '../calendar/local-time';
import { roomRef, staffRef, studentRef } from '../school/refs';
import { derivedFor } from '../school/derived';
import { keepsRegister, lessonsOn } from '../school/school-day';
import type { Register, SchoolState } from '../school/state';

type Outcome = TruancyReport['flags'][number]['outcome'];

interface Miss {
	studentId: string;
	reason: TruancyItem['reason'];
	/** The lesson (or booking) the flag was raised in: what makes it the same flag in another walk. */
	raisedIn: string;
	/** Where the student should have been (the latest lesson missed, or the Reflection Room). */
	roomId: string;
	lastSeenRoomId: string | null;
	since: string;
	outcome: Outcome;
	resolvedAt: string | null;
	correctedBy: StaffRef | null;
}

interface LessonWalk {
	misses: readonly Miss[];
	/** The room a student was last marked present in that day. */
	lastSeen(studentId: string): string | null;
}

type RegisterOf = (lessonId: string) => Register | undefined;

/**
 * Walks a day's taken registers in order. A student who was in school at the session register
 * and is then missing or unauthorised-absent in a lesson is missing from then on, with the last
 * room they were marked present in, until found by staff or marked present in a later lesson.
 * A corrected mark rewrites the register, so the miss is gone from the walk (the report keeps
 * it, see `correctedMisses`). The walk depends on events only, never on the time of day, so it
 * is kept until one touches truancy.
 */
function walkLessons(state: SchoolState, date: string, registerOf: RegisterOf = (id) => state.registers.get(id)): LessonWalk {
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
	for (const { lesson, start, session } of registeredLessonsOn(state, date)) {
		const register = registerOf(lesson.id);
		if (!register) continue;
		// Only the few with a miss open, and the few this register leaves unaccounted for, can change.
		// Each student's streak is their own, so whichever of the two is shorter is walked.
		if (open.size > 0 && open.size <= register.marks.size) {
			for (const [studentId, streak] of open) closeStreak(open, studentId, streak, register.marks.get(studentId), register);
		} else if (open.size > 0) {
			for (const [studentId, mark] of register.marks) {
				const streak = open.get(studentId);
				if (streak) closeStreak(open, studentId, streak, mark, register);
			}
		}
		const unaccounted = unaccountedIn(lesson, register);
		if (unaccounted.length === 0) {
			walked.push({ roomId: lesson.roomId, register });
			continue;
		}
		const takenAt = Date.parse(register.takenAt);
		for (const studentId of unaccounted) {
			if (!onSiteBy(state, date, studentId, session, takenAt)) continue;
			const streak = open.get(studentId);
			const miss = streak ?? {
				studentId,
				reason: 'missing_from_lesson' as const,
				raisedIn: lesson.id,
				roomId: lesson.roomId,
				lastSeenRoomId: lastSeen(studentId),
				since: unaccountedSince(register, studentId),
				outcome: 'open' as Outcome,
				resolvedAt: null,
				correctedBy: null
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

/** A student marked in school by a later register is no longer missing. */
function closeStreak(open: Map<string, Miss>, studentId: string, streak: Miss, mark: Mark | undefined, register: Register): void {
	if (mark === undefined || !isOnSite(mark.code)) return;
	streak.outcome = 'present_later';
	streak.resolvedAt = register.takenAt;
	open.delete(studentId);
}

/** A date's lessons that keep a register, with their start and session: the walk's frame, kept until reference data changes. */
function registeredLessonsOn(state: SchoolState, date: string): readonly { lesson: Lesson; start: number; session: Session }[] {
	return derivedFor(state, 'school', `registered lessons ${date}`, () =>
		lessonsOn(state, date)
			.filter(keepsRegister)
			.map((lesson) => ({ lesson, start: Date.parse(lesson.startsAt), session: sessionAt(state, date, minuteOf(state, lesson.startsAt)) }))
	);
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

/** When the register first left the student unaccounted for: an amendment that keeps them so keeps the time. */
function unaccountedSince(register: Register, studentId: string): string {
	let first = register;
	while (first.replaced && isUnaccounted(first.replaced.marks.get(studentId))) first = first.replaced;
	return first.takenAt;
}

/**
 * Flags that a register amendment cleared. Each amendment is judged against the registers as
 * they stood when it was made: a flag the walk held before it and not after was cleared by it,
 * at its time and by whoever took it. A flag a later amendment brings back is not corrected.
 */
function correctedMisses(state: SchoolState, date: string, current: readonly Miss[]): Miss[] {
	const versions = new Map<string, Register[]>();
	for (const lesson of lessonsOn(state, date)) {
		const chain: Register[] = [];
		for (let r = state.registers.get(lesson.id); r; r = r.replaced ?? undefined) chain.unshift(r);
		if (chain.length > 1) versions.set(lesson.id, chain);
	}
	if (versions.size === 0) return [];
	// The registers as they stood at an amendment, with the amended lesson's before or after it.
	const asOf = (at: number, amended: string, version: Register | undefined): RegisterOf => {
		return (id) => {
			if (id === amended) return version;
			const register = state.registers.get(id);
			const chain = versions.get(id) ?? (register ? [register] : []);
			return chain.filter((r) => Date.parse(r.takenAt) <= at).at(-1);
		};
	};
	const amendments = [...versions].flatMap(([lessonId, chain]) => chain.slice(1).map((register, i) => ({ lessonId, register, before: chain[i] })));
	amendments.sort((a, b) => a.register.takenAt.localeCompare(b.register.takenAt));
	const key = (m: Miss) => `${m.studentId}|${m.reason}|${m.raisedIn}`;
	const cleared = new Map<string, Miss>();
	for (const { lessonId, register, before } of amendments) {
		const at = Date.parse(register.takenAt);
		const after = new Set(walkLessons(state, date, asOf(at, lessonId, register)).misses.map(key));
		for (const miss of walkLessons(state, date, asOf(at, lessonId, before)).misses) {
			if (after.has(key(miss))) continue;
			cleared.set(key(miss), { ...miss, outcome: 'corrected', resolvedAt: register.takenAt, correctedBy: staffRef(state, register.takenBy) });
		}
	}
	for (const miss of current) cleared.delete(key(miss));
	return [...cleared.values()].sort((a, b) => a.since.localeCompare(b.since));
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
			raisedIn: b.id,
			roomId: b.roomId,
			lastSeenRoomId: lastSeen(b.studentId),
			since: new Date(due).toISOString(),
			outcome,
			resolvedAt: b.checkedInAt ?? foundAt,
			correctedBy: null
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

/**
 * Every flag a day raised and how it ended; those still open at the end of the day say so, and
 * those a register amendment cleared stay, as corrected, after the rest.
 */
export function truancyReport(state: SchoolState, date: string, now: number): TruancyReport {
	const misses = walkMisses(state, date, now);
	const corrected = derivedFor(state, 'truancy', `corrected ${date}`, () => correctedMisses(state, date, misses));
	return {
		date,
		flags: [...misses, ...corrected].map((m) => ({ ...item(state, m), outcome: m.outcome, resolvedAt: m.resolvedAt, correctedBy: m.correctedBy }))
	};
}
