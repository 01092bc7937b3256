import type { EventOf, Session } from '../../../protocol';
import { getOrCreate, type SchoolState } from '../school/state';
import { READINGS } from './readings';

const SESSIONS: readonly Session[] = ['AM', 'PM'];

/**
 * A suspended student's sessions read `E` (suspended or excluded, no alternative provision), as
 * the regulations ask: where the register gave no mark, or an absence mark other than `E`, on a
 * day whose session was registered. A present mark stands: the student was in school. The facts
 * come from the school's state (`suspendedSessions`), which the suspensions desk fills; what the
 * register said underneath is kept (`marksUnderE`) for when the suspension no longer covers it.
 */
export function markSuspendedSessions(state: SchoolState, dates: Iterable<string>): void {
	for (const date of dates) {
		const suspended = state.suspendedSessions.get(date);
		const day = state.sessionMarks.get(date);
		if (!suspended || !day) continue;
		const registered = { AM: false, PM: false };
		for (const marks of day.values()) {
			if (marks.AM) registered.AM = true;
			if (marks.PM) registered.PM = true;
		}
		for (const [studentId, sessions] of suspended) {
			for (const session of sessions) {
				if (!registered[session]) continue;
				const marks = day.get(studentId) ?? {};
				const mark = marks[session];
				const absent =
					mark === undefined ||
					(mark.code !== 'E' &&
						(READINGS[mark.code].statistical === 'authorised' || READINGS[mark.code].statistical === 'unauthorised') &&
						READINGS[mark.code].physical === 'off_site');
				if (!absent) continue;
				getOrCreate(
					getOrCreate(state.marksUnderE, date, () => new Map()),
					studentId,
					() => ({})
				)[session] = mark ?? null;
				marks[session] = { studentId, code: 'E' };
				day.set(studentId, marks);
			}
		}
	}
}

/**
 * Gives back the register's own mark where a suspension had put `E` on a session it no longer
 * covers (amended off it, or withdrawn): the mark that was there, or none.
 */
export function unmarkLiftedSessions(state: SchoolState, dates: Iterable<string>): void {
	for (const date of dates) {
		const under = state.marksUnderE.get(date);
		if (!under) continue;
		const day = state.sessionMarks.get(date);
		for (const [studentId, kept] of under) {
			const still = state.suspendedSessions.get(date)?.get(studentId);
			for (const session of SESSIONS) {
				if (!(session in kept) || still?.has(session)) continue;
				const marks = day?.get(studentId);
				const was = kept[session];
				delete kept[session];
				if (!marks || marks[session]?.code !== 'E') continue;
				if (was) marks[session] = was;
				else delete marks[session];
				if (!marks.AM && !marks.PM) day?.delete(studentId);
			}
			if (!('AM' in kept) && !('PM' in kept)) under.delete(studentId);
		}
		if (under.size === 0) state.marksUnderE.delete(date);
	}
}

/** A register taken afresh says what lies under any `E`: the earlier mark kept there is forgotten. */
export function forgetMarksUnder(state: SchoolState, e: EventOf<'session:marked'>): void {
	const under = state.marksUnderE.get(e.date);
	if (!under) return;
	for (const mark of e.marks) {
		const kept = under.get(mark.studentId);
		if (!kept) continue;
		delete kept[e.session];
		if (!('AM' in kept) && !('PM' in kept)) under.delete(mark.studentId);
	}
	if (under.size === 0) state.marksUnderE.delete(e.date);
}
