import { z } from 'zod';
import { LocalDate } from './primitives';
import { Instant } from './primitives';
import { OnCallDurations, StaffRef, StudentRef, TruancyItem } from './views';

/** Minutes late in a day, per student and per form group (`GET /api/v1/reports/lateness`). */
export const LatenessReport = z.object({
	date: LocalDate,
	students: z.array(
		z.object({
			student: StudentRef,
			formGroup: z.string(),
			sessionMinutes: z.number().int(),
			lessonMinutes: z.number().int(),
			times: z.number().int()
		})
	),
	formGroups: z.array(
		z.object({
			formGroup: z.string(),
			students: z.number().int(),
			times: z.number().int(),
			minutes: z.number().int()
		})
	)
});

export type LatenessReport = z.infer<typeof LatenessReport>;

/**
 * A day's truancy flags and how each ended (`GET /api/v1/reports/truancy`). A flag a register
 * amendment cleared is kept as `corrected`: `resolvedAt` is when the amending register was
 * taken and `correctedBy` who took it.
 */
export const TruancyReport = z.object({
	date: LocalDate,
	flags: z.array(
		TruancyItem.omit({ id: true }).extend({
			outcome: z.enum(['found', 'present_later', 'checked_in_late', 'corrected', 'open']),
			resolvedAt: Instant.nullable(),
			/** Only for `corrected`: who took the amending register. */
			correctedBy: StaffRef.nullable()
		})
	)
});

export type TruancyReport = z.infer<typeof TruancyReport>;

const Comparison = z.object({
	/** Weighted negative behaviour today (severity 1-5 each). */
	today: z.number(),
	/** Mean of the same weekday over the previous weeks with data. */
	baseline: z.number(),
	/** Today well above what the baseline makes likely (a Poisson bound), with at least 3. */
	significant: z.boolean()
});

/** Today against the same weekday's baseline (`GET /api/v1/reports/hotspots`). */
export const HotspotsReport = z.object({
	date: LocalDate,
	/** The dates the baseline was taken from (same weekday, up to four weeks back, with data). */
	baselineDates: z.array(LocalDate),
	rooms: z.array(Comparison.extend({ roomId: z.string(), roomName: z.string(), level: z.number().int() })),
	periods: z.array(Comparison.extend({ periodId: z.string(), name: z.string() })),
	/** Room and period pairs, the finest grain, hottest first. */
	cells: z.array(Comparison.extend({ roomId: z.string(), roomName: z.string(), periodId: z.string() })),
	categories: z.array(z.object({ category: z.string(), today: z.number(), baseline: z.number() }))
});

export type HotspotsReport = z.infer<typeof HotspotsReport>;

/** The 90th percentile of each step's seconds over a group of calls; null where none reached it. */
export const OnCallGroup = z.object({
	key: z.string(),
	label: z.string(),
	calls: z.number().int(),
	p90: OnCallDurations
});

/** A day's on-call response times (`GET /api/v1/reports/oncall`, `&format=csv` for a spreadsheet). */
export const OnCallReport = z.object({
	date: LocalDate,
	overall: OnCallGroup,
	byPeriod: z.array(OnCallGroup),
	byLocation: z.array(OnCallGroup),
	byRequester: z.array(OnCallGroup),
	byResponder: z.array(OnCallGroup),
	freePeriodsInterrupted: z.array(z.object({ staff: StaffRef, count: z.number().int() }))
});

export type OnCallGroup = z.infer<typeof OnCallGroup>;
export type OnCallReport = z.infer<typeof OnCallReport>;
