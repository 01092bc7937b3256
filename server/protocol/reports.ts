import { z } from 'zod';
import { LocalDate } from './primitives';
import { Instant } from './primitives';
import { StudentRef, TruancyItem } from './views';

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

/** A day's truancy flags and how each ended (`GET /api/v1/reports/truancy`). */
export const TruancyReport = z.object({
	date: LocalDate,
	flags: z.array(
		TruancyItem.omit({ id: true }).extend({
			outcome: z.enum(['found', 'present_later', 'checked_in_late', 'open']),
			resolvedAt: Instant.nullable()
		})
	)
});

export type TruancyReport = z.infer<typeof TruancyReport>;
