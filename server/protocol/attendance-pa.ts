import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, Text } from './primitives';

export const TermName = z.enum(['autumn', 'spring', 'summer']);

/** One half term of the school's calendar, from `terms.csv`: the days of teaching, holidays between. */
export const HalfTerm = z.object({
	term: TermName,
	half: z.union([z.literal(1), z.literal(2)]),
	starts: LocalDate,
	ends: LocalDate
});

/** A span of days, both ends included. */
export const DateSpan = z.object({ from: LocalDate, to: LocalDate });

/** Sessions by their statistical reading, and the rates made of them (null with no possible session). */
export const AttendanceFigures = z.object({
	possible: z.number().int(),
	attended: z.number().int(),
	authorised: z.number().int(),
	unauthorised: z.number().int(),
	/** Attended over possible. */
	rate: z.number().nullable(),
	/** Authorised and unauthorised absence over possible: what persistent absence is measured by. */
	absenceRate: z.number().nullable()
});

export const Persistence = z.enum(['severe', 'persistent']);

export const AttendanceGrouping = z.enum(['student', 'form', 'year', 'school']);

/**
 * One row of `GET /api/v1/reports/attendance`. A group (form, year, school) of fewer than five
 * students is suppressed: its figures and counts are null.
 */
export const AttendanceRow = z.object({
	key: z.string(),
	label: z.string(),
	/** Students with a mark in the range. */
	students: z.number().int(),
	suppressed: z.boolean(),
	figures: AttendanceFigures.nullable(),
	/** A student's own reading; for a group, how many of its students are persistent and severe absentees. */
	persistence: Persistence.nullable(),
	persistent: z.number().int().nullable(),
	severe: z.number().int().nullable()
});

export const AttendanceReport = z.object({
	range: DateSpan,
	by: AttendanceGrouping,
	/** Groups of fewer students than this are suppressed. */
	suppressBelow: z.number().int(),
	rows: z.array(AttendanceRow)
});

/** How a term or year of the school's calendar was found: its own `terms.csv`, or England's usual dates. */
export const CalendarSource = z.enum(['terms', 'fallback']);

export const InterventionType = z.enum([
	'first_day_call',
	'letter_1',
	'letter_2',
	'letter_3',
	'parental_meeting',
	'home_visit',
	'eha',
	'attendance_contract',
	'la_referral',
	'fixed_penalty_request'
]);

/** Something the school did about a student's attendance, logged on the PA tracker by the member of staff who did it. */
export const InterventionLogged = event('attendance:intervention-logged', {
	interventionId: EntityId,
	studentId: EntityId,
	/** `type` is the event's own field: the kind of intervention is `kind`. */
	kind: InterventionType,
	date: LocalDate,
	by: EntityId,
	outcome: Text.trim().max(1_000),
	nextReviewOn: LocalDate.optional()
});

/** `POST /api/v1/attendance/interventions?school=ID`: the date defaults to the school's today; the server adds who and when. */
export const InterventionBody = z.strictObject({
	interventionId: EntityId,
	studentId: EntityId,
	kind: InterventionType,
	date: LocalDate.optional(),
	outcome: Text.trim().max(1_000),
	nextReviewOn: LocalDate.optional()
});

export const Intervention = z.object({
	interventionId: EntityId,
	kind: InterventionType,
	date: LocalDate,
	by: z.string(),
	outcome: z.string(),
	nextReviewOn: LocalDate.nullable(),
	loggedAt: Instant,
	/** Its review date has passed with nothing logged for the student since. */
	overdue: z.boolean(),
	/** Attendance in the four weeks before the intervention and the four after it (to today, so far). */
	before: AttendanceFigures,
	after: AttendanceFigures,
	/** The four weeks after it are all in the past. */
	afterComplete: z.boolean()
});

export const WeekRate = z.object({ monday: LocalDate, rate: z.number().nullable() });

export const PaStatus = z.enum(['severe', 'persistent', 'at_risk']);

export const PaStudent = z.object({
	studentId: EntityId,
	name: z.string(),
	yearGroup: z.number().int(),
	formGroup: z.string(),
	/**
	 * The worst of term and year to date; `at_risk` for a student neither yet, projected over 10%
	 * by the end of the term; null for a student listed only for an intervention logged this year.
	 */
	status: PaStatus.nullable(),
	term: AttendanceFigures,
	termPersistence: Persistence.nullable(),
	year: AttendanceFigures,
	yearPersistence: Persistence.nullable(),
	/** Absence at the end of the term if the rest of it goes as this half term has. */
	projectedAbsenceRate: z.number().nullable(),
	weeks: z.array(WeekRate),
	interventions: z.array(Intervention),
	overdueReviews: z.number().int()
});

export const PaReport = z.object({
	school: z.string(),
	date: LocalDate,
	calendar: CalendarSource,
	term: HalfTerm.omit({ half: true }),
	halfTerm: HalfTerm,
	year: DateSpan,
	thresholds: z.object({ persistent: z.number(), severe: z.number() }),
	students: z.array(PaStudent),
	/** `persistent` counts severe absentees too, as persistent absence does. */
	counts: z.object({ severe: z.number().int(), persistent: z.number().int(), atRisk: z.number().int(), overdueReviews: z.number().int() })
});

export type TermName = z.infer<typeof TermName>;
export type HalfTerm = z.infer<typeof HalfTerm>;
export type DateSpan = z.infer<typeof DateSpan>;
export type AttendanceFigures = z.infer<typeof AttendanceFigures>;
export type AttendanceGrouping = z.infer<typeof AttendanceGrouping>;
export type AttendanceRow = z.infer<typeof AttendanceRow>;
export type AttendanceReport = z.infer<typeof AttendanceReport>;
export type CalendarSource = z.infer<typeof CalendarSource>;
export type InterventionType = z.infer<typeof InterventionType>;
export type InterventionBody = z.infer<typeof InterventionBody>;
export type Intervention = z.infer<typeof Intervention>;
export type WeekRate = z.infer<typeof WeekRate>;
export type PaStatus = z.infer<typeof PaStatus>;
export type PaStudent = z.infer<typeof PaStudent>;
export type PaReport = z.infer<typeof PaReport>;
