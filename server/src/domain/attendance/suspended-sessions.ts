import type { SchoolState } from '../school/state';
import { READINGS } from './readings';

/**
 * A suspended student's sessions read `E` (suspended or excluded, no alternative provision), as
 * the regulations ask: where the register gave no mark, or an absence mark other than `E`, on a
 * day whose session was registered. A present mark stands: the student was in school. The facts
 * come from the school's state (`suspendedSessions`), which the suspensions desk fills.
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
				marks[session] = { studentId, code: 'E' };
				day.set(studentId, marks);
			}
		}
	}
}
