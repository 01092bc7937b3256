import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, SchoolId, Text } from './primitives';

/**
 * The reasons of the DfE's school census for a suspension or permanent exclusion: physical
 * assault on a pupil (PP) or an adult (PA), verbal abuse or threatening behaviour against a pupil
 * (VP) or an adult (VA), use or threat of an offensive weapon (OW), bullying (BU), racist (RA) and
 * abuse against sexual orientation or gender identity (LG), against a disability (DS), sexual
 * misconduct (SM), drug and alcohol related (DA), damage (DM), theft (TH), persistent disruptive
 * behaviour (DB), inappropriate use of social media or online technology (MT), wilful and repeated
 * transgression of protective measures in place to protect public health (PH).
 */
export const SuspensionReason = z.enum(['PP', 'PA', 'VP', 'VA', 'OW', 'BU', 'RA', 'LG', 'DS', 'SM', 'DA', 'DM', 'TH', 'DB', 'MT', 'PH']);
export type SuspensionReason = z.infer<typeof SuspensionReason>;

export const SUSPENSION_REASON_LABELS: Readonly<Record<SuspensionReason, string>> = {
	PP: 'physical assault against a pupil',
	PA: 'physical assault against an adult',
	VP: 'verbal abuse or threatening behaviour against a pupil',
	VA: 'verbal abuse or threatening behaviour against an adult',
	OW: 'use or threat of use of an offensive weapon or prohibited item',
	BU: 'bullying',
	RA: 'racist abuse',
	LG: 'abuse against sexual orientation or gender identity',
	DS: 'abuse relating to disability',
	SM: 'sexual misconduct',
	DA: 'drug and alcohol related',
	DM: 'damage',
	TH: 'theft',
	DB: 'persistent disruptive behaviour',
	MT: 'inappropriate use of social media or online technology',
	PH: 'wilful and repeated transgression of protective measures in place to protect public health'
};

export const SuspensionKind = z.enum(['suspension', 'permanent_exclusion']);

export const SuspensionSession = z.enum(['AM', 'PM']);

/** Who must be told of a suspension, and how they were told. */
export const NotifiedParty = z.enum(['parents', 'local_authority', 'governors']);
export const NotifiedHow = z.enum(['letter', 'email', 'phone']);

/** The most sessions one suspension may last: 45 school days, the year's limit. */
export const MAX_SUSPENSION_SESSIONS = 90;

/**
 * What a suspension says, as the desk sends it and the log keeps it.
 *
 * Length is counted in half-day sessions, as registers and the census count it: a day is two
 * sessions, so `sessions: 5` is two and a half days. A suspension starts at `starts.session` of
 * `starts.date` and runs over the school's next sessions (weekdays within its terms). A lunchtime
 * suspension (`lunchtime: true`) keeps the student out over lunch only: each lunchtime counts as
 * half a day (one session), one lunchtime a school day, and no register session is marked by it.
 */
const suspensionShape = {
	studentId: EntityId,
	kind: SuspensionKind,
	starts: z.strictObject({ date: LocalDate, session: SuspensionSession }),
	/**
	 * Half-day sessions (a day is 2); for a lunchtime suspension, the number of lunchtimes. For a
	 * permanent exclusion, the sessions until the student leaves the roll (marked `E` meanwhile);
	 * it is not counted in the suspension totals.
	 */
	sessions: z.number().int().min(1).max(MAX_SUSPENSION_SESSIONS),
	lunchtime: z.boolean().default(false),
	/** One to three census reasons, the main one first, none twice. */
	reasons: z
		.array(SuspensionReason)
		.min(1, 'name at least one reason')
		.max(3, 'at most three reasons')
		.refine((r) => new Set(r).size === r.length, 'names a reason twice'),
	/** The headteacher (or acting head) who decided, as the letter names them. */
	decisionMaker: Text.trim().min(1, 'is needed: the headteacher who decided').max(100),
	notes: Text.trim().max(2_000).default(''),
	/** The suspension keeps the student from a public examination or national curriculum test. */
	missesPublicExam: z.boolean().default(false)
};

/**
 * A suspension or permanent exclusion decided. Server-only: it is recorded from the behaviour desk
 * (`POST /api/v1/suspensions`), which refuses one that would take the student's year over 45 days;
 * an integration key sending it straight to the log would pass that check by.
 */
export const SuspensionRecorded = event('suspension:recorded', {
	suspensionId: EntityId,
	...suspensionShape,
	/** Who recorded it (staff id; a person without one, their user id). */
	by: EntityId
});

/** Parents, the Local Authority or the governing board told of a suspension: how, when and by whom. Server-only. */
export const SuspensionNotified = event('suspension:notified', {
	suspensionId: EntityId,
	who: NotifiedParty,
	how: NotifiedHow,
	at: Instant,
	by: EntityId
});

/**
 * Why a suspension was withdrawn: the headteacher withdrew it before it was served
 * (`not_served`) or part-way through (`withdrawn_by_headteacher`), the governing board
 * reinstated the student (`reinstated_by_governors`), or it was recorded for the wrong student
 * or never decided (`recorded_in_error`).
 */
