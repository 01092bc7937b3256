import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, SchoolId, Text } from './primitives';

/** A support plan (what the school puts in place) or an intervention plan (a time-limited programme). */
export const PlanKind = z.enum(['support', 'intervention']);

/** One thing to be done by someone by a date: `owner` is a staff id of the school. */
export const PlanAction = z.strictObject({
	actionId: EntityId,
	what: Text.trim().min(1).max(300),
	owner: EntityId,
	due: LocalDate
});

/** Someone at a TAP meeting: a member of staff by id, or anyone else by role (and name, if given). */
export const TapAttendee = z.union([
	z.strictObject({ staffId: EntityId }),
	z.strictObject({
		/** e.g. `parent/carer`, `school nurse`, `CAMHS`, `early help worker`. */
		role: Text.trim().min(1).max(80),
		name: Text.trim().min(1).max(100).optional()
	})
]);

const planShape = {
	planId: EntityId,
	studentId: EntityId,
	kind: PlanKind,
	targets: z.array(Text.trim().min(1).max(300)).min(1).max(20),
	actions: z.array(PlanAction).max(30),
	reviewOn: LocalDate
};

const tapShape = {
	meetingId: EntityId,
	studentId: EntityId,
	date: LocalDate,
	attendees: z.array(TapAttendee).min(1).max(40),
	summary: Text.trim().min(1).max(4_000),
	actions: z.array(PlanAction).max(30)
};

/** A plan written for a student by a coordinator or senior leader (`by`, a staff id or user id). Server-only. */
export const PlanRecorded = event('plan:recorded', { ...planShape, by: EntityId });

/**
 * An action ticked off. `planId` is the plan, or the TAP meeting, the action belongs to: both
 * carry actions with owners and due dates, and both are ticked the same way. Server-only.
 */
export const PlanActionDone = event('plan:action-done', { planId: EntityId, actionId: EntityId, by: EntityId });

/** A plan reviewed on `date`; the next review is `nextReviewOn`, or none when the plan is closed. Server-only. */
export const PlanReviewed = event('plan:reviewed', {
	planId: EntityId,
	date: LocalDate,
	notes: Text.trim().max(2_000),
	nextReviewOn: LocalDate.optional(),
	by: EntityId
});

/** The minutes of a Team Around the Pupil meeting: who came, what was said, who does what by when. Server-only. */
export const TapMinuted = event('tap:minuted', { ...tapShape, by: EntityId });

export const PLAN_EVENTS = [PlanRecorded, PlanActionDone, PlanReviewed, TapMinuted] as const;

/** `POST /api/v1/plans?school=ID`: the server adds who and when. */
export const PlanBody = z.strictObject(planShape);
/** `POST /api/v1/plans/:planId/reviews?school=ID`: the date defaults to the school's today. */
export const PlanReviewBody = z.strictObject({ date: LocalDate.optional(), notes: Text.trim().max(2_000), nextReviewOn: LocalDate.optional() });
/** `POST /api/v1/tap-minutes?school=ID`: the server adds who and when. */
export const TapMinutesBody = z.strictObject(tapShape);

/** `GET /api/v1/reports/chronology?school=&student=&format=`. */
export const ChronologyQuery = z.object({
	school: SchoolId,
	student: EntityId,
	format: z.enum(['json', 'csv']).default('json')
});

/** An action as the chronology shows it: done or not, and overdue when its due date has passed undone. */
export const ActionView = z.object({
	actionId: EntityId,
	what: z.string(),
	owner: z.string(),
	ownerName: z.string(),
	due: LocalDate,
	doneAt: Instant.nullable(),
	overdue: z.boolean()
});

export const PlanView = z.object({
	planId: EntityId,
	kind: PlanKind,
	targets: z.array(z.string()),
	actions: z.array(ActionView),
	reviewOn: LocalDate.nullable(),
	reviewOverdue: z.boolean(),
	reviews: z.array(z.object({ date: LocalDate, notes: z.string(), by: z.string() })),
	recordedAt: Instant,
	by: z.string()
});

export const TapView = z.object({
	meetingId: EntityId,
	date: LocalDate,
	attendees: z.array(z.string()),
	summary: z.string(),
	actions: z.array(ActionView),
	by: z.string()
});

export const ChronologyKind = z.enum(['behaviour', 'oncall', 'reflection', 'suspension', 'attendance', 'intervention', 'plan', 'tap']);

/** One line of a student's timeline, oldest first. */
export const ChronologyItem = z.object({
	date: LocalDate,
	/** Local time `HH:MM`, when the thing had one. */
	time: z.string().nullable(),
	kind: ChronologyKind,
	what: z.string(),
	detail: z.string(),
	staff: z.string().nullable(),
	/**
	 * What became of the record since (a suspension): `withdrawn`, kept in the timeline and shown
	 * struck through, `detail` saying when, by whom and why; or `amended`, shown as corrected.
	 * Absent for a record that stands as made.
	 */
	status: z.enum(['withdrawn', 'amended']).optional()
});

export const Chronology = z.object({
	school: z.string(),
	date: LocalDate,
	student: z.object({ id: EntityId, name: z.string(), yearGroup: z.number().int(), formGroup: z.string() }),
	items: z.array(ChronologyItem),
	/** Attendance by week (its Monday), null for a week with no possible session. */
	weeks: z.array(z.object({ monday: LocalDate, rate: z.number().nullable() })),
	plans: z.array(PlanView),
	tapMeetings: z.array(TapView),
	overdue: z.object({ actions: z.number().int(), reviews: z.number().int() }),
	/** The school's staff, who may own an action or attend a meeting, by name. */
	staff: z.array(z.object({ id: EntityId, name: z.string() }))
});

export type PlanKind = z.infer<typeof PlanKind>;
export type PlanAction = z.infer<typeof PlanAction>;
export type TapAttendee = z.infer<typeof TapAttendee>;
export type PlanBody = z.infer<typeof PlanBody>;
export type PlanReviewBody = z.infer<typeof PlanReviewBody>;
export type TapMinutesBody = z.infer<typeof TapMinutesBody>;
export type ActionView = z.infer<typeof ActionView>;
export type PlanView = z.infer<typeof PlanView>;
export type TapView = z.infer<typeof TapView>;
export type ChronologyKind = z.infer<typeof ChronologyKind>;
export type ChronologyItem = z.infer<typeof ChronologyItem>;
export type Chronology = z.infer<typeof Chronology>;
