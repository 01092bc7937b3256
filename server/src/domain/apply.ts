import type { StoredEvent } from '../../protocol';
import { applyAccess } from './access/access';
import { applyFound, applyLateArrival, applyRegister, applySessionMarks } from './attendance/attendance';
import { applyBehaviour } from './behaviour/behaviour';
import { applyBehaviourHistory } from './behaviour/behaviour-history';
import { applyActionDone, applyPlanRecorded, applyPlanReviewed, applyTapMinuted } from './plans/plans';
import { applyCallLogged, applyContacts } from './attendance/first-day-calls';
import { applyLetterSent, applyTemplateSet } from './attendance/minutes-late-letters';
import { applyMarkCorrections, applyParentTold } from './attendance/corrections';
import { applyIntervention, applyRagSent, applyTerms } from './attendance/pa-rag-log';
import { forgetMarksUnder, markSuspendedSessions, unmarkLiftedSessions } from './attendance/suspended-sessions';
import {
	applySuspensionAmended,
	applySuspensionNotified,
	applySuspensionRecorded,
	applySuspensionTemplateSet,
	applySuspensionWithdrawn
} from './suspensions/suspensions';
import { applyDevicePaired, applyDeviceRevoked } from './school/devices';
import { applyRaised, applyStep } from './oncall/oncall';
import { applyReference } from './school/reference';
import { applyBooked, applyCheckedIn, applyCheckedOut, applySupervisor } from './reflection/reflection';
import { applyCancelled } from './reflection/cancel';
import { applyCoverRequested, applyCoverTaken } from './reflection/cover';
import { forgetDerived } from './school/derived';
import { applyCover, applyDutyStatus } from './oncall/staff';
import type { SchoolState } from './school/state';
import { ALL_FEEDS, allOf, type Touched } from './school/touched';

/**
 * Applies one logged event to its school's state and says what may have changed.
 * Deterministic: the same log always rebuilds the same state.
 */
export function applyEvent(state: SchoolState, stored: StoredEvent): Touched {
	const touched = applyTo(state, stored);
	forgetDerived(state, touched);
	return touched;
}

function applyTo(state: SchoolState, stored: StoredEvent): Touched {
	state.position = stored.position;
	const e = stored.event;
	switch (e.type) {
		case 'reference:updated':
			applyReference(state, e);
			applyContacts(state, e);
			applyTerms(state, e);
			return ALL_FEEDS;
		case 'behaviour:recorded': {
			const evicted = applyBehaviour(state, e);
			applyBehaviourHistory(state, e);
			return { behaviour: [e.id, ...evicted], rooms: [e.locationId], support: e.studentIds };
		}
		case 'register:taken':
			applyRegister(state, e);
			return allOf('registers', 'truancy', 'arrivals');
		case 'session:marked':
			applyMarkCorrections(state, e);
			forgetMarksUnder(state, e);
			applySessionMarks(state, e);
			markSuspendedSessions(state, [e.date]);
			return allOf('truancy', 'arrivals', 'firstDayCalls');
		case 'student:arrived-late':
			applyLateArrival(state, e);
			return allOf('arrivals');
		case 'student:found':
			applyFound(state, e);
			return allOf('truancy');
		case 'oncall:raised': {
			const merged = applyRaised(state, e).length > 1;
			return { oncall: 'all', rooms: [e.locationId], ...(merged ? { oncallLog: 'all' } : {}) };
		}
		case 'oncall:acknowledged':
		case 'oncall:unacknowledged':
		case 'oncall:dispatched':
		case 'oncall:en-route':
		case 'oncall:on-scene':
		case 'oncall:closed':
		case 'oncall:cancelled':
		case 'oncall:welfare-confirmed':
		case 'oncall:escalated': {
			const room = state.requests.get(e.requestId)?.locationId;
			applyStep(state, e);
			const ended = e.type === 'oncall:closed' || e.type === 'oncall:cancelled';
			// Sending, ending or re-dispatching a call changes who is free, and so every suggestion.
			return { oncall: 'all', rooms: room ? [room] : [], staff: 'all', ...(ended ? { oncallLog: 'all' } : {}) };
		}
		case 'duty:cover-taken':
			applyCover(state, e);
			return allOf('staff', 'oncall');
		case 'reflection:booked':
			applyBooked(state, e);
			return { reflection: 'all', truancy: 'all', support: [e.studentId] };
		case 'reflection:supervisor-assigned':
			applySupervisor(state, e);
			// A supervisor is in the Reflection Room, not free: the staff board and suggestions change.
			return allOf('reflection', 'staff', 'oncall');
		case 'reflection:cover-requested':
			applyCoverRequested(state, e);
			return allOf('reflection');
		case 'reflection:cover-taken':
			applyCoverTaken(state, e);
			// The one who took it supervises the period, as an assigned supervisor would.
			return allOf('reflection', 'staff', 'oncall');
		case 'reflection:checked-in':
		case 'reflection:checked-out':
			if (e.type === 'reflection:checked-in') applyCheckedIn(state, e);
			else applyCheckedOut(state, e);
			return allOf('reflection', 'truancy');
		case 'reflection:cancelled': {
			const studentId = applyCancelled(state, e);
			// Gone from the room, from the no-shows and from the week's repeat bookings.
			return studentId ? { reflection: 'all', truancy: 'all', support: [studentId] } : {};
		}
		case 'staff:status-changed':
			applyDutyStatus(state, e);
			return allOf('staff', 'oncall');
		case 'attendance:call-logged':
			applyCallLogged(state, e);
			return allOf('firstDayCalls');
		case 'attendance:template-set':
			applyTemplateSet(state, e);
			return {};
		case 'attendance:letter-sent':
			applyLetterSent(state, e);
			return {};
		case 'attendance:parent-told':
			applyParentTold(state, e);
			return {};
		case 'attendance:intervention-logged':
			applyIntervention(state, e);
			return {};
		case 'attendance:rag-sent':
			applyRagSent(state, e);
			return {};
		case 'plan:recorded':
			applyPlanRecorded(state, e);
			return {};
		case 'plan:action-done':
			applyActionDone(state, e);
			return {};
		case 'plan:reviewed':
			applyPlanReviewed(state, e);
			return {};
		case 'tap:minuted':
			applyTapMinuted(state, e);
			return {};
		case 'suspension:recorded':
			markSuspendedSessions(state, applySuspensionRecorded(state, e));
			return allOf('truancy', 'arrivals', 'firstDayCalls');
		case 'suspension:amended':
		case 'suspension:withdrawn': {
			const dates = e.type === 'suspension:amended' ? applySuspensionAmended(state, e) : applySuspensionWithdrawn(state, e);
			unmarkLiftedSessions(state, dates);
			markSuspendedSessions(state, dates);
			return allOf('truancy', 'arrivals', 'firstDayCalls');
		}
		case 'suspension:notified':
			applySuspensionNotified(state, e);
			return {};
		case 'suspension:template-set':
			applySuspensionTemplateSet(state, e);
			return {};
		case 'device:paired':
			applyDevicePaired(state, e);
			return {};
		case 'device:revoked':
			applyDeviceRevoked(state, e);
			return {};
		case 'user:added':
		case 'user:password-set':
		case 'user:removed':
		case 'user:signed-out-everywhere':
		case 'session:started':
		case 'session:ended':
		case 'integration-key:issued':
		case 'integration-key:revoked':
		case 'school:trust-set':
		case 'audit:recorded':
			applyAccess(state.access, e);
			return {};
	}
}