export const WithdrawalReason = z.enum(['not_served', 'withdrawn_by_headteacher', 'reinstated_by_governors', 'recorded_in_error']);
export type WithdrawalReason = z.infer<typeof WithdrawalReason>;

export const WITHDRAWAL_REASON_LABELS: Readonly<Record<WithdrawalReason, string>> = {
	not_served: 'withdrawn before it was served',
	withdrawn_by_headteacher: 'withdrawn by the headteacher',
	reinstated_by_governors: 'governors reinstated the student',
	recorded_in_error: 'recorded in error'
};

/** Why a record was corrected, as the log shows it beside the amendment. */
const CorrectionNote = Text.trim().max(500).default('');

/**
 * A suspension's record corrected: the full shape as it now stands (student and kind as before;
 * a different student or kind is a different decision). Totals, thresholds, `E` marks, the
 * letter and the LA return follow it. Server-only, like `suspension:recorded`.
 */
export const SuspensionAmended = event('suspension:amended', {
	suspensionId: EntityId,
	...suspensionShape,
	/** What was corrected and why, in a few words. */
	why: CorrectionNote,
	by: EntityId
});

/**
 * A suspension withdrawn: it leaves the totals, the thresholds and the `E` marks, and stays in
 * the log marked withdrawn, with who, when and why. Server-only.
 */
export const SuspensionWithdrawn = event('suspension:withdrawn', {
	suspensionId: EntityId,
	reason: WithdrawalReason,
	note: Text.trim().max(1_000).default(''),
	by: EntityId
});

/** What a suspension letter may say in double braces, each filled in per suspension. */
export const SUSPENSION_LETTER_PLACEHOLDERS = ['student', 'form', 'kind', 'from', 'to', 'days', 'reasons', 'decision_maker', 'school', 'date'] as const;

export type SuspensionPlaceholder = (typeof SUSPENSION_LETTER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The template with each placeholder replaced by its value. */
export function fillSuspensionLetter(body: string, values: Record<SuspensionPlaceholder, string>): string {
	return body.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as SuspensionPlaceholder] : whole));
}

export const SuspensionTemplateText = Text.trim()
	.min(1)
	.max(6_000)
	.superRefine((body, ctx) => {
		const known: ReadonlySet<string> = new Set(SUSPENSION_LETTER_PLACEHOLDERS);
		const unknown = [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].filter((n) => !known.has(n));
		if (unknown.length > 0)
			ctx.addIssue({
				code: 'custom',
				message: `has placeholder(s) Lookout cannot fill: ${unknown.map((u) => `{{${u}}}`).join(', ')} (it fills ${SUSPENSION_LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`
			});
	});

/** The school's own wording of the letter to parents; it replaces the one before. Server-only. */
export const SuspensionTemplateSet = event('suspension:template-set', { body: SuspensionTemplateText, by: EntityId });

/** Until a school words its own, the letter to parents says this. */
export const DEFAULT_SUSPENSION_LETTER = [
	'Dear parent or carer,',
	'',
	'I am writing to tell you that I have decided that {{student}} ({{form}}) is to be given a {{kind}} from {{from}} to {{to}}: {{days}} school day(s) in all.',
	'',
	'The reason(s): {{reasons}}.',
	'',
	'During the first five school days of a suspension, {{student}} must not be present in a public place during school hours without good reason; you may be given a fixed penalty notice if they are. Work will be set and marked.',
	'',
	'You have the right to make representations about this decision to the governing board. Should you wish to, please write to the clerk to the governors at the school. You may also ask to see {{student}}’s school record.',
	'',
	'Yours sincerely,',
	'',
	'{{decision_maker}}',
	'{{school}}, {{date}}'
].join('\n');

/**
 * `POST /api/v1/suspensions?school=ID`: the server adds who and when, and the id when none is
 * given; a second post with the same `suspensionId` stores nothing (a resend).
 */
export const SuspensionBody = z.strictObject({ suspensionId: EntityId.optional(), ...suspensionShape });

/**
 * `POST /api/v1/suspensions/:suspensionId/amend?school=ID`: the corrected record, whole (the
 * desk's form, prefilled). The same content again stores nothing.
 */
export const SuspensionAmendBody = z.strictObject({ ...suspensionShape, why: CorrectionNote });

/** `POST /api/v1/suspensions/:suspensionId/withdraw?school=ID`. */
export const SuspensionWithdrawBody = z.strictObject({ reason: WithdrawalReason, note: Text.trim().max(1_000).default('') });

/** `POST /api/v1/suspensions/:suspensionId/notified?school=ID`: `at` defaults to now and may not be in the future. */
export const NotifiedBody = z.strictObject({ who: NotifiedParty, how: NotifiedHow, at: Instant.optional() });

/** `POST /api/v1/suspensions/letter-template?school=ID`. */
export const SuspensionTemplateBody = z.strictObject({ body: SuspensionTemplateText });

/** Where a threshold stands: not near, within two days of it (one for the 5 and 15), or crossed. */
export const ThresholdState = z.enum(['clear', 'approaching', 'crossed']);

