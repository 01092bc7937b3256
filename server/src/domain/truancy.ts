import { isOnSite, type TruancyItem } from '../../protocol';
import { isUnaccounted, minuteOf, onSiteBy, sessionAt } from './attendance';
import { keepsRegister, lessonsOn } from './school-day';
import { localDate } from './local-time';
import { roomRef, studentRef } from './refs';
import type { SchoolState } from './state';

interface Trail {
	lastSeenRoomId: string | null;
	/** The unexplained miss that is still open, if any. */
	missing: { roomId: string; since: string } | null;
}

/**
 * Walks today's taken registers in order. A student who was in school at the session register
 * and is then missing or unauthorised-absent in a lesson is flagged, with the last room they
 * were marked present in; being marked present later, or found by staff, clears the flag.
 */
export function truancyView(state: SchoolState, now: number): TruancyItem[] {
	const today = localDate(now, state.timezone);
	const trails = new Map<string, Trail>();
	const trail = (id: string) => {
		let t = trails.get(id);
		if (!t) trails.set(id, (t = { lastSeenRoomId: null, missing: null }));
		return t;
	};

	for (const lesson of lessonsOn(state, today)) {
		const register = state.registers.get(lesson.id);
		if (!register || !keepsRegister(lesson)) continue;
		const session = sessionAt(state, today, minuteOf(state, lesson.startsAt));
		const start = Date.parse(lesson.startsAt);
		for (const studentId of new Set([...lesson.studentIds, ...register.marks.keys()])) {
			const mark = register.marks.get(studentId);
			const t = trail(studentId);
			if (mark !== undefined && isOnSite(mark.code)) {
				t.lastSeenRoomId = lesson.roomId;
				t.missing = null;
			} else if (isUnaccounted(mark) && onSiteBy(state, today, studentId, session, Date.parse(register.takenAt))) {
				if ((state.foundAt.get(studentId) ?? 0) >= start) continue;
				t.missing = { roomId: lesson.roomId, since: t.missing?.since ?? register.takenAt };
			}
		}
	}

	const items: TruancyItem[] = [];
	const lastSeen = (t: Trail | undefined) => ({
		lastSeenRoomId: t?.lastSeenRoomId ?? null,
		lastSeenRoomName: t?.lastSeenRoomId ? roomRef(state, t.lastSeenRoomId).roomName : null
	});
	for (const [studentId, t] of trails) {
		if (!t.missing) continue;
		items.push({
			id: `${studentId}:missing_from_lesson`,
			student: studentRef(state, studentId),
			reason: 'missing_from_lesson',
			...roomRef(state, t.missing.roomId),
			...lastSeen(t),
			since: t.missing.since
		});
	}

	const noShowAfter = state.settings.reflectionNoShowMinutes * 60_000;
	for (const b of state.bookings.values()) {
		if (b.checkedInAt || now < b.startsAt + noShowAfter || localDate(b.startsAt, state.timezone) !== today) continue;
		if ((state.foundAt.get(b.studentId) ?? 0) >= b.startsAt) continue;
		items.push({
			id: `${b.studentId}:reflection_no_show:${b.id}`,
			student: studentRef(state, b.studentId),
			reason: 'reflection_no_show',
			...roomRef(state, b.roomId),
			...lastSeen(trails.get(b.studentId)),
			since: new Date(b.startsAt + noShowAfter).toISOString()
		});
	}
	return items;
}
