import { z } from 'zod';
import { Role } from './access';
import { EntityId, Instant, LocalDate, LocalTime, SchoolId, Text, YearGroup } from './primitives';

function isTimezone(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

export const SchoolInfo = z.object({
	name: Text.min(1).max(200),
	/** IANA timezone; every local time and date of the school is read in it. */
	timezone: Text.refine(isTimezone, 'is not an IANA timezone such as Europe/London').default('Europe/London'),
	/** The multi-academy trust the school belongs to: its trust admins may open it. */
	trustId: SchoolId.optional()
});

export const Room = z.object({
	id: EntityId,
	name: Text.min(1).max(120),
	/** IMDF unit category from the floorplan, e.g. `classroom`, `laboratory`, `walkway`. */
	category: Text.min(1).max(40),
	/** Floor ordinal: 0 ground, 1 first. */
	level: z.number().int().min(-5).max(50).default(0)
});

/** A student's SEND status as the census records it. */
export const SendStatus = z.enum(['none', 'sen_support', 'ehcp']);

/**
 * Special category data (UK GDPR art. 9) and other sensitive markers. Kept on the server for
 * the roles allowed them; no live view ever carries them.
 */
export const StudentFlags = z.object({
	sen: z.boolean().default(false),
	medical: z.boolean().default(false),
	safeguarding: z.boolean().default(false),
	/** Special educational needs and disabilities: none, SEN support or an EHC plan; left out, read from `sen`. */
	send: SendStatus.optional(),
	/** Eligible for free school meals. */
	fsm: z.boolean().optional()
});

export const Student = z.object({
	id: EntityId,
	givenName: Text.min(1).max(100),
	familyName: Text.min(1).max(100),
	yearGroup: YearGroup,
	formGroup: Text.min(1).max(20),
	flags: StudentFlags.optional()
});

export const Staff = z.object({
	id: EntityId,
	title: Text.max(20).default(''),
	givenName: Text.min(1).max(100),
	familyName: Text.min(1).max(100),
	/** Staff code as used on the timetable, e.g. `JSM`. */
	code: Text.min(1).max(10),
	/** The office they work from when not teaching or on a call, e.g. the pastoral office. */
	baseRoomId: EntityId.optional()
});

export const PeriodKind = z.enum(['registration', 'lesson', 'break', 'lunch']);

/** ISO weekday: 1 Monday ... 7 Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/**
 * One slot of the school day. A period may run on some weekdays only, and for some year
 * groups only (lunch is often staggered by key stage); left out, it applies to all.
 */
export const Period = z.object({
	id: EntityId,
	name: Text.min(1).max(40),
	kind: PeriodKind,
	startsAt: LocalTime,
	endsAt: LocalTime,
	weekdays: z.array(Weekday).min(1).optional(),
	yearGroups: z.array(YearGroup).min(1).optional()
});

export const LessonExemption = z.enum(['exam', 'trip', 'study_leave', 'cover']);

/** A weekly timetable slot; Lookout makes each day's lessons from it (id `slotId:YYYY-MM-DD`). */
export const TimetableEntry = z.object({
	id: EntityId,
	weekday: Weekday,
	periodId: EntityId,
	roomId: EntityId,
	staffId: EntityId,
	classId: Text.min(1).max(40),
	subject: Text.min(1).max(60),
	studentIds: z.array(EntityId).max(400)
});

/**
 * A change to one day's lesson. Exams, trips and study leave keep no lesson register, so they
 * never flag; cover keeps a register, owed by the cover member of staff.
 */
export const Exemption = z.object({
	id: EntityId,
	date: LocalDate,
	lessonId: EntityId,
	kind: LessonExemption,
	coverStaffId: EntityId.optional()
});

/** One timetabled lesson on one day. */
export const Lesson = z.object({
	id: EntityId,
	periodId: EntityId,
	roomId: EntityId,
	staffId: EntityId,
	/** The teaching group, e.g. `9X/Ma1`. */
	classId: Text.min(1).max(40),
	subject: Text.min(1).max(60),
	startsAt: Instant,
	endsAt: Instant,
	studentIds: z.array(EntityId).max(400),
	exemption: LessonExemption.optional()
});

/** The duties a rota assigns: the on-call patrol, and the senior leader on duty. */
export const DutyRole = z.enum(['on_call', 'slt']);

/** One member of staff on one duty in one period of a weekday. */
export const RotaEntry = z.object({
	id: EntityId,
	weekday: Weekday,
	periodId: EntityId,
	staffId: EntityId,
	role: DutyRole
});

/** Thresholds a school can set; every one has a default. */
export const Settings = z.object({
	/** A register not taken this many minutes after the lesson starts is overdue (Arbor 10, Edulink 15). */
	registerOverdueMinutes: z.number().int().min(1).max(120),
	/** ...and goes to the wall after this many. */
	registerEscalateMinutes: z.number().int().min(1).max(240),
	/** The session register closes this long after it opens: late before is L, after is U. */
	sessionCloseMinutes: z.number().int().min(1).max(240),
	/** A Reflection Room booking not checked in this long after its start is a no-show. */
	reflectionNoShowMinutes: z.number().int().min(1).max(120),
	/** A student needs support with this many negative events today... */
	supportNegativeToday: z.number().int().min(1).max(100),
	/** ...or this many this week (Monday to today)... */
	supportNegativeWeek: z.number().int().min(1).max(500),
	/** ...or this many Reflection Room bookings this week. */
	supportReflectionWeek: z.number().int().min(1).max(50),
	/** How many behaviour events the recent feed keeps. */
	recentBehaviour: z.number().int().min(5).max(500),
	/** A second call from the same room this soon after the first is merged into it (0: never). */
	mergeWindowSeconds: z.number().int().min(0).max(3_600),
	/** A call nobody acknowledges alerts the next duty role after this long, and again each time it passes... */
	ackEscalateSeconds: z.number().int().min(10).max(3_600),
	/** ...in this order (the last role repeats)... */
	escalationChain: z.array(DutyRole).min(1).max(5),
	/** ...this many times at most per timer. */
	escalationCap: z.number().int().min(1).max(10),
	/** Past the cap, a call nobody acknowledges reminds the chain's last role this often until someone acknowledges or cancels it. */
	escalationReminderMinutes: z.number().int().min(1).max(60),
	/** An acknowledged call with nobody on scene this long after re-alerts. */
	onSceneAlertMinutes: z.number().int().min(1).max(120),
	/** A responder on scene this long is asked if they are fine; no answer within `ackEscalateSeconds` escalates. */
	loneWorkingMinutes: z.number().int().min(1).max(240),
	/** Events and audit entries older than this are purged (the purge itself is audited). */
	retentionDays: z.number().int().min(30).max(3_650),
	/** Roles shown special category flags (SEN, medical, safeguarding) on a student's record; none by default. */
	specialCategoryRoles: z.array(Role).max(7),
	/** A student on the first-day calling list with nobody reached by this time is flagged. */
	firstDayCallsBy: LocalTime,
	/** A student late this many minutes or more over the range asked about is listed for a letter home. */
	lateLetterMinutes: z.number().int().min(1).max(6_000),
	/** The weekly RAG report's green band: attendance of this percentage or more. */
	ragGreenPercent: z.number().int().min(1).max(100),
	/** Amber from this percentage up to green; red below it. */
	ragAmberPercent: z.number().int().min(0).max(100)
});

export const DEFAULT_SETTINGS: Settings = {
	registerOverdueMinutes: 10,
	registerEscalateMinutes: 20,
	sessionCloseMinutes: 30,
	reflectionNoShowMinutes: 10,
	supportNegativeToday: 3,
	supportNegativeWeek: 8,
	supportReflectionWeek: 2,
	recentBehaviour: 50,
	mergeWindowSeconds: 120,
	ackEscalateSeconds: 60,
	escalationChain: ['on_call', 'slt'],
	escalationCap: 3,
	escalationReminderMinutes: 5,
	onSceneAlertMinutes: 5,
	loneWorkingMinutes: 15,
	retentionDays: 365,
	specialCategoryRoles: [],
	firstDayCallsBy: '10:30',
	lateLetterMinutes: 60,
	ragGreenPercent: 96,
	ragAmberPercent: 90
};

export const ReflectionRoom = z.object({
	roomId: EntityId,
	capacity: z.number().int().min(1).max(200)
});

export type SchoolInfo = z.infer<typeof SchoolInfo>;
export type Settings = z.infer<typeof Settings>;
export type StudentFlags = z.infer<typeof StudentFlags>;
export type TimetableEntry = z.infer<typeof TimetableEntry>;
export type Exemption = z.infer<typeof Exemption>;
export type Room = z.infer<typeof Room>;
export type Student = z.infer<typeof Student>;
export type SendStatus = z.infer<typeof SendStatus>;
export type Staff = z.infer<typeof Staff>;
export type Period = z.infer<typeof Period>;
export type Lesson = z.infer<typeof Lesson>;
export type ReflectionRoom = z.infer<typeof ReflectionRoom>;
export type DutyRole = z.infer<typeof DutyRole>;
export type RotaEntry = z.infer<typeof RotaEntry>;
