import { z } from 'zod';
import { AttendanceCode } from './attendance-codes';
import { AUTH_EVENTS } from './access';
import { AttendanceCallLogged, Contact } from './attendance-first-day';
import { AttendanceLetterSent, AttendanceTemplateSet } from './attendance-minutes-late';
import { AttendanceParentTold } from './attendance-corrections';
import { HalfTerm, InterventionLogged } from './attendance-pa';
import { RagSent } from './attendance-rag';
import { SuspensionAmended, SuspensionNotified, SuspensionRecorded, SuspensionTemplateSet, SuspensionWithdrawn } from './suspensions';
import { PLAN_EVENTS } from './plans';
import { event } from './event-shape';
import { BookingSource, ReflectionCoverRequested, ReflectionCoverTaken } from './reflection-cover';
import { EntityId, Instant, LocalDate, Text } from './primitives';
import { DutyRole, Exemption, Lesson, Period, ReflectionRoom, Room, RotaEntry, SchoolInfo, Settings, Staff, Student, TimetableEntry } from './reference';

export const BehaviourCategory = z.enum([
	'disruption',
	'defiance',
	'refusal',
	'uniform',
	'phone',
	'lateness',
	'fighting',
	'bullying',
	'damage',
	'language',
	'out_of_lesson',
	'praise',
	'effort',
	'kindness',
	'achievement'
]);

export const OnCallPriority = z.enum(['routine', 'urgent', 'emergency']);

export const OnCallReason = z.enum(['disruption', 'refusal', 'fighting', 'out_of_lesson', 'medical', 'safeguarding', 'damage', 'other']);

export const Disposition = z.enum([
	'resolved_in_class',
	'removed_to_reflection',
	'escorted_to_pastoral',
	'handed_to_slt',
	'sent_home',
	'unfounded',
	'duplicate'
]);

/**
 * Where a member of staff is in the dispatch loop; all but `available` and `off_duty` are derived:
 * `teaching` from the timetable, `supervising` from the Reflection Room supervisors of the period.
 */
export const StaffStatus = z.enum(['available', 'teaching', 'supervising', 'dispatched', 'en_route', 'on_scene', 'off_duty']);

/** What staff say of themselves; the rest follows from the timetable and their assignment. */
export const DutyStatus = z.enum(['available', 'off_duty']);

/** Why a request was escalated: nobody acknowledged it, nobody reached it, or nobody has checked in from it. */
export const EscalationRule = z.enum(['unacknowledged', 'not_on_scene', 'lone_working']);

/** Who an escalation alerts: a duty role from the rota, or the responder on scene. */
export const AlertTarget = z.enum(['on_call', 'slt', 'responder']);

export const Session = z.enum(['AM', 'PM']);

export const Mark = z
	.object({
		studentId: EntityId,
		code: AttendanceCode,
		/** Minutes after the register opened; only with `L` or `U`. */
		minutesLate: z.number().int().min(0).max(600).optional()
	})
	.refine((m) => m.minutesLate === undefined || m.code === 'L' || m.code === 'U', {
		path: ['minutesLate'],
		message: 'goes only with the late codes L and U'
	});

export const ReferenceUpdated = event('reference:updated', {
	school: SchoolInfo.optional(),
	/** Only the settings given change; the rest keep their value (or default). */
	settings: Settings.partial().optional(),
	rooms: z.array(Room).max(2_000).optional(),
	students: z.array(Student).max(10_000).optional(),
	staff: z.array(Staff).max(2_000).optional(),
	periods: z.array(Period).max(30).optional(),
	lessons: z.array(Lesson).max(5_000).optional(),
	timetable: z.array(TimetableEntry).max(20_000).optional(),
	exemptions: z.array(Exemption).max(5_000).optional(),
	reflectionRooms: z.array(ReflectionRoom).max(20).optional(),
	/** Who is on call or SLT on duty, per weekday and period. */
	rota: z.array(RotaEntry).max(5_000).optional(),
	/** Families' contacts; when given, they replace every contact the school had. */
	contacts: z.array(Contact).max(50_000).optional(),
	/** The school's half terms; when given, they replace every term the school had. */
	terms: z.array(HalfTerm).max(60).optional()
});

