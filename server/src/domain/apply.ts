import type { StoredEvent } from '../../protocol';
import { applyFound, applyLateArrival, applyRegister, applySessionMarks } from './attendance';
import { applyBehaviour } from './behaviour';
import { applyRaised, applyStep } from './oncall';
import { applyReference } from './reference';
import { applyBooked, applyCheckedIn, applyCheckedOut, applySupervisor } from './reflection';
import { applyStaffStatus } from './staff';
import type { SchoolState } from './state';
import { ALL_FEEDS, allOf, type Touched } from './touched';

/**
 * Applies one logged event to its school's state and says what may have changed.
 * Deterministic: the same log always rebuilds the same state.
 */
export function applyEvent(state: SchoolState, stored: StoredEvent): Touched {
	state.position = stored.position;
	const e = stored.event;
	switch (e.type) {
		case 'reference:updated':
			applyReference(state, e);
			return ALL_FEEDS;
		case 'behaviour:recorded': {
			const evicted = applyBehaviour(state, e);
			return { behaviour: [e.id, ...evicted], rooms: [e.locationId], support: e.studentIds };
		}
		case 'register:taken':
			applyRegister(state, e);
			return allOf('registers', 'truancy', 'arrivals');
		case 'session:marked':
			applySessionMarks(state, e);
			return allOf('truancy', 'arrivals');
		case 'student:arrived-late':
			applyLateArrival(state, e);
			return allOf('arrivals');
		case 'student:found':
			applyFound(state, e);
			return allOf('truancy');
		case 'oncall:raised':
			applyRaised(state, e);
			return { oncall: 'all', rooms: [e.locationId] };
		case 'oncall:acknowledged':
		case 'oncall:unacknowledged':
		case 'oncall:dispatched':
		case 'oncall:en-route':
		case 'oncall:on-scene':
		case 'oncall:closed':
		case 'oncall:cancelled': {
			const room = state.requests.get(e.requestId)?.locationId;
			applyStep(state, e);
			return { oncall: 'all', rooms: room ? [room] : [] };
		}
		case 'reflection:booked':
			applyBooked(state, e);
			return { reflection: 'all', truancy: 'all', support: [e.studentId] };
		case 'reflection:supervisor-assigned':
			applySupervisor(state, e);
			return allOf('reflection');
		case 'reflection:checked-in':
		case 'reflection:checked-out':
			if (e.type === 'reflection:checked-in') applyCheckedIn(state, e);
			else applyCheckedOut(state, e);
			return allOf('reflection', 'truancy');
		case 'staff:status-changed':
			applyStaffStatus(state, e);
			return { staff: [e.staffId] };
	}
}
