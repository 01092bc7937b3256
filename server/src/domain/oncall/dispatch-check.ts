import type { DutyStatus, EventOf, InboundEvent, StaffStatus } from '../../../protocol';
import { dayAt, isOffDuty } from '../school/duty';
import { localDate, minuteOfDay } from '../calendar/local-time';
import { findRequest, mergeTarget, seenStep } from './oncall';
import { nextStatus, type StepEvent } from './request-machine';
import { lessonsOn } from '../school/school-day';
import { staffStatusOf } from './staff';
import { staffMayDo } from './staff-machine';
import type { RequestStatus, SchoolState } from '../school/state';

export type DispatchErrorCode = 'invalid_transition' | 'unknown_request' | 'staff_unavailable' | 'invalid_body';

export interface DispatchProblem {
	index: number;
	code: DispatchErrorCode;
	/** The field at fault, e.g. `requestId`. */
	field: string;
	message: string;
}

const STEP_TYPES = new Set<string>([
	'oncall:acknowledged',
	'oncall:unacknowledged',
	'oncall:dispatched',
	'oncall:en-route',
	'oncall:on-scene',
	'oncall:closed',
	'oncall:cancelled',
	'oncall:welfare-confirmed',
	'oncall:escalated'
]);

const CHECKED = new Set<string>([...STEP_TYPES, 'oncall:raised', 'staff:status-changed', 'duty:cover-taken']);

/** Whether a batch holds anything dispatch must check against the live state. */
export function needsDispatchCheck(events: readonly InboundEvent[]): boolean {
	return events.some((e) => CHECKED.has(e.type));
}

/**
 * What the batch's dispatch steps would do to the state, in order: calls and staff as earlier
 * events in the same batch leave them. Never writes to the state.
 */
class Draft {
	#calls = new Map<string, { status: RequestStatus; responderId: string | null }>();
	#assigned = new Map<string, string | null>();
	#duty = new Map<string, DutyStatus>();

	constructor(readonly state: SchoolState) {}

	call(id: string) {
		const drafted = this.#calls.get(id);
		if (drafted) return drafted;
		const held = findRequest(this.state, id);
		return held ? { status: held.status, responderId: held.responderId } : undefined;
	}

	setCall(id: string, status: RequestStatus, responderId: string | null): void {
		const before = this.call(id);
		if (before?.responderId && before.responderId !== responderId) this.#assigned.set(before.responderId, null);
		if (responderId) this.#assigned.set(responderId, id);
		this.#calls.set(id, { status, responderId });
	}

	setDuty(staffId: string, status: DutyStatus): void {
		this.#duty.set(staffId, status);
	}

	staffStatus(staffId: string, at: number): StaffStatus {
		const callId = this.#assigned.has(staffId) ? this.#assigned.get(staffId) : this.state.assignments.get(staffId);
		const call = callId ? this.call(callId) : undefined;
		const date = localDate(at, this.state.timezone);
		const offDuty = this.#duty.has(staffId) ? this.#duty.get(staffId) === 'off_duty' : isOffDuty(this.state, staffId, date);
		const day = dayAt(this.state, at);
		return staffStatusOf(call?.status, offDuty, day.teaching.has(staffId), day.supervising.has(staffId));
	}

	/** What a status means for sending someone, in words: supervising names the room. */
	describe(staffId: string, status: StaffStatus, at: number): string {
		if (status !== 'supervising') return status.replace('_', ' ');
		const roomId = dayAt(this.state, at).supervising.get(staffId) ?? '';
		return `supervising ${this.state.rooms.get(roomId)?.name ?? roomId}`;
	}
}

const problem = (index: number, code: DispatchErrorCode, field: string, message: string): DispatchProblem => ({ index, code, field, message });

