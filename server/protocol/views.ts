import { z } from 'zod';
import { AlertTarget, BehaviourCategory, Disposition, EscalationRule, OnCallPriority, OnCallReason, StaffStatus } from './events';
import { EntityId, Instant, YearGroup } from './primitives';
import { FirstDayCallsItem } from './attendance-first-day';
import { DutyRole, Period, Settings } from './reference';

/**
 * What the live views say about a student. Initials and year group are enough to act on in a
 * corridor; the full name is sent only to roles allowed it (the server strips it for the rest).
 */
export const StudentRef = z.object({
	id: EntityId,
	initials: z.string().max(4),
	yearGroup: YearGroup.nullable(),
	name: z.string().optional()
});

export const StaffRef = z.object({
	id: EntityId,
	/** Timetable code, e.g. `JSM`; the id itself when the person is not known yet. */
	code: z.string().max(128)
});

const RoomRef = {
	roomId: EntityId,
	/** The room's name from reference data, or its id when it is not known. */
	roomName: z.string()
};

export const SchoolItem = z.object({
	id: z.literal('school'),
	name: z.string(),
	timezone: z.string(),
	periods: z.array(Period),
	/** The school's thresholds, so pages colour ages by the same rules the server escalates by. */
	settings: Settings
});

export const BehaviourItem = z.object({
	id: EntityId,
	at: Instant,
	polarity: z.enum(['negative', 'positive']),
	category: BehaviourCategory,
	severity: z.number().int(),
	points: z.number().int(),
	...RoomRef,
	students: z.array(StudentRef),
	staff: StaffRef
});

export const OnCallStatus = z.enum(['raised', 'acknowledged', 'dispatched', 'en_route', 'on_scene']);

/** When each step of a call happened; null until it has. */
export const OnCallTimes = z.object({
	raised: Instant,
	acknowledged: Instant.nullable(),
	dispatched: Instant.nullable(),
	enRoute: Instant.nullable(),
	onScene: Instant.nullable()
});

export const Escalation = z.object({
	rule: EscalationRule,
	level: z.number().int(),
	notify: AlertTarget,
	at: Instant
});

/** A responder Lookout suggests for a call: free now, nearest on foot first. */
export const Suggestion = z.object({
	staff: StaffRef,
	/** Metres on foot from where they are; null when it cannot be worked out. */
	metres: z.number().nullable(),
	/** On the rota for this period (on call or SLT), rather than merely free. */
	onDuty: z.boolean(),
	fromRoomName: z.string().nullable()
});

/** An open call. */
export const OnCallItem = z.object({
	id: EntityId,
	status: OnCallStatus,
	priority: OnCallPriority,
	reason: OnCallReason,
	...RoomRef,
	raisedAt: Instant,
	updatedAt: Instant,
	raisedBy: StaffRef,
	responder: StaffRef.nullable(),
	students: z.array(StudentRef),
	times: OnCallTimes,
	/** The latest alert raised by a timer, if any. */
	escalation: Escalation.nullable(),
	/** Calls from the same room merged into this one. */
	merged: z.array(EntityId),
	/** Only while nobody is dispatched. */
	suggestions: z.array(Suggestion)
});

/** Seconds between the steps of a call, stamped by its transitions; null for a step it never reached. */
export const OnCallDurations = z.object({
	acknowledge: z.number().nullable(),
	dispatch: z.number().nullable(),
	turnout: z.number().nullable(),
	travel: z.number().nullable(),
	response: z.number().nullable(),
	onScene: z.number().nullable(),
	close: z.number().nullable()
});

export const OnCallMetric = OnCallDurations.keyof();

/** A call that ended today: closed, cancelled or merged into another. */
export const OnCallLogItem = z.object({
	id: EntityId,
	outcome: z.enum(['closed', 'cancelled', 'merged']),
	disposition: Disposition.nullable(),
	/** The call this one was merged into. */
	mergedInto: EntityId.nullable(),
	priority: OnCallPriority,
	reason: OnCallReason,
	...RoomRef,
	periodId: EntityId.nullable(),
	raisedAt: Instant,
	endedAt: Instant,
	raisedBy: StaffRef,
	responder: StaffRef.nullable(),
	students: z.array(StudentRef),
	escalations: z.number().int(),
	durations: OnCallDurations
});

export const RegisterStatus = z.enum(['due', 'overdue', 'escalated']);

/** A lesson under way (or over) whose register has not been taken. */
export const RegisterItem = z.object({
	id: EntityId,
	classId: z.string(),
	subject: z.string(),
	...RoomRef,
	staff: StaffRef,
	periodId: EntityId,
	startsAt: Instant,
	status: RegisterStatus
});

export const TruancyReason = z.enum(['missing_from_lesson', 'reflection_no_show']);

export const TruancyItem = z.object({
	/** `studentId` and what they are missing, so one student can hold one flag per miss. */
	id: z.string(),
	student: StudentRef,
	reason: TruancyReason,
	/** Where the student should be. */
	...RoomRef,
	lastSeenRoomId: EntityId.nullable(),
	lastSeenRoomName: z.string().nullable(),
	since: Instant
});

