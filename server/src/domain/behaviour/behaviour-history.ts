import type { EventOf } from '../../../protocol';
import { localMoment } from '../calendar/local-time';
import { periodAt } from '../school/school-day';
import { getOrCreate, type BehaviourEntry, type SchoolState } from '../school/state';
import { OUTSIDE_PERIODS } from './behaviour';

/** Keeps every behaviour event with its date and period: the recent feed keeps only the last few. */
export function applyBehaviourHistory(state: SchoolState, e: EventOf<'behaviour:recorded'>): void {
	const { date, minute } = localMoment(Date.parse(e.occurredAt), state.timezone);
	// With staggered lunches the period depends on the year group: the first student's decides, as on the heatmap.
	const yearGroup = state.students.get(e.studentIds[0] ?? '')?.yearGroup;
	const entry: BehaviourEntry = { event: e, date, periodId: periodAt(state, date, minute, yearGroup)?.id ?? OUTSIDE_PERIODS };
	state.behaviourHistory.push(entry);
	for (const id of new Set(e.studentIds)) getOrCreate(state.behaviourByStudent, id, () => []).push(entry);
}
