import type { BehaviourItem, OnCallLogItem, StudentRef } from '$protocol';

/** How many of today's latest incidents the console offers to book from. */
export const INCIDENTS_SHOWN = 8;

/** One student the desk may book into the Reflection Room, from a call or an incident of today. */
export interface ToBook {
	/** Unique on the page: the call or incident, then the student. */
	key: string;
	at: string;
	roomName: string;
	/** What happened, in the form's words: the call's reason or the incident's category. */
	what: string;
	student: StudentRef;
	source: { kind: 'oncall' | 'incident'; id: string };
}

const perStudent = (at: string, roomName: string, what: string, students: readonly StudentRef[], source: ToBook['source']): ToBook[] =>
	students.map((student) => ({ key: `${source.kind}-${source.id}-${student.id}`, at, roomName, what, student, source }));

/** Today's calls closed as removed to the Reflection Room, latest first, one line a student named on the call. */
export function removalsToBook(log: readonly OnCallLogItem[]): ToBook[] {
	return log
		.filter((c) => c.outcome === 'closed' && c.disposition === 'removed_to_reflection')
		.sort((a, b) => b.endedAt.localeCompare(a.endedAt))
		.flatMap((c) => perStudent(c.endedAt, c.roomName, c.reason, c.students, { kind: 'oncall', id: c.id }));
}

/** Today's latest negative incidents, one line a student. */
export function incidentsToBook(behaviour: readonly BehaviourItem[], shown = INCIDENTS_SHOWN): ToBook[] {
	return behaviour
		.filter((b) => b.polarity === 'negative' && b.students.length > 0)
		.sort((a, b) => b.at.localeCompare(a.at))
		.slice(0, shown)
		.flatMap((b) => perStudent(b.at, b.roomName, b.category, b.students, { kind: 'incident', id: b.id }));
}

/**
 * The query the Reflection Room's booking form fills itself in from: the student and the call
 * (`oncall`) or incident (`incident`) the booking follows.
 */
export function bookingQuery(row: Pick<ToBook, 'student' | 'source'>): string {
	const params = new URLSearchParams({ student: row.student.id, [row.source.kind]: row.source.id });
	return `?${params.toString()}`;
}
