import { z } from 'zod';
import { AttendanceCode } from './attendance-codes';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, Text } from './primitives';

/** A family told that a correction or a sanction cleared today leaves their child with a clean slate. */
export const AttendanceParentTold = event('attendance:parent-told', {
	studentId: EntityId,
	/** The day the corrections were made and the sanctions cleared. */
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

/** A Reflection Room booking cancelled (`reflection:cancelled`): a sanction cleared. */
export const ClearedSanction = z.object({
	bookingId: EntityId,
	/** What was cleared, e.g. `Reflection Room booking for Period 3 on Thu 3 Dec`. */
	sanction: z.string(),
	/** The local date and period the booking was for. */
	date: LocalDate,
	periodId: EntityId,
	roomId: EntityId,
	/** What the booking was for. */
	bookedFor: z.string(),
	/** Why it was cleared. */
	reason: z.string(),
	at: Instant,
	/** Who cleared it: their staff code, or their name. */
	by: z.string()
});

export const CorrectedStudent = z.object({
	studentId: EntityId,
	name: z.string(),
	formGroup: z.string(),
	/** Marks corrected that day (none when only a sanction was cleared). */
	corrections: z.array(MarkCorrection),
	/** Sanctions cleared that day (none when only marks were corrected). */
	sanctions: z.array(ClearedSanction),
	/** The corrections and cleared sanctions in a line, as the family is told them (at most 500 characters). */
	what: z.string(),
	told: z.object({ at: Instant, by: z.string() }).nullable()
});

export const CorrectionsReport = z.object({
	school: z.string(),
	date: LocalDate,
	timezone: z.string(),
	/** Students with a session mark changed or a sanction cleared that day: the families to tell, each once. */
	students: z.array(CorrectedStudent),
	/** What else could clear a slate and why it is not listed (none today). */
	notes: z.array(z.string())
});

export type MarkCorrection = z.infer<typeof MarkCorrection>;
export type ClearedSanction = z.infer<typeof ClearedSanction>;
export type CorrectedStudent = z.infer<typeof CorrectedStudent>;
export type CorrectionsReport = z.infer<typeof CorrectionsReport>;
