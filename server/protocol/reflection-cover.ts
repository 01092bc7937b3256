import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, LocalDate } from './primitives';

/**
 * Where a booking made from the desk came from: by hand, from a behaviour event, or from an
 * on-call request closed as `removed_to_reflection`. Optional on `reflection:booked`, so
 * bookings sent by a school's behaviour system (and older journals) replay unchanged.
 */
export const BookingSource = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('by_hand') }),
	z.strictObject({ kind: z.literal('behaviour'), eventId: EntityId }),
	z.strictObject({ kind: z.literal('oncall'), requestId: EntityId })
]);

/**
 * A coordinator asks for somebody to supervise a Reflection Room in one period of one day (a
 * gap in the rota). Written by Lookout from the desk (`POST /api/v1/reflection/cover`), never
 * sent by a key. A second request for the same room, date and period changes nothing.
 */
export const ReflectionCoverRequested = event('reflection:cover-requested', {
	roomId: EntityId,
	date: LocalDate,
	periodId: EntityId,
	/** The member of staff who asked (staff id; a person without one, their user id). */
	by: EntityId
});

/**
 * A member of staff free that period takes a cover request from their phone (`POST
 * /api/v1/reflection/cover/take`): they become the room's supervisor for the period (as
 * `reflection:supervisor-assigned` would make them) and the request is marked taken by them.
 * One event for both, so who answered which request stays in the log even when the rota is
 * changed later, and the supervisor and the taken request can never be half stored. Refused
 * (nothing stored) when there is no open request, or the member of staff teaches that period.
 */
export const ReflectionCoverTaken = event('reflection:cover-taken', {
	roomId: EntityId,
	date: LocalDate,
	periodId: EntityId,
	staffId: EntityId
});

export type BookingSource = z.infer<typeof BookingSource>;
