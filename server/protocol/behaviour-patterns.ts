import { z } from 'zod';
import { HalfTerm } from './attendance-pa';
import { LocalDate } from './primitives';

/** What patterns count: negative behaviour events, on-call removals to the Reflection Room, Reflection Room bookings. */
export const PatternCounts = z.object({ negative: z.number().int(), removals: z.number().int(), bookings: z.number().int() });

export const PatternDimension = z.enum(['teacher', 'subject', 'year', 'period', 'weekday', 'room']);

/** One group's counts this half term and last. */
export const PatternRow = z.object({ key: z.string(), label: z.string(), thisHalf: PatternCounts, lastHalf: PatternCounts });

/**
 * One group of students sharing a characteristic (SEND, FSM), in aggregate only. A group of fewer
 * than five students is suppressed whole, and any count from 1 to 4 is blanked (null); then, in
 * each figure, other groups are blanked too, so that no blank can be worked out from the total
 * and the rest. No figure small enough to point at a child is ever given or left derivable.
 */
export const CharacteristicRow = z.object({
	characteristic: z.enum(['send', 'fsm']),
	key: z.string(),
	label: z.string(),
	/** Students in the group; null when suppressed, or hidden so that a suppressed group's size cannot be worked out. */
	students: z.number().int().nullable(),
	suppressed: z.boolean(),
	thisHalf: z.object({ negative: z.number().int().nullable(), removals: z.number().int().nullable(), pupilsRemoved: z.number().int().nullable() }),
	/** Removals per 100 students of the group this half term; null when either count is. */
	removalsPer100: z.number().nullable()
});

export const Trend = z.enum(['falling', 'rising', 'steady', 'unknown']);

/** The questions inspectors ask about removals from lessons, answered for this half term against the last. */
export const RemovalQuestions = z.object({
	removals: z.object({ thisHalf: z.number().int(), lastHalf: z.number().int() }),
	pupilsRemoved: z.object({ thisHalf: z.number().int(), lastHalf: z.number().int() }),
	/** Pupils removed more than once this half term, and the share of removals that were theirs. */
	pupilsRemovedRepeatedly: z.number().int(),
	repeatShare: z.number().nullable(),
	/** Minutes students spent in the Reflection Room (checked in to checked out, or as booked). */
	minutesOutOfLessons: z.object({ thisHalf: z.number().int(), lastHalf: z.number().int() }),
	/** Removals per school day this half term against the last. */
	perDay: z.object({ thisHalf: z.number().nullable(), lastHalf: z.number().nullable() }),
	trend: Trend,
	/** Removals by week of this half term (its Monday). */
	weeks: z.array(z.object({ monday: LocalDate, removals: z.number().int() }))
});

export const PatternsReport = z.object({
	school: z.string(),
	date: LocalDate,
	thisHalf: HalfTerm,
	lastHalf: HalfTerm.nullable(),
	suppressBelow: z.number().int(),
	groups: z.record(PatternDimension, z.array(PatternRow)),
	characteristics: z.array(CharacteristicRow),
	removals: RemovalQuestions
});

export const WeeklyStudentRow = z.object({
	studentId: z.string(),
	name: z.string(),
	formGroup: z.string(),
	negative: z.number().int(),
	removals: z.number().int(),
	bookings: z.number().int()
});

/**
 * How the weekly report sets one week against another, like with like: `full`, a whole school week
 * that is over against the week before it; `so_far`, a week still running from its Monday to now
 * against the same weekdays of the week before, to the same time of day.
 */
export const WeeklyCompare = z.enum(['full', 'so_far']);

/** A span of the weekly report: Monday to Sunday, or to `through` (a date and its time, `HH:MM`) when cut short. */
export const WeeklySpan = z.object({ from: LocalDate, to: LocalDate, through: z.object({ date: LocalDate, time: z.string() }).nullable() });

/** `GET /api/v1/reports/behaviour-weekly`: a week for senior leaders, against the week before, like with like. */
export const BehaviourWeekly = z.object({
	school: z.string(),
	schoolName: z.string(),
	compare: WeeklyCompare,
	week: WeeklySpan,
	/** What the week is set against: the week before, to the same weekday and time when `compare` is `so_far`. */
	lastWeek: WeeklySpan,
	totals: z.object({ thisWeek: PatternCounts.extend({ positive: z.number().int() }), lastWeek: PatternCounts.extend({ positive: z.number().int() }) }),
	byDay: z.array(z.object({ date: LocalDate, negative: z.number().int(), removals: z.number().int(), bookings: z.number().int() })),
	byCategory: z.array(z.object({ category: z.string(), thisWeek: z.number().int(), lastWeek: z.number().int() })),
	/** Students with three or more negative events, a removal or a booking in the week: who may need support. */
	students: z.array(WeeklyStudentRow),
	plans: z.object({ recorded: z.number().int(), tapMeetings: z.number().int(), overdueActions: z.number().int(), overdueReviews: z.number().int() })
});

export type PatternCounts = z.infer<typeof PatternCounts>;
export type PatternDimension = z.infer<typeof PatternDimension>;
export type PatternRow = z.infer<typeof PatternRow>;
export type CharacteristicRow = z.infer<typeof CharacteristicRow>;
export type Trend = z.infer<typeof Trend>;
export type RemovalQuestions = z.infer<typeof RemovalQuestions>;
export type PatternsReport = z.infer<typeof PatternsReport>;
export type WeeklyStudentRow = z.infer<typeof WeeklyStudentRow>;
export type BehaviourWeekly = z.infer<typeof BehaviourWeekly>;
export type WeeklyCompare = z.infer<typeof WeeklyCompare>;
export type WeeklySpan = z.infer<typeof WeeklySpan>;
