import type { EventOf, Session } from '../../../protocol';
import { getOrCreate, type SchoolState, type SuspensionFact } from '../school/state';
import { coveredSessions, halfDaysOf } from './school-days';

/** The register sessions a suspension keeps its student from while it stands: none once withdrawn. */
const sessionsOf = (state: SchoolState, f: SuspensionFact) => (f.withdrawn ? [] : coveredSessions(state.terms, f.recorded));

/**
 * Rebuilds a student's suspended sessions on some dates from every suspension that stands, so an
 * amendment or a withdrawal of one leaves another's sessions as they were; gives those dates.
 */
function reindex(state: SchoolState, studentId: string, dates: Iterable<string>): string[] {
	const touched = new Set(dates);
	for (const date of touched) state.suspendedSessions.get(date)?.delete(studentId);
	for (const f of state.suspensions.values()) {
		if (f.recorded.studentId !== studentId) continue;
		for (const { date, session } of sessionsOf(state, f)) {
			if (!touched.has(date)) continue;
			getOrCreate(
				getOrCreate(state.suspendedSessions, date, () => new Map()),
				studentId,
				() => new Set<Session>()
			).add(session);
		}
	}
	for (const date of touched) if (state.suspendedSessions.get(date)?.size === 0) state.suspendedSessions.delete(date);
	return [...touched];
}

/** Records a suspension once (a resend, or a second event with the same suspension id, changes nothing); gives the dates its register sessions fall on. */
export function applySuspensionRecorded(state: SchoolState, e: EventOf<'suspension:recorded'>): string[] {
	if (state.suspensions.has(e.suspensionId)) return [];
	const fact: SuspensionFact = { recorded: e, amendments: [], changedAt: null, withdrawn: null, halfDays: halfDaysOf(state.terms, e), notified: new Map() };
	state.suspensions.set(e.suspensionId, fact);
	return reindex(
		state,
		e.studentId,
		sessionsOf(state, fact).map((s) => s.date)
	);
}

type Told = Pick<EventOf<'suspension:recorded'>, 'starts' | 'sessions' | 'lunchtime' | 'reasons' | 'decisionMaker' | 'missesPublicExam'>;

/** Whether two versions say the same to those told of them: everything but the notes, which stay in school. */
const sameAsTold = (a: Told, b: Told) =>
	a.starts.date === b.starts.date &&
	a.starts.session === b.starts.session &&
	a.sessions === b.sessions &&
	a.lunchtime === b.lunchtime &&
	a.reasons.join() === b.reasons.join() &&
	a.decisionMaker === b.decisionMaker &&
	a.missesPublicExam === b.missesPublicExam;

/** Whether a correction would change nothing of a record (a resent amendment). */
export const sameRecord = (a: Told & { notes: string }, b: Told & { notes: string }) => sameAsTold(a, b) && a.notes === b.notes;

/**
 * Corrects a suspension's record (its student and kind stay as recorded); gives the dates whose
 * register sessions it left or newly covers. An amendment of a withdrawn or unknown one changes nothing.
 */
export function applySuspensionAmended(state: SchoolState, e: EventOf<'suspension:amended'>): string[] {
	const f = state.suspensions.get(e.suspensionId);
	if (!f || f.withdrawn) return [];
	const before = sessionsOf(state, f).map((s) => s.date);
	const { starts, sessions, lunchtime, reasons, decisionMaker, notes, missesPublicExam } = e;
	if (!sameAsTold(f.recorded, e)) f.changedAt = e.occurredAt;
	f.recorded = { ...f.recorded, starts, sessions, lunchtime, reasons, decisionMaker, notes, missesPublicExam };
	f.amendments.push(e);
	f.halfDays = halfDaysOf(state.terms, f.recorded);
	return reindex(state, f.recorded.studentId, [...before, ...sessionsOf(state, f).map((s) => s.date)]);
}

/** Withdraws a suspension once; gives the dates whose register sessions it no longer covers. */
export function applySuspensionWithdrawn(state: SchoolState, e: EventOf<'suspension:withdrawn'>): string[] {
	const f = state.suspensions.get(e.suspensionId);
	if (!f || f.withdrawn) return [];
	const before = sessionsOf(state, f).map((s) => s.date);
	f.withdrawn = e;
	return reindex(state, f.recorded.studentId, before);
}

export function applySuspensionNotified(state: SchoolState, e: EventOf<'suspension:notified'>): void {
	state.suspensions.get(e.suspensionId)?.notified.set(e.who, e);
}

export function applySuspensionTemplateSet(state: SchoolState, e: EventOf<'suspension:template-set'>): void {
	state.suspensionTemplate = e;
}
