import type { EventOf, ReflectionItem } from '../../protocol';
import { localDate } from './local-time';
import { studentRef } from './refs';
import type { SchoolState } from './state';

export function applyBooked(state: SchoolState, e: EventOf<'reflection:booked'>): void {
	state.bookings.set(e.bookingId, {
		id: e.bookingId,
		studentId: e.studentId,
		roomId: e.roomId,
		periodId: e.periodId,
		startsAt: Date.parse(e.startsAt),
		endsAt: Date.parse(e.endsAt),
		checkedInAt: null,
		checkedOutAt: null
	});
}

export function applyCheckedIn(state: SchoolState, e: EventOf<'reflection:checked-in'>): void {
	const booking = state.bookings.get(e.bookingId);
	if (booking && !booking.checkedInAt) booking.checkedInAt = e.occurredAt;
}

export function applyCheckedOut(state: SchoolState, e: EventOf<'reflection:checked-out'>): void {
	const booking = state.bookings.get(e.bookingId);
	if (booking?.checkedInAt && !booking.checkedOutAt) booking.checkedOutAt = e.occurredAt;
}

/** Occupancy of each Reflection Room today against its capacity. */
export function reflectionView(state: SchoolState, now: number): ReflectionItem[] {
	const today = localDate(now, state.timezone);
	const rooms = new Map<string, ReflectionItem>();
	const room = (id: string) => {
		let item = rooms.get(id);
		if (!item) {
			item = {
				id,
				name: state.rooms.get(id)?.name ?? id,
				capacity: state.reflectionRooms.get(id)?.capacity ?? 0,
				occupants: [],
				expected: 0
			};
			rooms.set(id, item);
		}
		return item;
	};
	for (const id of state.reflectionRooms.keys()) room(id);
	for (const b of state.bookings.values()) {
		if (localDate(b.startsAt, state.timezone) !== today) continue;
		if (b.checkedInAt && !b.checkedOutAt) {
			room(b.roomId).occupants.push({ bookingId: b.id, student: studentRef(state, b.studentId), checkedInAt: b.checkedInAt });
		} else if (!b.checkedInAt && b.startsAt <= now && now < b.endsAt) {
			room(b.roomId).expected += 1;
		}
	}
	return [...rooms.values()];
}

export function reflectionDeadlines(state: SchoolState, date: string): number[] {
	const noShow = state.settings.reflectionNoShowMinutes * 60_000;
	const out: number[] = [];
	for (const b of state.bookings.values()) {
		if (b.checkedInAt || localDate(b.startsAt, state.timezone) !== date) continue;
		out.push(b.startsAt, b.startsAt + noShow, b.endsAt);
	}
	return out;
}