export const Notification = z.object({
	who: NotifiedParty,
	/** The last day to tell them (school's local date): see `docs/api.md`. */
	due: LocalDate,
	told: z.object({ how: NotifiedHow, at: Instant, by: z.string() }).nullable(),
	/**
	 * Told before the record was last amended: they need telling again, by `due` (counted from
	 * the amendment). `told` still says when they were told the earlier version.
	 */
	retell: z.boolean(),
	overdue: z.boolean()
});

export const SuspensionRow = z.object({
	suspensionId: EntityId,
	studentId: EntityId,
	name: z.string(),
	formGroup: z.string(),
	kind: SuspensionKind,
	starts: z.object({ date: LocalDate, session: SuspensionSession }),
	/** The last school day it covers. */
	ends: LocalDate,
	sessions: z.number().int(),
	lunchtime: z.boolean(),
	/** Sessions over two: a lunchtime is half a day. */
	days: z.number(),
	reasons: z.array(SuspensionReason),
	decisionMaker: z.string(),
	notes: z.string(),
	missesPublicExam: z.boolean(),
	recordedAt: Instant,
	recordedBy: z.string(),
	/**
	 * The first day of this suspension from which the school must arrange full-time education:
	 * the sixth school day of the run of back-to-back suspensions it belongs to (one beginning the
	 * session after another ends); null when the run is five days or fewer by then, or for lunchtimes.
	 */
	provisionFrom: LocalDate.nullable(),
	/** Days of the run of back-to-back suspensions this one belongs to (its own days when alone; 0 once withdrawn). */
	runDays: z.number(),
	/** The latest correction, and how many there have been; null when never amended. */
	amended: z.object({ at: Instant, by: z.string(), why: z.string(), times: z.number().int() }).nullable(),
	/** Withdrawn: out of the totals and the register, kept in the log. */
	withdrawn: z.object({ at: Instant, by: z.string(), reason: WithdrawalReason, note: z.string() }).nullable(),
	notifications: z.array(Notification),
	/** The parents' letter, filled in. */
	letter: z.string()
});

/** A student's suspension days in a term and in the year, and where each threshold stands. */
export const SuspensionTotals = z.object({
	studentId: EntityId,
	name: z.string(),
	formGroup: z.string(),
	term: z.string(),
	termDays: z.number(),
	yearDays: z.number(),
	missesPublicExam: z.boolean(),
	permanentlyExcluded: z.boolean(),
	/** More than 5 days in a term: parents may make representations to the governing board. */
	representations: ThresholdState,
	/** More than 15 days in a term, a missed public exam or a permanent exclusion: governors must consider reinstatement. */
	reinstatement: ThresholdState,
	/** 45 days in a year: the limit. `crossed` once reached. */
	yearLimit: ThresholdState,
	/** The latest sixth day of a run of back-to-back suspensions in the year: full-time education from then. */
	provisionFrom: LocalDate.nullable()
});

export const SuspensionReport = z.object({
	school: z.string(),
	/** The school's name, as its letters are headed. */
	schoolName: z.string(),
	from: LocalDate,
	to: LocalDate,
	today: LocalDate,
	suspensions: z.array(SuspensionRow),
	totals: z.array(SuspensionTotals),
	template: z.object({ body: z.string(), setAt: Instant.nullable(), setBy: z.string().nullable() })
});

/** A student the record form may pick: id, name and form. */
export const SuspensionStudent = z.object({ studentId: EntityId, name: z.string(), formGroup: z.string() });

/** The most students one search of the record form's picker answers. */
export const STUDENT_SEARCH_LIMIT = 20;

/**
 * `GET /api/v1/suspensions/students?school=ID&q=TEXT`: the record form's picker. `q` (two
 * characters or more) is matched against each word of the name, the form and the id.
 */
export const SuspensionStudentsQuery = z.object({ school: SchoolId, q: Text.trim().min(2, 'type two characters or more').max(60) });

/** The students `q` found, by form then name, at most `STUDENT_SEARCH_LIMIT`; `more` when others matched too. */
export const SuspensionStudents = z.object({ students: z.array(SuspensionStudent), more: z.boolean() });

export type SuspensionKind = z.infer<typeof SuspensionKind>;
export type NotifiedParty = z.infer<typeof NotifiedParty>;
export type NotifiedHow = z.infer<typeof NotifiedHow>;
export type SuspensionBody = z.infer<typeof SuspensionBody>;
export type SuspensionBodyInput = z.input<typeof SuspensionBody>;
export type NotifiedBody = z.infer<typeof NotifiedBody>;
export type SuspensionAmendBodyInput = z.input<typeof SuspensionAmendBody>;
export type SuspensionWithdrawBody = z.infer<typeof SuspensionWithdrawBody>;
export type ThresholdState = z.infer<typeof ThresholdState>;
export type Notification = z.infer<typeof Notification>;
export type SuspensionRow = z.infer<typeof SuspensionRow>;
export type SuspensionTotals = z.infer<typeof SuspensionTotals>;
export type SuspensionReport = z.infer<typeof SuspensionReport>;
export type SuspensionStudent = z.infer<typeof SuspensionStudent>;
export type SuspensionStudents = z.infer<typeof SuspensionStudents>;
