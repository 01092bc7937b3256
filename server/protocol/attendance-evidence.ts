import { z } from 'zod';
import { AttendanceCode } from './attendance-codes';
import { CallOutcome } from './attendance-first-day';
import { AttendanceFigures, CalendarSource, DateSpan, InterventionType, Persistence } from './attendance-pa';
import { EntityId, Instant, LocalDate, LocalTime, SchoolId } from './primitives';

/**
 * `GET /api/v1/reports/evidence?school=ID&student=ID&from=&to=&format=json|csv`: one student's
 * evidence pack for the Local Authority. Without `to`, the school's today; without `from`, the
 * first day of the academic year `to` is in. Every pack produced is written to the audit log.
 */
export const EvidenceQuery = z.object({
	school: SchoolId,
	student: EntityId,
	from: LocalDate.optional(),
	to: LocalDate.optional(),
	format: z.enum(['json', 'csv']).default('json')
});

/** Who the pack is about: only what the school's data holds (Lookout keeps no UPN or date of birth). */
export const EvidenceStudent = z.object({
	studentId: EntityId,
	/** `Family, Given`, as the desk lists students. */
	name: z.string(),
	yearGroup: z.number().int(),
	formGroup: z.string()
});

/** Attendance over one span, with the persistence it amounts to (England's 10% and 50% lines). */
export const EvidencePeriod = z.object({
	from: LocalDate,
	to: LocalDate,
	figures: AttendanceFigures,
	persistence: Persistence.nullable()
});

/** One weekday of the grid: the AM and PM codes as registered, null where there is no mark or the day is outside the range. */
export const EvidenceDay = z.object({ date: LocalDate, am: AttendanceCode.nullable(), pm: AttendanceCode.nullable() });

/** One week from Monday: Monday to Friday's codes, and the week's figures within the range. */
export const EvidenceWeek = z.object({
	monday: LocalDate,
	/** Always five: Monday to Friday. */
	days: z.array(EvidenceDay).length(5),
	figures: AttendanceFigures
});

export const EvidenceEntryKind = z.enum(['call', 'letter', 'parent_told', 'intervention']);

/** Attendance in the four weeks before an intervention and the four after it (to the pack's end, so far). */
export const EvidenceImpact = z.object({ before: AttendanceFigures, after: AttendanceFigures, afterComplete: z.boolean() });

/**
 * One thing the school did, as the chronology lists it. Fields that do not apply to its kind are
 * null. A call names the contact's relationship, never their name or number.
 */
export const EvidenceEntry = z.object({
	id: z.string(),
	kind: EvidenceEntryKind,
	/** Local date it happened (an intervention's own date, which may be before it was logged). */
	date: LocalDate,
	/** Local time it was recorded, or null for an intervention, which is dated only. */
	time: LocalTime.nullable(),
	/** What was done, in words: `First-day call`, `Minutes-late letter for 2 Nov to 20 Nov 2026`, ... */
	what: z.string(),
	/** The member of staff's full name where Lookout knows it, else their user id. */
	staff: z.string(),
	outcome: z.string(),
	callOutcome: CallOutcome.nullable(),
	relationship: z.string().nullable(),
	/** The reason the family gave on a call. */
	reason: z.string().nullable(),
	interventionKind: InterventionType.nullable(),
	nextReviewOn: LocalDate.nullable(),
	impact: EvidenceImpact.nullable()
});

/** Sessions of each unauthorised code in the range: what a fixed penalty or prosecution rests on. */
export const UnauthorisedCodeCounts = z.object({ N: z.number().int(), O: z.number().int(), G: z.number().int(), U: z.number().int() });

export const EvidencePack = z.object({
	school: z.string(),
	timezone: z.string(),
	student: EvidenceStudent,
	range: DateSpan,
	producedAt: Instant,
	/** The person who asked for the pack, by name. */
	producedBy: z.string(),
	calendar: CalendarSource,
	/** The range asked for; the term and the academic year to the range's end. */
	summary: z.object({ range: EvidencePeriod, term: EvidencePeriod, year: EvidencePeriod }),
	/** The worse of term and year to date. */
	persistence: Persistence.nullable(),
	unauthorisedCodes: UnauthorisedCodeCounts,
	/** Every week from the one the range starts in, oldest first. */
	weeks: z.array(EvidenceWeek),
	/** Calls, letters, families told of corrections and interventions in the range, oldest first. */
	chronology: z.array(EvidenceEntry),
	notes: z.array(z.string())
});

export type EvidenceQuery = z.infer<typeof EvidenceQuery>;
export type EvidenceStudent = z.infer<typeof EvidenceStudent>;
export type EvidencePeriod = z.infer<typeof EvidencePeriod>;
export type EvidenceDay = z.infer<typeof EvidenceDay>;
export type EvidenceWeek = z.infer<typeof EvidenceWeek>;
export type EvidenceEntryKind = z.infer<typeof EvidenceEntryKind>;
export type EvidenceImpact = z.infer<typeof EvidenceImpact>;
export type EvidenceEntry = z.infer<typeof EvidenceEntry>;
export type UnauthorisedCodeCounts = z.infer<typeof UnauthorisedCodeCounts>;
export type EvidencePack = z.infer<typeof EvidencePack>;
