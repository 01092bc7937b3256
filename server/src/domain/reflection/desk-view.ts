import type { ReflectionBookingRow, ReflectionDeskReport, ReflectionRotaCell, ReflectionStudentReport } from '../../../protocol';
import { addDays } from '../calendar/dates';
import { localDate } from '../calendar/local-time';
import { staffRef, studentRef } from '../school/refs';
import { lessonsOn } from '../school/school-day';
import type { Booking, ClearedBooking, SchoolState } from '../school/state';
import { describeLesson, lessonOf, lessonPeriodsOn, occupancyOf } from './booking';

function sourceText(b: Booking): string {
	if (!b.source) return 'behaviour system';
	if (b.source.kind === 'by_hand') return 'by hand';
	return b.source.kind === 'behaviour' ? `incident ${b.source.eventId}` : `on-call ${b.source.requestId}`;
}

function statusOf(state: SchoolState, b: Booking, now: number): ReflectionBookingRow['status'] {
	if (b.checkedOutAt) return 'served';
	if (b.checkedInAt) return 'in_room';
	return now >= b.startsAt + state.settings.reflectionNoShowMinutes * 60_000 ? 'no_show' : 'booked';
}

function rowOf(state: SchoolState, b: Booking | ClearedBooking, now: number, cancelled: boolean): ReflectionBookingRow {
	const id = 'id' in b ? b.id : b.bookingId;
	const date = localDate(b.startsAt, state.timezone);
	const live = 'id' in b ? b : null;
	const endsAt = live?.endsAt ?? b.startsAt;
	const missed = live?.lessonId ? lessonsOn(state, date).find((l) => l.id === live.lessonId) : lessonOf(state, b.studentId, date, b.periodId);
	const back = lessonsOn(state, date).find((l) => Date.parse(l.startsAt) >= endsAt && l.studentIds.includes(b.studentId));
	return {
		bookingId: id,
		student: studentRef(state, b.studentId),
		roomId: b.roomId,
		date,
		periodId: b.periodId,
		period: state.periods.find((p) => p.id === b.periodId)?.name ?? b.periodId,
		startsAt: new Date(b.startsAt).toISOString(),
		endsAt: new Date(endsAt).toISOString(),
		reason: 'id' in b ? b.reason : b.bookedFor,
		lessonMissed: missed ? describeLesson(state, missed) : null,
		returnsAt: back?.startsAt ?? null,
		returnsTo: back ? describeLesson(state, back) : null,
		status: cancelled || !live ? 'cancelled' : statusOf(state, live, now),
		source: live ? sourceText(live) : 'cancelled'
	};
}

const byTime = (a: ReflectionBookingRow, b: ReflectionBookingRow) =>
	a.startsAt.localeCompare(b.startsAt) || (a.student.name ?? '').localeCompare(b.student.name ?? '') || a.bookingId.localeCompare(b.bookingId);

/** The desk's days from `from`: each lesson period per room (places, supervisor, gap, cover) and the day's bookings. */
export function reflectionDesk(state: SchoolState, from: string, days: number, now: number): ReflectionDeskReport {
	const rooms = [...state.reflectionRooms.values()].map((r) => ({ roomId: r.roomId, name: state.rooms.get(r.roomId)?.name ?? r.roomId, capacity: r.capacity }));
	const occ = occupancyOf(state);
	const byDate = new Map<string, Booking[]>();
	for (const b of state.bookings.values()) {
		const date = localDate(b.startsAt, state.timezone);
		const list = byDate.get(date);
		if (list) list.push(b);
		else byDate.set(date, [b]);
	}
	const out: ReflectionDeskReport['days'] = [];
	for (let i = 0; out.length < days && i < days * 3 + 7; i++) {
		const date = addDays(from, i);
		const periods = lessonPeriodsOn(state, date);
		if (periods.length === 0) continue;
		out.push({
			date,
			periods: periods.map((p) => ({
				periodId: p.id,
				name: p.name,
				startsAt: p.startsAt,
				endsAt: p.endsAt,
				rooms: rooms.map((r): ReflectionRotaCell => {
					const key = `${r.roomId}|${date}|${p.id}`;
					const booked = occ.taken.get(key) ?? 0;
					const staffId = state.supervisors.get(key) ?? null;
					const cover = state.coverRequests.get(key);
					return {
						roomId: r.roomId,
						capacity: r.capacity,
						booked,
						supervisor: staffId ? staffRef(state, staffId) : null,
						gap: booked > 0 && !staffId,
						cover: cover
							? {
									requestedBy: state.staff.get(cover.by)?.code ?? cover.by,
									requestedAt: cover.at,
									takenBy: cover.takenBy ? staffRef(state, cover.takenBy) : null,
									takenAt: cover.takenAt
								}
							: null
					};
				})
			})),
			bookings: (byDate.get(date) ?? []).map((b) => rowOf(state, b, now, false)).sort(byTime)
		});
	}
	const students = [...state.students.values()]
		.map((s) => ({ id: s.id, name: `${s.givenName} ${s.familyName}`, formGroup: s.formGroup ?? null }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { from, rooms, days: out, students };
}

/** A student's bookings, newest first (cancelled ones too), and the lessons they have on `date`. */
export function reflectionStudent(state: SchoolState, studentId: string, date: string, now: number): ReflectionStudentReport {
	const standing = [...state.bookings.values()].filter((b) => b.studentId === studentId).map((b) => rowOf(state, b, now, false));
	const cleared = [...state.clearedBookings.values()].filter((b) => b.studentId === studentId).map((b) => rowOf(state, b, now, true));
	const lessons = lessonsOn(state, date)
		.filter((l) => l.studentIds.includes(studentId))
		.map((l) => ({ periodId: l.periodId, lessonMissed: describeLesson(state, l) }));
	return { student: studentRef(state, studentId), bookings: [...standing, ...cleared].sort(byTime).reverse(), lessons };
}
