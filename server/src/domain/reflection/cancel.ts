import type { EventOf, InboundEvent } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { getOrCreate, type SchoolState } from '../school/state';

/**
 * A booking withdrawn: it leaves the room (occupants, expected, supervised periods, no-shows,
 * repeat bookings) and is kept as a sanction cleared on the day of the cancel. The desk refuses
 * a cancel of an unknown, checked-out or cancelled booking first (`checkCancels`); one that
 * reaches the log anyway changes nothing. Gives the student whose slate was cleared, or null.
 */
export function applyCancelled(state: SchoolState, e: EventOf<'reflection:cancelled'>): string | null {
	const booking = state.bookings.get(e.bookingId);
	if (!booking || booking.checkedOutAt) return null;
	state.bookings.delete(e.bookingId);
	const cleared = {
		bookingId: booking.id,
		studentId: booking.studentId,
		roomId: booking.roomId,
		periodId: booking.periodId,
		startsAt: booking.startsAt,
		bookedFor: booking.reason,
		reason: e.reason,
		by: e.by,
		at: e.occurredAt,
		eventId: e.id
	};
	state.clearedBookings.set(e.bookingId, cleared);
	getOrCreate(state.sanctionsCleared, localDate(Date.parse(e.occurredAt), state.timezone), () => []).push(cleared);
	return booking.studentId;
}

export type CancelErrorCode = 'not_found' | 'invalid_transition';

/** Why a cancel cannot be stored, naming the field at fault (the event's index in a batch). */
export interface CancelProblem {
	index: number;
	code: CancelErrorCode;
	field: 'bookingId';
	message: string;
}

/** What a batch's earlier events do to its bookings, before any of it is stored. */
interface Draft {
	booked: Set<string>;
	checkedIn: Set<string>;
	checkedOut: Set<string>;
	cancelled: Set<string>;
}

const newDraft = (): Draft => ({ booked: new Set(), checkedIn: new Set(), checkedOut: new Set(), cancelled: new Set() });

/** Whether a batch holds a cancel, which is checked against the school's bookings. */
export function needsCancelCheck(events: readonly InboundEvent[]): boolean {
	return events.some((e) => e.type === 'reflection:cancelled');
}

/** Why this cancel may not be stored, given the state and the batch so far; null when it may. */
export function cancelProblem(
	state: SchoolState,
	e: Pick<EventOf<'reflection:cancelled'>, 'id' | 'bookingId'>,
	draft: Draft = newDraft()
): Omit<CancelProblem, 'index'> | null {
	const id = e.bookingId;
	const cleared = state.clearedBookings.get(id);
	// A resend of the cancel already stored passes: the store drops it as a duplicate.
	if (cleared?.eventId === e.id) return null;
	if (cleared || draft.cancelled.has(id)) return { code: 'invalid_transition', field: 'bookingId', message: `booking ${id} was already cancelled` };
	const booking = state.bookings.get(id);
	if (!booking && !draft.booked.has(id)) return { code: 'not_found', field: 'bookingId', message: `no Reflection Room booking has id ${id}` };
	if (booking?.checkedOutAt || draft.checkedOut.has(id)) {
		return { code: 'invalid_transition', field: 'bookingId', message: `booking ${id} is checked out: a sanction served cannot be cleared` };
	}
	return null;
}

/**
 * Checks a batch's cancels against each school's bookings and every earlier event of the batch
 * (a booking and its cancel may come together): the first problem, or null when all may be
 * stored. Never writes to the state.
 */
export function checkCancels(stateOf: (schoolId: string) => SchoolState, events: readonly InboundEvent[]): CancelProblem | null {
	if (!needsCancelCheck(events)) return null;
	const drafts = new Map<string, Draft>();
	for (const [index, e] of events.entries()) {
		const draft = getOrCreate(drafts, e.schoolId, newDraft);
		const state = stateOf(e.schoolId);
		switch (e.type) {
			case 'reflection:booked':
				if (!state.clearedBookings.has(e.bookingId)) draft.booked.add(e.bookingId);
				break;
			case 'reflection:checked-in':
				draft.checkedIn.add(e.bookingId);
				break;
			case 'reflection:checked-out':
				if (state.bookings.get(e.bookingId)?.checkedInAt || draft.checkedIn.has(e.bookingId)) draft.checkedOut.add(e.bookingId);
				break;
			case 'reflection:cancelled': {
				const found = cancelProblem(state, e, draft);
				if (found) return { index, ...found };
				draft.cancelled.add(e.bookingId);
				break;
			}
			default:
				break;
		}
	}
	return null;
}
