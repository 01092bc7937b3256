import { z } from 'zod';
import { ApiError } from './messages';
import { EntityId, Instant, LocalDate, Text } from './primitives';
import { BookingSource } from './reflection-cover';
import { StaffRef, StudentRef } from './views';

/**
 * `POST /api/v1/reflection/bookings?school=ID`: book a student into a Reflection Room for the
 * given periods of each date, or for every lesson period of each date when `periodIds` is left
 * out. The lesson missed comes from the timetable; who booked and when come from the server.
 */
export const ReflectionBookingBody = z.strictObject({
	studentId: EntityId,
	roomId: EntityId,
	dates: z.array(LocalDate).min(1).max(10),
	periodIds: z.array(EntityId).min(1).max(12).optional(),
	reason: Text.trim().min(1).max(200),
	source: BookingSource.default({ kind: 'by_hand' })
});

/** One period of one day in a Reflection Room. */
export const ReflectionSlot = z.object({ date: LocalDate, periodId: EntityId, name: z.string() });

/** `201`: one booking per period, in order. */
export const ReflectionBookingResult = z.object({
	ok: z.literal(true),
	data: z.object({ bookings: z.array(ReflectionSlot.extend({ bookingId: EntityId, lessonMissed: z.string().nullable() })) })
});

/** `409 room_full`: the periods that are full, and the first free period after each (nothing stored). */
export const ReflectionBookingRefused = ApiError.extend({ full: z.array(ReflectionSlot), nextFree: z.array(ReflectionSlot) });

/** `POST /api/v1/reflection/cover?school=ID` asks for cover; `.../cover/take` takes it (for yourself). */
export const ReflectionCoverBody = z.strictObject({ roomId: EntityId, date: LocalDate, periodId: EntityId });

export const ReflectionBookingRow = z.object({
	bookingId: EntityId,
	student: StudentRef,
	roomId: EntityId,
	date: LocalDate,
	periodId: EntityId,
	period: z.string(),
	startsAt: Instant,
	endsAt: Instant,
	reason: z.string(),
	/** The lesson missed, e.g. `9X/Ma1 Maths (S12, JSM)`, when the timetable knows it. */
	lessonMissed: z.string().nullable(),
	/** When and where the student goes back: their next lesson that day. */
	returnsAt: Instant.nullable(),
	returnsTo: z.string().nullable(),
	status: z.enum(['booked', 'in_room', 'served', 'no_show', 'cancelled']),
	source: z.string()
});

export const CoverState = z.object({ requestedBy: z.string(), requestedAt: Instant, takenBy: StaffRef.nullable(), takenAt: Instant.nullable() });

/** A period of a day in one room: places taken, who supervises, and whether it is a gap. */
export const ReflectionRotaCell = z.object({
	roomId: EntityId,
	capacity: z.number().int(),
	booked: z.number().int(),
	supervisor: StaffRef.nullable(),
	/** Booked and nobody supervising. */
	gap: z.boolean(),
	cover: CoverState.nullable()
});

export const ReflectionDeskDay = z.object({
	date: LocalDate,
	periods: z.array(z.object({ periodId: EntityId, name: z.string(), startsAt: z.string(), endsAt: z.string(), rooms: z.array(ReflectionRotaCell) })),
	bookings: z.array(ReflectionBookingRow)
});

/** `GET /api/v1/reports/reflection?school=ID&from=DATE&days=N`: the desk's days (CSV with `format=csv`). */
export const ReflectionDeskReport = z.object({
	from: LocalDate,
	rooms: z.array(z.object({ roomId: EntityId, name: z.string(), capacity: z.number().int() })),
	days: z.array(ReflectionDeskDay),
	/** Every student, for the booking form's search (the desk's roles are shown names). */
	students: z.array(z.object({ id: EntityId, name: z.string(), formGroup: z.string().nullable() }))
});

/** `GET /api/v1/reports/reflection/student?school=ID&student=ID&date=DATE`: history, and the lessons of a date. */
export const ReflectionStudentReport = z.object({
	student: StudentRef,
	bookings: z.array(ReflectionBookingRow),
	lessons: z.array(z.object({ periodId: EntityId, lessonMissed: z.string() }))
});

/** `GET /api/v1/reflection/cover?school=ID`: open requests the signed-in member of staff is free for. */
export const OpenCoverRequests = z.array(
	z.object({ roomId: EntityId, roomName: z.string(), date: LocalDate, periodId: EntityId, period: z.string(), startsAt: z.string(), booked: z.number().int() })
);

export type ReflectionBookingBody = z.infer<typeof ReflectionBookingBody>;
export type ReflectionBookingBodyInput = z.input<typeof ReflectionBookingBody>;
export type ReflectionSlot = z.infer<typeof ReflectionSlot>;
export type ReflectionBookingResult = z.infer<typeof ReflectionBookingResult>;
export type ReflectionBookingRefused = z.infer<typeof ReflectionBookingRefused>;
export type ReflectionCoverBody = z.infer<typeof ReflectionCoverBody>;
export type ReflectionBookingRow = z.infer<typeof ReflectionBookingRow>;
export type ReflectionRotaCell = z.infer<typeof ReflectionRotaCell>;
export type ReflectionDeskDay = z.infer<typeof ReflectionDeskDay>;
export type ReflectionDeskReport = z.infer<typeof ReflectionDeskReport>;
export type ReflectionStudentReport = z.infer<typeof ReflectionStudentReport>;
export type OpenCoverRequests = z.infer<typeof OpenCoverRequests>;