export const ReflectionItem = z.object({
	id: EntityId,
	name: z.string(),
	capacity: z.number().int(),
	occupants: z.array(
		z.object({
			bookingId: EntityId,
			student: StudentRef,
			checkedInAt: Instant,
			/** The room of the lesson the student goes back to, when known. */
			returnsTo: z.string().nullable()
		})
	),
	/** Booked for the current period and not checked in yet. */
	expected: z.number().int(),
	overCapacity: z.boolean(),
	/** Today's periods with bookings or a supervisor; `unsupervised` flags a booked period with nobody. */
	periods: z.array(
		z.object({
			periodId: EntityId,
			name: z.string(),
			booked: z.number().int(),
			supervisor: StaffRef.nullable(),
			unsupervised: z.boolean()
		})
	)
});

export const RoomCountItem = z.object({
	id: EntityId,
	name: z.string(),
	level: z.number().int(),
	/** Negative behaviour events today. */
	negativeToday: z.number().int(),
	positiveToday: z.number().int(),
	/** Negative behaviour events today by period id. */
	byPeriod: z.record(z.string(), z.number().int()),
	/** Negative events weighted by severity (1-5): today, by period id, and in the last 30 minutes. */
	heatToday: z.number().int(),
	heatByPeriod: z.record(z.string(), z.number().int()),
	heatLive: z.number().int(),
	openRequests: z.number().int()
});

/** A member of staff as dispatch sees them now. */
export const StaffItem = z.object({
	id: EntityId,
	code: z.string(),
	/** Title and family name, e.g. `Ms Patel`: staff are named, students never. */
	name: z.string(),
	status: StaffStatus,
	/** Where they are, or were last seen: the room they teach in or their last call's room. */
	locationId: EntityId.nullable(),
	roomName: z.string().nullable(),
	/** On the rota (or covering) for the current period. */
	duty: DutyRole.nullable(),
	/** The open call they are assigned to. */
	requestId: EntityId.nullable(),
	/** Calls today that took them out of a free period they were not on duty for. */
	freePeriodsInterrupted: z.number().int()
});

/** A late arrival today: at the gate (the session register) or at a lesson. */
export const ArrivalItem = z.object({
	/** `studentId:AM`, `studentId:PM`, or `studentId:lessonId`. */
	id: z.string(),
	student: StudentRef,
	kind: z.enum(['session', 'lesson']),
	session: z.enum(['AM', 'PM']),
	minutesLate: z.number().int(),
	/** `L` before the session register closed, `U` after; at a lesson, the lesson mark. */
	code: z.string(),
	roomName: z.string().nullable(),
	at: Instant
});

/** A student who needs support today, and why. Counts only: names go to roles allowed them. */
export const SupportItem = z.object({
	id: EntityId,
	student: StudentRef,
	negativeToday: z.number().int(),
	negativeWeek: z.number().int(),
	reflectionWeek: z.number().int(),
	reasons: z.array(z.enum(['negative_today', 'negative_week', 'reflection_repeat']))
});

/** The live view of one school: one keyed list per feed. */
export const SchoolView = z.object({
	school: z.array(SchoolItem),
	behaviour: z.array(BehaviourItem),
	oncall: z.array(OnCallItem),
	oncallLog: z.array(OnCallLogItem),
	registers: z.array(RegisterItem),
	truancy: z.array(TruancyItem),
	reflection: z.array(ReflectionItem),
	rooms: z.array(RoomCountItem),
	staff: z.array(StaffItem),
	arrivals: z.array(ArrivalItem),
	support: z.array(SupportItem),
	/** Today's first-day calls still open: a count, never a name. */
	firstDayCalls: z.array(FirstDayCallsItem)
});

export type StudentRef = z.infer<typeof StudentRef>;
export type StaffRef = z.infer<typeof StaffRef>;
export type SchoolItem = z.infer<typeof SchoolItem>;
export type BehaviourItem = z.infer<typeof BehaviourItem>;
export type OnCallItem = z.infer<typeof OnCallItem>;
export type OnCallStatus = z.infer<typeof OnCallStatus>;
export type OnCallTimes = z.infer<typeof OnCallTimes>;
export type Escalation = z.infer<typeof Escalation>;
export type Suggestion = z.infer<typeof Suggestion>;
export type OnCallDurations = z.infer<typeof OnCallDurations>;
export type OnCallMetric = z.infer<typeof OnCallMetric>;
export type OnCallLogItem = z.infer<typeof OnCallLogItem>;
export type RegisterItem = z.infer<typeof RegisterItem>;
export type RegisterStatus = z.infer<typeof RegisterStatus>;
export type TruancyItem = z.infer<typeof TruancyItem>;
export type ReflectionItem = z.infer<typeof ReflectionItem>;
export type RoomCountItem = z.infer<typeof RoomCountItem>;
export type StaffItem = z.infer<typeof StaffItem>;
export type ArrivalItem = z.infer<typeof ArrivalItem>;
export type SupportItem = z.infer<typeof SupportItem>;
export type SchoolView = z.infer<typeof SchoolView>;
export type FeedName = keyof SchoolView;
export type FeedItem<F extends FeedName> = SchoolView[F][number];
export const FEED_NAMES = Object.keys(SchoolView.shape) as FeedName[];