export const BehaviourRecorded = event('behaviour:recorded', {
	polarity: z.enum(['negative', 'positive']),
	category: BehaviourCategory,
	severity: z.number().int().min(1).max(5),
	points: z.number().int().min(-100).max(100),
	locationId: EntityId,
	studentIds: z.array(EntityId).min(1).max(40),
	staffId: EntityId
});

export const RegisterTaken = event('register:taken', {
	lessonId: EntityId,
	takenBy: EntityId,
	marks: z.array(Mark).max(400)
});

export const SessionMarked = event('session:marked', {
	date: LocalDate,
	session: Session,
	formGroup: Text.min(1).max(20),
	takenBy: EntityId,
	marks: z.array(Mark).min(1).max(400)
});

export const StudentArrivedLate = event('student:arrived-late', {
	studentId: EntityId,
	session: Session,
	minutesLate: z.number().int().min(1).max(600)
});

export const StudentFound = event('student:found', {
	studentId: EntityId,
	locationId: EntityId,
	by: EntityId
});

export const OnCallRaised = event('oncall:raised', {
	requestId: EntityId,
	locationId: EntityId,
	reason: OnCallReason,
	priority: OnCallPriority,
	studentIds: z.array(EntityId).max(40).default([]),
	raisedBy: EntityId
});

const requestStep = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => event(type, { requestId: EntityId, by: EntityId, ...shape });

export const OnCallAcknowledged = requestStep('oncall:acknowledged', {});
export const OnCallUnacknowledged = requestStep('oncall:unacknowledged', {});
export const OnCallDispatched = requestStep('oncall:dispatched', { staffId: EntityId });
export const OnCallEnRoute = requestStep('oncall:en-route', {});
export const OnCallOnScene = requestStep('oncall:on-scene', {});
export const OnCallClosed = requestStep('oncall:closed', { disposition: Disposition });
export const OnCallCancelled = requestStep('oncall:cancelled', {});
/** The responder on scene says they are fine: the lone-working check starts again. */
export const OnCallWelfareConfirmed = requestStep('oncall:welfare-confirmed', {});

/** Appended by Lookout when a rule's timer runs out; its id is fixed by the request, rule and timer, so it is stored once. */
export const OnCallEscalated = event('oncall:escalated', {
	requestId: EntityId,
	rule: EscalationRule,
	/** 1 for the first alert of this timer, 2 for the next...; past the cap, reminders count on. */
	level: z.number().int().min(1).max(100_000),
	notify: AlertTarget
});

/** "I'll take this period": a member of staff covers a duty for one period of one day. */
export const DutyCoverTaken = event('duty:cover-taken', {
	staffId: EntityId,
	date: LocalDate,
	periodId: EntityId,
	role: DutyRole
});

export const ReflectionBooked = event('reflection:booked', {
	bookingId: EntityId,
	studentId: EntityId,
	roomId: EntityId,
	periodId: EntityId,
	startsAt: Instant,
	endsAt: Instant,
	reason: Text.min(1).max(200),
	bookedBy: EntityId,
	/** The lesson the student misses, when the timetable knows it (bookings from the desk). */
	lessonId: EntityId.optional(),
	/** What led to it (bookings from the desk); absent from bookings sent by a school's system. */
	source: BookingSource.optional()
});

/** Who supervises a Reflection Room in a period of a day (booked periods need somebody). */
export const ReflectionSupervisorAssigned = event('reflection:supervisor-assigned', {
	roomId: EntityId,
	date: LocalDate,
	periodId: EntityId,
	/** Null withdraws the supervisor. */
	staffId: EntityId.nullable()
});

export const ReflectionCheckedIn = event('reflection:checked-in', { bookingId: EntityId });

export const ReflectionCheckedOut = event('reflection:checked-out', {
	bookingId: EntityId,
	/** The lesson the student goes back to, when known. */
	returnsTo: EntityId.optional()
});

