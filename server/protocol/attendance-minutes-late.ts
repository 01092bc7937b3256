import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, Instant, LocalDate, Text } from './primitives';

/** The letters a school words for itself; one for now. */
export const LetterKind = z.enum(['minutes_late']);

/** What a letter template may say in double braces, each filled in per student. */
export const LETTER_PLACEHOLDERS = ['student', 'form', 'from', 'to', 'lates', 'minutes', 'school', 'date'] as const;

export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of a template Lookout cannot fill, each once, in the order they appear. */
export function unknownPlaceholders(body: string): string[] {
	const known: ReadonlySet<string> = new Set(LETTER_PLACEHOLDERS);
	const unknown = [...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !known.has(name));
	return [...new Set(unknown)];
}

/** The template with each placeholder replaced by its value. */
export function fillTemplate(body: string, values: Record<LetterPlaceholder, string>): string {
	return body.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as LetterPlaceholder] : whole));
}

/** Until a school words its own, the minutes-late letter says this. */
export const DEFAULT_MINUTES_LATE_TEMPLATE = [
	'Dear parent or carer,',
	'',
	'Between {{from}} and {{to}}, {{student}} ({{form}}) arrived late to school {{lates}} times, missing {{minutes}} minutes of registration and learning in all.',
	'',
	'Arriving on time matters: the start of the day is when notices are given, equipment is checked and the first lesson begins. Every few minutes missed each day add up to lost lessons over a term.',
	'',
	'Please talk with {{student}} about arriving by the start of registration. If something is making this difficult, contact the pastoral team: we would like to help.',
	'',
	'Yours sincerely,',
	'',
	'The Pastoral Team',
	'{{school}}'
].join('\n');

export const TemplateBodyText = Text.trim()
	.min(1)
	.max(4_000)
	.superRefine((body, ctx) => {
		const unknown = unknownPlaceholders(body);
		if (unknown.length > 0) {
			ctx.addIssue({
				code: 'custom',
				message: `has placeholder(s) Lookout cannot fill: ${unknown.map((u) => `{{${u}}}`).join(', ')} (it fills ${LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`
			});
		}
	});

/** A school's own wording for a kind of letter home; it replaces the one before. */
export const AttendanceTemplateSet = event('attendance:template-set', {
	kind: LetterKind,
	body: TemplateBodyText,
	by: EntityId
});

/** A letter home recorded as sent, for a student and the range it is about. */
export const AttendanceLetterSent = event('attendance:letter-sent', {
	letterId: EntityId,
	studentId: EntityId,
	kind: LetterKind,
	from: LocalDate,
	to: LocalDate,
	by: EntityId
});

/** `POST /api/v1/attendance/letter-template?school=ID`. */
export const TemplateBody = z.strictObject({ kind: LetterKind, body: TemplateBodyText });

/** `POST /api/v1/attendance/letters/sent?school=ID`: the server adds the letter's id, who and when. */
export const LetterSentBody = z.strictObject({ studentId: EntityId, kind: LetterKind, from: LocalDate, to: LocalDate });

export const MinutesLateStudent = z.object({
	studentId: EntityId,
	name: z.string(),
	yearGroup: z.number().int().nullable(),
	formGroup: z.string(),
	/** Sessions marked `L` (late before the register closed) and `U` (late after). */
	lateL: z.number().int(),
	lateU: z.number().int(),
	/** Minutes late over both, from the session marks. */
	minutes: z.number().int(),
	/** Lessons a register marked late, and their minutes. */
	lessonLates: z.number().int(),
	lessonMinutes: z.number().int(),
	overThreshold: z.boolean()
});

export const LatenessGroup = z.object({ key: z.string(), label: z.string(), lates: z.number().int(), minutes: z.number().int() });

export const LetterSentRecord = z.object({ letterId: EntityId, at: Instant, by: z.string() });

export const LetterTemplate = z.object({
	kind: LetterKind,
	body: z.string(),
	/** Null while the school has not set its own: the body is Lookout's default. */
	setAt: Instant.nullable(),
	setBy: z.string().nullable()
});

export const LateLetter = z.object({
	studentId: EntityId,
	name: z.string(),
	formGroup: z.string(),
	lates: z.number().int(),
	minutes: z.number().int(),
	/** The template filled in for this student. */
	text: z.string(),
	/** Letters recorded as sent for this student and range, newest first. */
	sent: z.array(LetterSentRecord)
});

export const MinutesLateReport = z.object({
	school: z.string(),
	timezone: z.string(),
	from: LocalDate,
	to: LocalDate,
	/** The date letters are dated with: the school's today. */
	today: LocalDate,
	thresholdMinutes: z.number().int(),
	/** Students with a late session or lesson in the range, most minutes first. */
	students: z.array(MinutesLateStudent),
	/** Late sessions and lessons by weekday (Monday first) and by session or lesson period. */
	byWeekday: z.array(LatenessGroup),
	byPeriod: z.array(LatenessGroup),
	template: LetterTemplate,
	/** A letter for each student at or over the threshold. */
	letters: z.array(LateLetter)
});

export type LetterKind = z.infer<typeof LetterKind>;
export type MinutesLateStudent = z.infer<typeof MinutesLateStudent>;
export type LatenessGroup = z.infer<typeof LatenessGroup>;
export type LetterTemplate = z.infer<typeof LetterTemplate>;
export type LateLetter = z.infer<typeof LateLetter>;
export type MinutesLateReport = z.infer<typeof MinutesLateReport>;
