import type { EscalationRule, EventOf, OnCallStatus } from '../../../protocol';
import type { RequestStatus } from '../school/state';

export type StepEvent = EventOf<
	| 'oncall:acknowledged'
	| 'oncall:unacknowledged'
	| 'oncall:dispatched'
	| 'oncall:en-route'
	| 'oncall:on-scene'
	| 'oncall:closed'
	| 'oncall:cancelled'
	| 'oncall:welfare-confirmed'
	| 'oncall:escalated'
>;
export type StepType = StepEvent['type'];

const ON_THE_WAY: readonly OnCallStatus[] = ['acknowledged', 'dispatched', 'en_route'];

/** The statuses each step may follow. Dispatching again reassigns the call. */
export const ALLOWED_FROM: Record<Exclude<StepType, 'oncall:escalated'>, readonly RequestStatus[]> = {
	'oncall:acknowledged': ['raised'],
	'oncall:unacknowledged': ['acknowledged'],
	'oncall:dispatched': ON_THE_WAY,
	'oncall:en-route': ['dispatched'],
	// A responder who arrives without saying they set off still arrives: turnout and travel stay unknown.
	'oncall:on-scene': ['dispatched', 'en_route'],
	'oncall:closed': ['on_scene'],
	'oncall:cancelled': ['raised', ...ON_THE_WAY],
	'oncall:welfare-confirmed': ['on_scene']
};

/** Which timer runs in each open status. */
export const RULE_OF: Record<OnCallStatus, EscalationRule> = {
	raised: 'unacknowledged',
	acknowledged: 'not_on_scene',
	dispatched: 'not_on_scene',
	en_route: 'not_on_scene',
	on_scene: 'lone_working'
};

const NEXT: Record<Exclude<StepType, 'oncall:escalated' | 'oncall:welfare-confirmed'>, RequestStatus> = {
	'oncall:acknowledged': 'acknowledged',
	'oncall:unacknowledged': 'raised',
	'oncall:dispatched': 'dispatched',
	'oncall:en-route': 'en_route',
	'oncall:on-scene': 'on_scene',
	'oncall:closed': 'closed',
	'oncall:cancelled': 'cancelled'
};

export function isOpen(status: RequestStatus): status is OnCallStatus {
	return status !== 'closed' && status !== 'cancelled';
}

/** The status a step leads to, or null when the call's status does not allow it. */
export function nextStatus(from: RequestStatus, step: StepEvent): RequestStatus | null {
	if (step.type === 'oncall:escalated') return isOpen(from) && RULE_OF[from] === step.rule ? from : null;
	if (!ALLOWED_FROM[step.type].includes(from)) return null;
	return step.type === 'oncall:welfare-confirmed' ? from : NEXT[step.type];
}
