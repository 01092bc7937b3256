import { z } from 'zod';
import { AttendanceCode } from './attendance-codes';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, Text } from './primitives';

/** A family told that a correction made today leaves their child with a clean slate. */
export const AttendanceParentTold = event('attendance:parent-told', {
	studentId: EntityId,
	/** The day the corrections were made. */
	date: LocalDate,
	/** What was corrected, as the list showed it when the family was told. */
	what: Text.min(1).max(500),
	by: EntityId
});

/** `POST /api/v1/attendance/parents-told?school=ID`: the server adds what, who and when. */
export const ParentToldBody = z.strictObject({ studentId: EntityId, date: LocalDate });

export const MarkCorrection = z.object({
	/** The session the mark is for (a correction can be made days later). */
	date: LocalDate,
	session: z.enum(['AM', 'PM']),
	from: AttendanceCode,
	to: AttendanceCode,
	at: Instant,
	/** Who took the register that corrected it. */
	by: z.string()
});

export const CorrectedStudent = z.object({
	studentId: EntityId,
	name: z.string(),
	formGroup: z.string(),
	corrections: z.array(MarkCorrection),
	/** The corrections in a line, as the family is told them. */
	what: z.string(),
	told: z.object({ at: Instant, by: z.string() }).nullable()
});

export const CorrectionsReport = z.object({
	school: z.string(),
	date: LocalDate,
	timezone: z.string(),
	/** Students with a session mark changed that day: the families to tell. */
	students: z.array(CorrectedStudent),
	/** What else could clear a slate and why it is not listed. */
	notes: z.array(z.string())
});

export type MarkCorrection = z.infer<typeof MarkCorrection>;
export type CorrectedStudent = z.infer<typeof CorrectedStudent>;
export type CorrectionsReport = z.infer<typeof CorrectionsReport>;
