import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, LocalTime, Text } from './primitives';

/** Someone the school calls about a student: from the MIS's `contacts.csv`. */
export const Contact = z.object({
	studentId: EntityId,
	name: Text.min(1).max(120),
	/** As the MIS has it: `Mother`, `Grandfather`, `Foster carer`, ... */
	relationship: Text.min(1).max(60),
	/** 1 is called first. */
	priority: z.number().int().min(1).max(20),
	phones: z.array(Text.min(1).max(40)).min(1).max(5),
	email: Text.max(200).optional(),
	parentalResponsibility: z.boolean(),
	livesWith: z.boolean()
});

export const CallOutcome = z.enum(['reached', 'voicemail', 'no_answer', 'wrong_number']);

/**
 * One first-day call to a student's family, logged by the member of staff who made it. The
 * contact is the student's contact at that place of the list by priority (0 is called first).
 */
export const AttendanceCallLogged = event('attendance:call-logged', {
	callId: EntityId,
	studentId: EntityId,
	date: LocalDate,
	contactIndex: z.number().int().min(0).max(99),
	outcome: CallOutcome,
	/** What the family said: with a reached call, it asks the register to be corrected. */
	reason: Text.trim().max(300).optional(),
	by: EntityId
});

/** `POST /api/v1/attendance/calls?school=ID`: a call as the page sends it; the server adds who and when. */
export const CallBody = z.strictObject({
	/** At most 100 characters: the event's id is `call-` and this. */
	callId: EntityId.max(100),
	studentId: EntityId,
	contactIndex: z.number().int().min(0).max(99),
	outcome: CallOutcome,
	reason: Text.trim().max(300).optional()
});

/** `POST /api/v1/attendance/contacts?school=ID`: show one student's contacts (audited). */
export const ContactsBody = z.strictObject({ studentId: EntityId });

export const ContactsAnswer = z.object({ ok: z.literal(true), data: z.object({ studentId: EntityId, contacts: z.array(Contact) }) });

export const FirstDayCall = z.object({
	callId: EntityId,
	at: Instant,
	contactIndex: z.number().int(),
	/** The contact's relationship, so the list reads without revealing who they are. */
	relationship: z.string(),
	outcome: CallOutcome,
	reason: z.string().nullable(),
	by: z.string()
});

/** A student the first-day list is about: no AM mark, or `N`, once the AM register closed. */
export const FirstDayStudent = z.object({
	studentId: EntityId,
	name: z.string(),
	yearGroup: z.number().int(),
	formGroup: z.string(),
	/** The AM mark, or null when there is none. */
	code: z.string().nullable(),
	contacts: z.number().int(),
	/** Each contact's relationship, in the order they are called: who to ask for, without who they are. */
	relationships: z.array(z.string()),
	calls: z.array(FirstDayCall),
	/** A contact was reached: the student is off the open list. */
	reached: z.boolean(),
	/** The contact to call next (by priority), or null when every contact has been tried. */
	nextContactIndex: z.number().int().nullable(),
	nextRelationship: z.string().nullable(),
	/** Nobody reached by the school's `firstDayCallsBy`. */
	flagged: z.boolean()
});

/** A reason a family gave: the register should be corrected until its mark changes from `N` or none. */
export const CorrectionRequest = z.object({
	callId: EntityId,
	studentId: EntityId,
	name: z.string(),
	formGroup: z.string(),
	date: LocalDate,
	session: z.enum(['AM', 'PM']),
	reason: z.string(),
	by: z.string(),
	at: Instant
});

export const FirstDayReport = z.object({
	date: LocalDate,
	/** When the AM register closes (or closed), local time; null on a day without one. */
	closesAt: LocalTime.nullable(),
	callsBy: LocalTime,
	/** The list opens when the AM register closes. */
	open: z.boolean(),
	/** Students still to reach, flagged ones first, then by year, form and name. */
	toCall: z.array(FirstDayStudent),
	reached: z.array(FirstDayStudent),
	corrections: z.array(CorrectionRequest)
});

/**
 * The live count: today's first-day calls still open, never a name. The redacted tier (walls,
 * patrol) gets null for a count from 1 to 4: a group under five is not shown outside the named roles.
 */
export const FirstDayCallsItem = z.object({
	id: z.literal('first-day'),
	date: LocalDate,
	open: z.number().int().nullable(),
	flagged: z.number().int().nullable()
});

export type Contact = z.infer<typeof Contact>;
export type CallOutcome = z.infer<typeof CallOutcome>;
export type CallBody = z.infer<typeof CallBody>;
export type FirstDayCall = z.infer<typeof FirstDayCall>;
export type FirstDayStudent = z.infer<typeof FirstDayStudent>;
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;
export type FirstDayReport = z.infer<typeof FirstDayReport>;
export type FirstDayCallsItem = z.infer<typeof FirstDayCallsItem>;
