import { z } from 'zod';
import {
	AttendanceCode,
	DutyRole,
	TermName,
	EntityId,
	LessonExemption,
	LocalDate,
	LocalTime,
	PeriodKind,
	wholeNumberText,
	WholeNumberText
} from '../../protocol';

const text = (max: number) => z.string().trim().min(1, 'is empty').max(max);
const optionalText = z
	.string()
	.trim()
	.transform((v) => v || undefined);
const whole = wholeNumberText;
/** `none`, `SEN support` (or `K`) or `EHCP` (or `E`), as a census return writes them; blank: not given. */
const optionalSend = z
	.string()
	.trim()
	.transform((v) => v.toLowerCase().replace(/\s+/g, ' '))
	.pipe(z.enum(['', 'none', 'n', 'sen support', 'k', 'ehcp', 'e'], { error: 'is not none, SEN support (K) or EHCP (E)' }))
	.transform((v) => (v === '' ? undefined : v === 'none' || v === 'n' ? 'none' : v === 'ehcp' || v === 'e' ? 'ehcp' : 'sen_support'));
/** Y or N; blank: not given. */
const optionalYesNo = z
	.string()
	.trim()
	.toUpperCase()
	.pipe(z.enum(['', 'Y', 'N', 'YES', 'NO', 'TRUE', 'FALSE', '1', '0'], { error: 'is not Y or N' }))
	.transform((v) => (v === '' ? undefined : ['Y', 'YES', 'TRUE', '1'].includes(v)));
const yesNo = z
	.string()
	.trim()
	.toUpperCase()
	.transform((v) => v || 'N')
	.pipe(z.enum(['Y', 'N', 'YES', 'NO', 'TRUE', 'FALSE', '1', '0'], { error: 'is not Y or N' }))
	.transform((v) => ['Y', 'YES', 'TRUE', '1'].includes(v));
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const weekday = z
	.string()
	.trim()
	.toUpperCase()
	.transform((v, ctx) => {
		const n = /^\d$/.test(v) ? Number(v) : DAYS.indexOf(v.slice(0, 3)) + 1;
		if (n < 1 || n > 7) ctx.addIssue({ code: 'custom', message: `is not a weekday (Mon-Sun or 1-7)` });
		return n;
	});
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
	z
		.string()
		.trim()
		.transform((v) => (v ? v.split(/[\s;]+/) : undefined))
		.pipe(z.array(item).min(1).optional());

/** Every CSV a school exports for Lookout: its columns (in any order) and how each row reads. */
export const CSV_FILES = {
	'school.csv': z.object({ key: text(60), value: z.string().trim() }),
	'periods.csv': z.object({
		id: EntityId,
		name: text(40),
		kind: PeriodKind,
		starts_at: LocalTime,
		ends_at: LocalTime,
		weekdays: list(weekday),
		year_groups: list(whole(1, 14))
	}),
	'rooms.csv': z.object({ id: EntityId, name: text(120), category: text(40), level: whole(-5, 50) }),
	'reflection-rooms.csv': z.object({ room_id: EntityId, capacity: whole(1, 200) }),
	'students.csv': z.object({
		id: EntityId,
		given_name: text(100),
		family_name: text(100),
		year_group: whole(1, 14),
		form_group: text(20),
		sen: yesNo,
		medical: yesNo,
		safeguarding: yesNo,
		send: optionalSend,
		fsm: optionalYesNo
	}),
	'staff.csv': z.object({
		id: EntityId,
		title: z.string().trim().max(20),
		given_name: text(100),
		family_name: text(100),
		code: text(10),
		base_room_id: optionalText.pipe(EntityId.optional())
	}),
	'timetable.csv': z.object({
		id: EntityId,
		weekday,
		period_id: EntityId,
		room_id: EntityId,
		staff_id: EntityId,
		class_id: text(40),
		subject: text(60)
	}),
	'class-members.csv': z.object({ class_id: text(40), student_id: EntityId }),
	'rota.csv': z.object({ id: EntityId, weekday, period_id: EntityId, staff_id: EntityId, role: z.string().trim().toLowerCase().pipe(DutyRole) }),
	'exemptions.csv': z.object({
		id: EntityId,
		date: LocalDate,
		timetable_id: EntityId,
		kind: LessonExemption,
		cover_staff_id: optionalText.pipe(EntityId.optional())
	}),
	'session-marks.csv': z.object({
		date: LocalDate,
		session: z.enum(['AM', 'PM']),
		student_id: EntityId,
		code: z.string().trim().pipe(AttendanceCode),
		minutes_late: optionalText.pipe(wholeNumberText(0, 600).optional())
	}),
	'contacts.csv': z.object({
		student_id: EntityId,
		name: text(120),
		relationship: text(60),
		priority: whole(1, 20),
		// Numbers keep their spaces (`07700 900123`): only `;` separates one from the next.
		phones: z
			.string()
			.transform((v) =>
				v
					.split(';')
					.map((p) => p.trim())
					.filter(Boolean)
			)
			.pipe(z.array(z.string().max(40, 'has a phone number longer than 40 characters')).min(1, 'has no phone number').max(5, 'has more than 5 phone numbers')),
		email: optionalText.pipe(z.email('is not an email address').max(200).optional()),
		parental_responsibility: yesNo,
		lives_with: yesNo
	}),
	'terms.csv': z.object({
		term: z.string().trim().toLowerCase().pipe(TermName),
		half: whole(1, 2).transform((n) => (n === 1 ? 1 : 2)),
		starts: LocalDate,
		ends: LocalDate
	})
} as const;

export type CsvFileName = keyof typeof CSV_FILES;

export const CSV_FILE_NAMES = Object.keys(CSV_FILES) as CsvFileName[];

/** Own names only: `toString` or `__proto__` are in every object, never files Lookout reads. */
export function isCsvFileName(name: string): name is CsvFileName {
	return Object.hasOwn(CSV_FILES, name);
}

/** The refusal of a file Lookout does not read, naming the files it does. */
export const notACsvFile = `is not a file Lookout reads (the files are ${CSV_FILE_NAMES.join(', ')})`;

/**
 * A numeric setting of `school.csv`, read as a whole number (every numeric setting is one). Any
 * other text, `1e3` included, stays text, so the settings check refuses it by name.
 */
export function settingNumber(text: string): number | string {
	const parsed = WholeNumberText.safeParse(text);
	return parsed.success ? parsed.data : text;
}
export type CsvRow<F extends CsvFileName> = z.output<(typeof CSV_FILES)[F]>;

export const REQUIRED_FILES: readonly CsvFileName[] = ['school.csv', 'periods.csv', 'rooms.csv', 'students.csv', 'staff.csv'];

/** Optional columns may be left out of the header; every other column must be there. */
export const OPTIONAL_COLUMNS = new Set([
	'weekdays',
	'year_groups',
	'sen',
	'medical',
	'safeguarding',
	'send',
	'fsm',
	'title',
	'cover_staff_id',
	'minutes_late',
	'base_room_id',
	'email'
]);
