import type { EventOf, OnCallItem, OnCallStatus } from '../../protocol';
import { roomRef, staffRef, studentRef } from './refs';
import type { SchoolState } from './state';

type StepEvent = EventOf<
	| 'oncall:acknowledged'
	| 'oncall:unacknowledged'
	| 'oncall:dispatched'
	| 'oncall:en-route'
	| 'oncall:on-scene'
	| 'oncall:closed'
	| 'oncall:cancelled'
>;

const NEXT_STATUS: Record<StepEvent['type'], OnCallStatus | 'gone'> = {
	'oncall:acknowledged': 'acknowledged',
	'oncall:unacknowledged': 'raised',
	'oncall:dispatched': 'dispatched',
	'oncall:en-route': 'en_route',
	'oncall:on-scene': 'on_scene',
	'oncall:closed': 'gone',
	'oncall:cancelled': 'gone'
};

export function applyRaised(state: SchoolState, e: EventOf<'oncall:raised'>): void {
	if (state.requests.has(e.requestId)) return;
	state.requests.set(e.requestId, {
		id: e.requestId,
		status: 'raised',
		priority: e.priority,
		reason: e.reason,
		locationId: e.locationId,
		studentIds: e.studentIds,
		raisedBy: e.raisedBy,
		raisedAt: e.occurredAt,
		updatedAt: e.occurredAt,
		responderId: null
	});
}

/** Steps for a request that is not open are ignored here; the log keeps them regardless. */
export function applyStep(state: SchoolState, e: StepEvent): void {
	const request = state.requests.get(e.requestId);
	if (!request) return;
	const next = NEXT_STATUS[e.type];
	if (next === 'gone') {
		state.requests.delete(e.requestId);
		return;
	}
	request.status = next;
	request.updatedAt = e.occurredAt;
	if (e.type === 'oncall:dispatched') request.responderId = e.staffId;
	if (e.type === 'oncall:unacknowledged') request.responderId = null;
}

export function onCallView(state: SchoolState): OnCallItem[] {
	return [...state.requests.values()].map((r) => ({
		id: r.id,
		status: r.status,
		priority: r.priority,
		reason: r.reason,
		...roomRef(state, r.locationId),
		raisedAt: r.raisedAt,
		updatedAt: r.updatedAt,
		raisedBy: staffRef(state, r.raisedBy),
		responder: r.responderId === null ? null : staffRef(state, r.responderId),
		students: r.studentIds.map((id) => studentRef(state, id))
	}));
}
