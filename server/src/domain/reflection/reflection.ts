import type { EventOf, ReflectionItem } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { roomRef, staffRef, studentRef } from '../school/refs';
import { lessonsOn, periodsOn } from '../school/school-day';
import type { Booking, SchoolState } from '../school/state';

/** A booking sent again (changed time or room) keeps its check-in and check-out; a cancelled one stays cancelled. */
export function applyBooked(state: SchoolState, e: EventOf<'reflection:booked'>): void {
	if (state.clearedBookings.has(e.bookingId)) return;
	const previous = state.bookings.get(e.bookingId);
	state.bookings.set(e.bookingId, {
		id: e.bookingId,
		studentId: e.studentId,
		roomId: e.roomId,
		periodId: e.periodId,
		startsAt: Date.parse(e.startsAt),
		endsAt: Date.parse(e.endsAt),
		reason: e.reason,
		checkedInAt: previous?.checkedInAt ?? null,
		checkedOutAt: previous?.checkedOutAt ?? null,
		...(e.lessonId ? { lessonId: e.lessonId } : {}),
		...(e.source ? { source: e.source } : {})
	});
}

export function applyCheckedIn(state: SchoolState, e: EventOf<'reflection:checked-in'>): void {
	const booking = state.bookings.get(e.bookingId);
	if (booking && !booking.checkedInAt) booking.checkedInAt = e.occurredAt;
}

export function applyCheckedOut(state: SchoolState, e: EventOf<'reflection:checked-out'>): void {
	const booking = state.bookings.get(e.bookingId);
	if (!booking?.checkedInAt || booking.checkedOutAt) return;
	booking.checkedOutAt = e.occurredAt;
}

export function applySupervisor(state: SchoolState, e: EventOf<'reflection:supervisor-assigned'>): void {
	state.supervisors.set(`${e.roomId}|${e.date}|${e.periodId}`, e.staffId);
}

/** The room of the lesson a student goes back to: the first of theirs after the booking ends. */
function returnsTo(state: SchoolState, b: Booking, date: string): string | null {
	const next = lessonsOn(state, date).find((l) => Date.parse(l.startsAt) >= b.endsAt && l.studentIds.includes(b.studentId));
	return next ? roomRef(state, next.roomId).roomName : null;
}

/**
 * Each Reflection Room today: who is in it against its capacity, who is expected, where each
 * student returns to, and for every period with bookings whether somebody supervises it.
 */
export function reflectionView(state: SchoolState, now: number): ReflectionItem[] {
	const today = localDate(now, state.timezone);
	const ids = new Set(state.reflectionRooms.keys());
	const todays = [...state.bookings.values()].filter((b) => localDate(b.startsAt, state.timezone) === today);
	for (const b of todays) ids.add(b.roomId);
	return [...ids].map((id) => {
		const capacity = state.reflectionRooms.get(id)?.capacity ?? 0;
		const bookings = todays.filter((b) => b.roomId === id);
		const occupants = bookings
			.filter((b) => b.checkedInAt && !b.checkedOutAt)
			.map((b) => ({ bookingId: b.id, student: studentRef(state, b.studentId), checkedInAt: b.checkedInAt as string, returnsTo: returnsTo(state, b, today) }));
		const periods = periodsOn(state, today)
			.map((p) => {
				const staffId = state.supervisors.get(`${id}|${today}|${p.id}`) ?? null;
				const booked = bookings.filter((b) => b.periodId === p.id).length;
				return { periodId: p.id, name: p.name, booked, supervisor: staffId ? staffRef(state, staffId) : null, unsupervised: booked > 0 && !staffId };
			})
			.filter((p) => p.booked > 0 || p.supervisor);
		return {
			id,
			name: state.rooms.get(id)?.name ?? id,
			capacity,
			occupants,
			expected: bookings.filter((b) => !b.checkedInAt && b.startsAt <= now && now < b.endsAt).length,
			overCapacity: capacity > 0 && occupants.length > capacity,
			periods
		};
	});
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
