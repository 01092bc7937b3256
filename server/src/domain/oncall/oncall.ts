import type { EventOf, OnCallPriority } from '../../../protocol';
import { dayAt } from '../school/duty';
import { localDate, localMoment } from '../calendar/local-time';
import { isOpen, nextStatus, RULE_OF, type StepEvent } from './request-machine';
import { periodAt } from '../school/school-day';
import type { Request, SchoolState } from '../school/state';

const RANK: Record<OnCallPriority, number> = { routine: 0, urgent: 1, emergency: 2 };

export function findRequest(state: SchoolState, id: string): Request | undefined {
	return state.requests.get(id) ?? state.ended.get(id);
}

/** The open call from the same room that a new one would be merged into, if any. */
export function mergeTarget(state: SchoolState, locationId: string, at: number): Request | undefined {
	const window = state.settings.mergeWindowSeconds * 1_000;
	if (window === 0) return undefined;
	for (const r of state.requests.values()) {
		const age = at - Date.parse(r.raisedAt);
		if (r.locationId === locationId && age >= 0 && age <= window) return r;
	}
	return undefined;
}

export function applyRaised(state: SchoolState, e: EventOf<'oncall:raised'>): string[] {
	if (findRequest(state, e.requestId)) return [];
	const at = Date.parse(e.occurredAt);
	const { date, minute } = localMoment(at, state.timezone);
	const request: Request = {
		id: e.requestId,
		status: 'raised',
		priority: e.priority,
		reason: e.reason,
		locationId: e.locationId,
		studentIds: e.studentIds,
		raisedBy: e.raisedBy,
		raisedAt: e.occurredAt,
		updatedAt: e.occurredAt,
		responderId: null,
		attendedBy: null,
		date,
		periodId: periodAt(state, date, minute)?.id ?? null,
		times: { acknowledged: null, dispatched: null, enRoute: null, onScene: null },
		timer: { rule: 'unacknowledged', from: at, level: 0 },
		escalation: null,
		escalations: 0,
		merged: [],
		eventIds: new Set([e.id]),
		ended: null
	};
	const into = mergeTarget(state, e.locationId, at);
	if (!into) {
		state.requests.set(request.id, request);
		return [request.id];
	}
	// The second call from a room is the same incident: it ends as a duplicate, and what it adds
	// (students, a higher priority) goes to the first.
	into.merged.push(request.id);
	into.studentIds = [...new Set([...into.studentIds, ...e.studentIds])];
	if (RANK[e.priority] > RANK[into.priority]) into.priority = e.priority;
	into.updatedAt = e.occurredAt;
	request.status = 'closed';
	request.ended = { at: e.occurredAt, disposition: 'duplicate', mergedInto: into.id };
	state.ended.set(request.id, request);
	return [into.id, request.id];
}

/**
 * Moves a call on by one step. Ingest refuses steps its status does not allow; one that reaches
 * the log anyway (two nodes racing) is ignored here, so replay stays deterministic.
 */
export function applyStep(state: SchoolState, e: StepEvent): void {
	const request = state.requests.get(e.requestId);
	if (!request) return;
	const next = nextStatus(request.status, e);
	if (next === null) return;
	const at = Date.parse(e.occurredAt);
	request.eventIds.add(e.id);
	request.updatedAt = e.occurredAt;
	request.status = next;
	switch (e.type) {
		case 'oncall:acknowledged':
			request.times.acknowledged ??= e.occurredAt;
			break;
		case 'oncall:unacknowledged':
			release(state, request, at);
			request.times.dispatched = request.times.enRoute = null;
			break;
		case 'oncall:dispatched':
			release(state, request, at);
			assign(state, request, e.staffId, at);
			request.times.dispatched = e.occurredAt;
			request.times.enRoute = null;
			break;
		case 'oncall:en-route':
			request.times.enRoute = e.occurredAt;
			break;
		case 'oncall:on-scene':
			request.times.onScene = e.occurredAt;
			break;
		case 'oncall:escalated':
			request.timer.level = Math.max(request.timer.level, e.level);
			request.escalation = { rule: e.rule, level: e.level, notify: e.notify, at: e.occurredAt };
			request.escalations += 1;
			return;
		case 'oncall:closed':
		case 'oncall:cancelled':
			release(state, request, at);
			request.ended = { at: e.occurredAt, disposition: e.type === 'oncall:closed' ? e.disposition : null, mergedInto: null };
			state.requests.delete(request.id);
			state.ended.set(request.id, request);
			return;
		case 'oncall:welfare-confirmed':
			break;
	}
	// A step into another rule's ground, or a responder's all-clear, starts the timer afresh;
	// dispatch and en route stay on the clock started by the acknowledgement.
	if (isOpen(next) && (RULE_OF[next] !== request.timer.rule || e.type === 'oncall:welfare-confirmed')) {
		request.timer = { rule: RULE_OF[next], from: at, level: 0 };
		request.escalation = null;
	}
}

/** Whether an event id already shaped a call: a resend to be let through as a duplicate. */
export function seenStep(state: SchoolState, requestId: string, eventId: string): boolean {
	return findRequest(state, requestId)?.eventIds.has(eventId) ?? false;
}

function assign(state: SchoolState, request: Request, staffId: string, at: number): void {
	request.responderId = request.attendedBy = staffId;
	state.assignments.set(staffId, request.id);
	const day = dayAt(state, at);
	state.dispatches.push({
		staffId,
		requestId: request.id,
		date: localDate(at, state.timezone),
		freePeriod: day.period?.kind === 'lesson' && !day.teaching.has(staffId) && !day.onDuty.has(staffId)
	});
}

function release(state: SchoolState, request: Request, at: number): void {
	if (request.responderId === null) return;
	if (state.assignments.get(request.responderId) === request.id) state.assignments.delete(request.responderId);
	if (request.times.onScene) state.lastCall.set(request.responderId, { roomId: request.locationId, at });
	request.responderId = null;
}
