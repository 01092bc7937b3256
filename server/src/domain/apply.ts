import type { FeedName, StoredEvent } from '../../protocol';
import { FEED_NAMES } from '../../protocol';
import { applyFound, applyLateArrival, applyRegister, applySessionMarks } from './attendance';
import { applyBehaviour } from './behaviour';
import { applyRaised, applyStep } from './oncall';
import { applyReference } from './reference';
import { applyBooked, applyCheckedIn, applyCheckedOut, applySupervisor } from './reflection';
import { applyStaffStatus } from './staff';
import type { SchoolState } from './state';

/**
 * Applies one logged event to its school's state and says which feeds may have changed.
 * Deterministic: the same log always rebuilds the same state.
 */
export function applyEvent(state: SchoolState, stored: StoredEvent): readonly FeedName[] {
	state.position = stored.position;
	const e = stored.event;
	switch (e.type) {
		case 'reference:updated':
			applyReference(state, e);
			return FEED_NAMES;
		case 'behaviour:recorded':
			applyBehaviour(state, e);
			return ['behaviour', 'rooms', 'support'];
		case 'register:taken':
			applyRegister(state, e);
			return ['registers', 'truancy', 'arrivals'];
		case 'session:marked':
			applySessionMarks(state, e);
			return ['truancy', 'arrivals'];
		case 'student:arrived-late':
			applyLateArrival(state, e);
			return ['arrivals'];
		case 'student:found':
			applyFound(state, e);
			return ['truancy'];
		case 'oncall:raised':
			applyRaised(state, e);
			return ['oncall', 'rooms'];
		case 'oncall:acknowledged':
		case 'oncall:unacknowledged':
		case 'oncall:dispatched':
		case 'oncall:en-route':
		case 'oncall:on-scene':
		case 'oncall:closed':
		case 'oncall:cancelled':
			applyStep(state, e);
			return ['oncall', 'rooms'];
		case 'reflection:booked':
			applyBooked(state, e);
			return ['reflection', 'truancy', 'support'];
		case 'reflection:supervisor-assigned':
			applySupervisor(state, e);
			return ['reflection'];
		case 'reflection:checked-in':
		case 'reflection:checked-out':
			if (e.type === 'reflection:checked-in') applyCheckedIn(state, e);
			else applyCheckedOut(state, e);
			return ['reflection', 'truancy'];
		case 'staff:status-changed':
			applyStaffStatus(state, e);
			return ['staff'];
	}
}