function checkStep(draft: Draft, e: StepEvent, index: number): DispatchProblem | null {
	const call = draft.call(e.requestId);
	if (!call) return problem(index, 'unknown_request', 'requestId', `no call ${e.requestId} has been raised`);
	const next = nextStatus(call.status, e);
	if (next === null) {
		return problem(index, 'invalid_transition', 'type', `call ${e.requestId} is ${call.status.replace('_', ' ')}: ${e.type} cannot follow it`);
	}
	let responderId = next === 'raised' || next === 'closed' || next === 'cancelled' ? null : call.responderId;
	if (e.type === 'oncall:dispatched') {
		if (!draft.state.staff.has(e.staffId)) return problem(index, 'invalid_body', 'staffId', `no member of staff has id ${e.staffId}`);
		const at = Date.parse(e.occurredAt);
		const status = draft.staffStatus(e.staffId, at);
		if (!staffMayDo(status, 'dispatch')) {
			return problem(
				index,
				'staff_unavailable',
				'staffId',
				`${draft.state.staff.get(e.staffId)?.code ?? e.staffId} is ${draft.describe(e.staffId, status, at)} and cannot be sent`
			);
		}
		responderId = e.staffId;
	}
	draft.setCall(e.requestId, next, responderId);
	return null;
}

function checkDutyStatus(draft: Draft, e: EventOf<'staff:status-changed'>, index: number): DispatchProblem | null {
	if (!draft.state.staff.has(e.staffId)) return problem(index, 'invalid_body', 'staffId', `no member of staff has id ${e.staffId}`);
	const status = draft.staffStatus(e.staffId, Date.parse(e.occurredAt));
	if (!staffMayDo(status, e.status)) {
		return problem(
			index,
			'staff_unavailable',
			'status',
			`${e.status.replace('_', ' ')} cannot be set while ${status.replace('_', ' ')}: end or pass on the call first`
		);
	}
	draft.setDuty(e.staffId, e.status);
	return null;
}

function checkCover(state: SchoolState, e: EventOf<'duty:cover-taken'>, index: number): DispatchProblem | null {
	if (!state.staff.has(e.staffId)) return problem(index, 'invalid_body', 'staffId', `no member of staff has id ${e.staffId}`);
	const period = state.periods.find((p) => p.id === e.periodId);
	if (!period) return problem(index, 'invalid_body', 'periodId', `no period has id ${e.periodId}`);
	const lesson = lessonsOn(state, e.date).find(
		(l) => l.staffId === e.staffId && l.periodId === e.periodId && (l.exemption === undefined || l.exemption === 'cover')
	);
	if (lesson) return problem(index, 'staff_unavailable', 'periodId', `teaches ${lesson.classId} in ${period.name} on ${e.date}`);
	return minuteOfDay(period.startsAt) < minuteOfDay(period.endsAt) ? null : problem(index, 'invalid_body', 'periodId', 'the period has no length');
}

/**
 * Checks a batch's on-call steps, staff statuses and cover against each school's live state
 * and every earlier event of the batch: the first problem, or null when all may be stored. A
 * resend of a step already applied passes (the store drops it as a duplicate).
 */
export function checkDispatch(stateOf: (schoolId: string) => SchoolState, events: readonly InboundEvent[]): DispatchProblem | null {
	const drafts = new Map<string, Draft>();
	for (const [index, e] of events.entries()) {
		if (!CHECKED.has(e.type)) continue;
		let draft = drafts.get(e.schoolId);
		if (!draft) drafts.set(e.schoolId, (draft = new Draft(stateOf(e.schoolId))));
		const found = checkOne(draft, e, index);
		if (found) return found;
	}
	return null;
}

function checkOne(draft: Draft, e: InboundEvent, index: number): DispatchProblem | null {
	switch (e.type) {
		case 'oncall:raised':
			return checkRaise(draft, e, index);
		case 'staff:status-changed':
			return checkDutyStatus(draft, e, index);
		case 'duty:cover-taken':
			return checkCover(draft.state, e, index);
		default:
			if (!STEP_TYPES.has(e.type)) return null;
			return seenStep(draft.state, (e as StepEvent).requestId, e.id) ? null : checkStep(draft, e as StepEvent, index);
	}
}

function checkRaise(draft: Draft, e: EventOf<'oncall:raised'>, index: number): DispatchProblem | null {
	if (seenStep(draft.state, e.requestId, e.id)) return null;
	if (draft.call(e.requestId)) return problem(index, 'invalid_transition', 'requestId', `a call ${e.requestId} was already raised`);
	// A second call from a room within the merge window ends at once as a duplicate of the first.
	const merges = mergeTarget(draft.state, e.locationId, Date.parse(e.occurredAt)) !== undefined;
	draft.setCall(e.requestId, merges ? 'closed' : 'raised', null);
	return null;
}
