import type { EventOf, StaffItem, StaffStatus } from '../../../protocol';
import { dayAt, isOffDuty, type DayAt } from '../school/duty';
import { localDate } from '../calendar/local-time';
import { derivedFor } from '../school/derived';
import { getOrCreate, type RequestStatus, type SchoolState } from '../school/state';

export function applyDutyStatus(state: SchoolState, e: EventOf<'staff:status-changed'>): void {
	state.duty.set(e.staffId, { status: e.status, date: localDate(Date.parse(e.occurredAt), state.timezone), at: e.occurredAt });
}

export function applyCover(state: SchoolState, e: EventOf<'duty:cover-taken'>): void {
	getOrCreate(state.cover, `${e.date}|${e.periodId}`, () => new Map()).set(e.staffId, e.role);
}

export interface StaffNow {
	status: StaffStatus;
	locationId: string | null;
	requestId: string | null;
}

/**
 * Where a member of staff is in the dispatch loop: on a call, off duty by their own word,
 * supervising a Reflection Room this period, teaching by the timetable, or else available. Their
 * place is the call's room, the Reflection Room, the room they teach in, wherever they were last
 * (their last call or last lesson, whichever was later), or else their base office.
 */
export function staffNow(state: SchoolState, staffId: string, day: DayAt): StaffNow {
	const requestId = state.assignments.get(staffId) ?? null;
	const call = requestId === null ? undefined : state.requests.get(requestId);
	const status = staffStatusOf(call?.status, isOffDuty(state, staffId, day.date), day.teaching.has(staffId), day.supervising.has(staffId));
	switch (status) {
		case 'supervising':
			return { status, locationId: day.supervising.get(staffId) ?? null, requestId: null };
		case 'on_scene':
			return { status, locationId: call?.locationId ?? null, requestId };
		// Dispatched or en route, they are still where they were: the suggestion's walk starts there.
		case 'dispatched':
		case 'en_route':
			return { status, locationId: lastPlace(state, staffId, day), requestId };
		case 'off_duty':
			return { status, locationId: null, requestId: null };
		default:
			return { status, locationId: lastPlace(state, staffId, day), requestId: null };
	}
}

/**
 * Which status wins: their open call, then their own word, then the Reflection Room (assigned for
 * the day, so newer than the weekly timetable), then the timetable.
 */
export function staffStatusOf(call: RequestStatus | undefined, offDuty: boolean, teaching: boolean, supervising = false): StaffStatus {
	if (call === 'dispatched' || call === 'en_route' || call === 'on_scene') return call;
	if (offDuty) return 'off_duty';
	if (supervising) return 'supervising';
	return teaching ? 'teaching' : 'available';
}

function lastPlace(state: SchoolState, staffId: string, day: DayAt): string | null {
	const lesson = day.teaching.get(staffId);
	if (lesson) return lesson.roomId;
	const call = state.lastCall.get(staffId);
	const taught = day.lastTaught.get(staffId);
	if (call && localDate(call.at, state.timezone) === day.date && (!taught || call.at >= taught.at)) return call.roomId;
	return taught?.roomId ?? state.staff.get(staffId)?.baseRoomId ?? null;
}

export function staffView(state: SchoolState, now: number): StaffItem[] {
	const day = dayAt(state, now);
	const interrupted = new Map<string, number>();
	for (const d of state.dispatches) if (d.freePeriod && d.date === day.date) interrupted.set(d.staffId, (interrupted.get(d.staffId) ?? 0) + 1);
	return derivedFor(state, 'school', 'staff by code', () => [...state.staff.values()].sort((a, b) => a.code.localeCompare(b.code))).map((member) => {
		const current = staffNow(state, member.id, day);
		return {
			id: member.id,
			code: member.code,
			name: [member.title, member.familyName].filter(Boolean).join(' '),
			status: current.status,
			locationId: current.locationId,
			roomName: current.locationId === null ? null : (state.rooms.get(current.locationId)?.name ?? current.locationId),
			duty: day.onDuty.get(member.id) ?? null,
			requestId: current.requestId,
			freePeriodsInterrupted: interrupted.get(member.id) ?? 0
		};
	});
}
