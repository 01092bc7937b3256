import type { InboundEvent } from '../../protocol';
import { checkDispatch, needsDispatchCheck, type DispatchProblem } from './oncall/dispatch-check';
import { checkCancels, needsCancelCheck, type CancelProblem } from './reflection/cancel';
import type { SchoolState } from './school/state';

/** Why a batch the desk checks cannot be stored: a dispatch step, or a Reflection Room cancel. */
export type DeskProblem = DispatchProblem | CancelProblem;

/** Whether a batch holds anything to check against the live state before it is stored. */
export function needsDeskCheck(events: readonly InboundEvent[]): boolean {
	return needsDispatchCheck(events) || needsCancelCheck(events);
}

/** Each feature's check of the batch; of their problems, the one of the earliest event, or null. */
export function checkAtDesk(stateOf: (schoolId: string) => SchoolState, events: readonly InboundEvent[]): DeskProblem | null {
	const found = [checkDispatch(stateOf, events), checkCancels(stateOf, events)].filter((p): p is DeskProblem => p !== null);
	return found.sort((a, b) => a.index - b.index)[0] ?? null;
}
