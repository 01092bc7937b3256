import { zonedInstant, type EventOf, type Lesson, type Period, type ReflectionBookingBody, type ReflectionSlot } from '../../../protocol';
import { addDays } from '../calendar/dates';
import { localDate } from '../calendar/local-time';
import { roomRef, staffRef } from '../school/refs';
import { lessonsOn, periodsOn } from '../school/school-day';
import type { SchoolState } from '../school/state';

/** How far ahead a free period is looked for, in calendar days. */
const LOOK_AHEAD_DAYS = 21;

/** The periods a booking can take on a date: the lesson periods, in order. */
export function lessonPeriodsOn(state: SchoolState, date: string): Period[] {
	return periodsOn(state, date)
		.filter((p) => p.kind === 'lesson')
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Places taken per `roomId|date|periodId`, and the `date|periodId` slots each student is booked in. */
export interface Occupancy {
	taken: Map<string, number>;
	studentSlots: Set<string>;
}

export function occupancyOf(state: SchoolState): Occupancy {
	const taken = new Map<string, number>();
	const studentSlots = new Set<string>();
	for (const b of state.bookings.values()) {
		const date = localDate(b.startsAt, state.timezone);
		const key = `${b.roomId}|${date}|${b.periodId}`;
		taken.set(key, (taken.get(key) ?? 0) + 1);
		studentSlots.add(`${b.studentId}|${date}|${b.periodId}`);
	}
	return { taken, studentSlots };
}

export type BookingProblem =
	| { code: 'invalid_body'; field: string; message: string }
	| { code: 'invalid_transition'; field: 'periodIds'; message: string }
	| { code: 'room_full'; field: 'periodIds'; message: string; full: ReflectionSlot[]; nextFree: ReflectionSlot[] };

export interface PlannedBooking {
	slot: ReflectionSlot;
	period: Period;
	lesson: Lesson | null;
}

/** The lesson a student has in a period of a date, if the timetable knows it. */
export function lessonOf(state: SchoolState, studentId: string, date: string, periodId: string): Lesson | null {
	return lessonsOn(state, date).find((l) => l.periodId === periodId && l.studentIds.includes(studentId)) ?? null;
}

export function describeLesson(state: SchoolState, lesson: Lesson): string {
	return `${lesson.classId} ${lesson.subject} (${roomRef(state, lesson.roomId).roomName}, ${staffRef(state, lesson.staffId).code})`;
}

/** The first period at or after `from` (in the room) with a place left that the student is not booked in. */
function nextFreeAfter(
	state: SchoolState,
	occ: Occupancy,
	body: ReflectionBookingBody,
	from: ReflectionSlot,
	exclude: Set<string>,
	capacity: number
): ReflectionSlot | null {
	for (let day = 0; day <= LOOK_AHEAD_DAYS; day++) {
		const date = addDays(from.date, day);
		const periods = lessonPeriodsOn(state, date);
		const fromIndex = day === 0 ? periods.findIndex((p) => p.id === from.periodId) + 1 : 0;
		for (const p of periods.slice(fromIndex)) {
			const slot = `${date}|${p.id}`;
			if (exclude.has(slot) || occ.studentSlots.has(`${body.studentId}|${slot}`)) continue;
			if ((occ.taken.get(`${body.roomId}|${slot}`) ?? 0) < capacity) return { date, periodId: p.id, name: p.name };
		}
	}
	return null;
}

/**
 * Checks a booking against the room's capacity in every period asked for, before anything is
 * stored: the whole request is refused when any period is full (naming each, with the first
 * free period after it) or when the student is already booked in one. Never writes to the state.
 */
export function planBooking(
	state: SchoolState,
	body: ReflectionBookingBody,
	now: number
): { ok: true; planned: PlannedBooking[] } | { ok: false; problem: BookingProblem } {
	const room = state.reflectionRooms.get(body.roomId);
	if (!room) return { ok: false, problem: { code: 'invalid_body', field: 'roomId', message: `no Reflection Room has id ${body.roomId}` } };
	if (!state.students.has(body.studentId))
		return { ok: false, problem: { code: 'invalid_body', field: 'studentId', message: `no student has id ${body.studentId}` } };
	const source = sourceProblem(state, body);
	if (source) return { ok: false, problem: { code: 'invalid_body', field: 'source', message: source } };
	const today = localDate(now, state.timezone);
	const planned: PlannedBooking[] = [];
	for (const date of [...new Set(body.dates)].sort()) {
		if (date < today) return { ok: false, problem: { code: 'invalid_body', field: 'dates', message: `${date} has passed` } };
		const periods = lessonPeriodsOn(state, date);
		const wanted = body.periodIds ? periods.filter((p) => body.periodIds?.includes(p.id)) : periods;
		const unknown = body.periodIds?.find((id) => !periods.some((p) => p.id === id));
		if (unknown) return { ok: false, problem: { code: 'invalid_body', field: 'periodIds', message: `${unknown} is not a lesson period on ${date}` } };
		if (wanted.length === 0) return { ok: false, problem: { code: 'invalid_body', field: 'dates', message: `${date} has no lesson periods` } };
		for (const period of wanted) {
			planned.push({ slot: { date, periodId: period.id, name: period.name }, period, lesson: lessonOf(state, body.studentId, date, period.id) });
		}
	}
	const occ = occupancyOf(state);
	const twice = planned.find((p) => occ.studentSlots.has(`${body.studentId}|${p.slot.date}|${p.slot.periodId}`));
	if (twice) {
		const message = `${studentName(state, body.studentId)} is already booked in ${twice.slot.name} on ${twice.slot.date}`;
		return { ok: false, problem: { code: 'invalid_transition', field: 'periodIds', message } };
	}
	const full = planned.filter((p) => (occ.taken.get(`${body.roomId}|${p.slot.date}|${p.slot.periodId}`) ?? 0) >= room.capacity).map((p) => p.slot);
	if (full.length === 0) return { ok: true, planned };
	const asked = new Set(planned.map((p) => `${p.slot.date}|${p.slot.periodId}`));
	const nextFree: ReflectionSlot[] = [];
	for (const slot of full) {
		const free = nextFreeAfter(state, occ, body, slot, asked, room.capacity);
		if (free && !nextFree.some((f) => f.date === free.date && f.periodId === free.periodId)) nextFree.push(free);
	}
	const names = full.map((s) => `${s.name} on ${s.date}`).join(', ');
	const offer = nextFree.length > 0 ? `; next free: ${nextFree.map((s) => `${s.name} on ${s.date}`).join(', ')}` : '; no free period in the next three weeks';
	const message = `The Reflection Room is full (${room.capacity} places) in ${names}${offer}`;
	return { ok: false, problem: { code: 'room_full', field: 'periodIds', message, full, nextFree } };
}

/** A booking from an on-call request needs the request closed as `removed_to_reflection`, with the student on it when it named any. */
function sourceProblem(state: SchoolState, body: ReflectionBookingBody): string | null {
	if (body.source.kind !== 'oncall') return null;
	const request = state.ended.get(body.source.requestId) ?? state.requests.get(body.source.requestId);
	if (request?.ended?.disposition !== 'removed_to_reflection') return `on-call request ${body.source.requestId} was not closed as removed_to_reflection`;
	if (request.studentIds.length > 0 && !request.studentIds.includes(body.studentId)) return `the student was not on on-call request ${body.source.requestId}`;
	return null;
}

function studentName(state: SchoolState, id: string): string {
	const s = state.students.get(id);
	return s ? `${s.givenName} ${s.familyName}` : id;
}

/** One `reflection:booked` per period planned, stamped with the server's clock and the booker. */
export function bookingEvents(
	state: SchoolState,
	body: ReflectionBookingBody,
	planned: readonly PlannedBooking[],
	stamp: { now: number; bookedBy: string; newId: () => string }
): EventOf<'reflection:booked'>[] {
	return planned.map(({ slot, period, lesson }) => ({
		id: `booking-${stamp.newId()}`,
		schoolId: state.schoolId,
		type: 'reflection:booked',
		occurredAt: new Date(stamp.now).toISOString(),
		bookingId: `rb-${stamp.newId()}`,
		studentId: body.studentId,
		roomId: body.roomId,
		periodId: slot.periodId,
		startsAt: zonedInstant(slot.date, period.startsAt, state.timezone),
		endsAt: zonedInstant(slot.date, period.endsAt, state.timezone),
		reason: body.reason,
		bookedBy: stamp.bookedBy,
		...(lesson ? { lessonId: lesson.id } : {}),
		source: body.source
	}));
}
