import type { EventOf } from '../../../protocol';
import { getOrCreate, type SchoolState } from '../school/state';
import { coveredSessions, halfDaysOf } from './school-days';

/** Records a suspension once (a resend, or a second event with the same suspension id, changes nothing); gives the dates its register sessions fall on. */
export function applySuspensionRecorded(state: SchoolState, e: EventOf<'suspension:recorded'>): string[] {
	if (state.suspensions.has(e.suspensionId)) return [];
	state.suspensions.set(e.suspensionId, { recorded: e, halfDays: halfDaysOf(state.terms, e), notified: new Map() });
	const sessions = coveredSessions(state.terms, e);
	for (const { date, session } of sessions)
		getOrCreate(
			getOrCreate(state.suspendedSessions, date, () => new Map()),
			e.studentId,
			() => new Set()
		).add(session);
	return [...new Set(sessions.map((s) => s.date))];
}

export function applySuspensionNotified(state: SchoolState, e: EventOf<'suspension:notified'>): void {
	state.suspensions.get(e.suspensionId)?.notified.set(e.who, e);
}

export function applySuspensionTemplateSet(state: SchoolState, e: EventOf<'suspension:template-set'>): void {
	state.suspensionTemplate = e;
}
