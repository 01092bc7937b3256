import { z } from 'zod';
import { LocalDate } from './primitives';
import { StudentRef } from './views';

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