/**
 * A booking withdrawn: the sanction is cleared and the student has a clean slate, e.g. because
 * the mark that caused it (a truancy, a lateness) was corrected. The booking leaves the room's
 * occupants and expected students and never becomes a no-show; the clearing is listed with the
 * day's corrections, as a family to tell. Refused (nothing stored) for a booking Lookout does not
 * know (404 `not_found`) or one already checked out or cancelled (409 `invalid_transition`).
 *
 * Sent by an integration key as well as stored from the desk (`POST
 * /api/v1/reflection/bookings/:bookingId/cancel`): bookings arrive from the school's behaviour
 * system, and a booking withdrawn there must be withdrawn here too, so it is not server-only.
 */
export const ReflectionCancelled = event('reflection:cancelled', {
	bookingId: EntityId,
	/** The member of staff who cleared it (staff id; a person without one, their user id). */
	by: EntityId,
	/** Why, as the family is told it, e.g. "AM mark corrected: at the dentist". */
	reason: Text.trim().min(1).max(200)
});

/** `POST /api/v1/reflection/bookings/:bookingId/cancel`: the server adds who and when. */
export const ReflectionCancelBody = z.strictObject({ reason: Text.trim().min(1).max(200) });

/**
 * A wall screen paired with the school: read-only, until revoked. Only the token's SHA-256 is
 * kept (the token is 256 random bits, so a slow hash adds nothing); the token itself is shown
 * once, in the pairing address.
 */
export const DevicePaired = event('device:paired', {
	deviceId: EntityId,
	name: Text.min(1).max(80),
	tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex')
});

export const DeviceRevoked = event('device:revoked', { deviceId: EntityId });

export const StaffStatusChanged = event('staff:status-changed', {
	staffId: EntityId,
	status: DutyStatus
});

/** Every fact Lookout accepts, told apart by `type`. */
export const InboundEvent = z.discriminatedUnion('type', [
	ReferenceUpdated,
	BehaviourRecorded,
	RegisterTaken,
	SessionMarked,
	StudentArrivedLate,
	StudentFound,
	OnCallRaised,
	OnCallAcknowledged,
	OnCallUnacknowledged,
	OnCallDispatched,
	OnCallEnRoute,
	OnCallOnScene,
	OnCallClosed,
	OnCallCancelled,
	OnCallWelfareConfirmed,
	OnCallEscalated,
	DutyCoverTaken,
	ReflectionBooked,
	ReflectionSupervisorAssigned,
	ReflectionCheckedIn,
	ReflectionCheckedOut,
	ReflectionCancelled,
	ReflectionCoverRequested,
	ReflectionCoverTaken,
	StaffStatusChanged,
	DevicePaired,
	DeviceRevoked,
	AttendanceCallLogged,
	AttendanceTemplateSet,
	AttendanceLetterSent,
	AttendanceParentTold,
	InterventionLogged,
	RagSent,
	SuspensionRecorded,
	SuspensionNotified,
	SuspensionTemplateSet,
	SuspensionAmended,
	SuspensionWithdrawn,
	...PLAN_EVENTS,
	...AUTH_EVENTS
]);

export type InboundEvent = z.infer<typeof InboundEvent>;
export type InboundEventInput = z.input<typeof InboundEvent>;
export type EventType = InboundEvent['type'];
export type EventOf<T extends EventType> = Extract<InboundEvent, { type: T }>;
export type BehaviourCategory = z.infer<typeof BehaviourCategory>;
export type OnCallPriority = z.infer<typeof OnCallPriority>;
export type OnCallReason = z.infer<typeof OnCallReason>;
export type Disposition = z.infer<typeof Disposition>;
export type StaffStatus = z.infer<typeof StaffStatus>;
export type DutyStatus = z.infer<typeof DutyStatus>;
export type EscalationRule = z.infer<typeof EscalationRule>;
export type AlertTarget = z.infer<typeof AlertTarget>;
export type Mark = z.infer<typeof Mark>;
export type ReflectionCancelBody = z.infer<typeof ReflectionCancelBody>;
export type Session = z.infer<typeof Session>;

/** An event as the log holds it: its position in the school's log and when it was stored. */
export interface StoredEvent {
	position: number;
	receivedAt: string;
	event: InboundEvent;
}
