import { z } from 'zod';
import { DateSpan } from './attendance-pa';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, Text } from './primitives';

/** A form group's weekly RAG report marked as sent to its tutor, by the member of staff who sent it. */
export const RagSent = event('attendance:rag-sent', {
	/** The Monday of the week the report is about. */
	week: LocalDate,
	formGroup: Text.trim().min(1).max(20),
	by: EntityId
});

/** `POST /api/v1/attendance/rag-sent?school=ID`: the server adds who and when. */
export const RagSentBody = z.strictObject({ week: LocalDate, formGroup: Text.trim().min(1).max(20) });

export const RagBand = z.enum(['green', 'amber', 'red']);

/** A rate (attended over possible) and its band; both null with no possible session. */
export const RagCell = z.object({ rate: z.number().nullable(), band: RagBand.nullable() });

export const RagStudent = z.object({
	studentId: EntityId,
	name: z.string(),
	week: RagCell,
	term: RagCell,
	year: RagCell,
	/** Attendance this week below the student's four weeks before it. */
	dipped: z.boolean()
});

export const RagGroup = z.object({
	formGroup: z.string(),
	yearGroup: z.number().int().nullable(),
	students: z.array(RagStudent),
	/** Each time the group's report for this week was marked as sent, oldest first. */
	sent: z.array(z.object({ at: Instant, by: z.string() }))
});

/** `GET /api/v1/reports/rag`: the week's RAG report, one group per form. */
export const RagReport = z.object({
	school: z.string(),
	week: DateSpan,
	term: DateSpan,
	year: DateSpan,
	/** Lower bounds, as percentages: green from `green`, amber from `amber`, red below. */
	bands: z.object({ green: z.number(), amber: z.number() }),
	/** The reference data names no tutor per form: reports go to the form group. */
	tutorsKnown: z.literal(false),
	groups: z.array(RagGroup)
});

export type RagSentBody = z.infer<typeof RagSentBody>;
export type RagBand = z.infer<typeof RagBand>;
export type RagCell = z.infer<typeof RagCell>;
export type RagStudent = z.infer<typeof RagStudent>;
export type RagGroup = z.infer<typeof RagGroup>;
export type RagReport = z.infer<typeof RagReport>;
