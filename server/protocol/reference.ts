import { z } from 'zod';
import { EntityId, Instant, LocalTime, YearGroup } from './primitives';

export const SchoolInfo = z.object({
	name: z.string().min(1).max(200),
	/** IANA timezone; every local time and date of the school is read in it. */
	timezone: z.string().min(1).default('Europe/London')
});

export const Room = z.object({
	id: EntityId,
	name: z.string().min(1).max(120),
	/** IMDF unit category from the floorplan, e.g. `classroom`, `laboratory`, `walkway`. */
	category: z.string().min(1).max(40),
	/** Floor ordinal: 0 ground, 1 first. */
	level: z.number().int().min(-5).max(50).default(0)
});

export const Student = z.object({
	id: EntityId,
	givenName: z.string().min(1).max(100),
	familyName: z.string().min(1).max(100),
	yearGroup: YearGroup,
	formGroup: z.string().min(1).max(20)
});

export const Staff = z.object({
	id: EntityId,
	title: z.string().max(20).default(''),
	givenName: z.string().min(1).max(100),
	familyName: z.string().min(1).max(100),
	/** Staff code as used on the timetable, e.g. `JSM`. */
	code: z.string().min(1).max(10)
});

export const PeriodKind = z.enum(['registration', 'lesson', 'break', 'lunch']);

export const Period = z.object({
	id: EntityId,
	name: z.string().min(1).max(40),
	kind: PeriodKind,
	startsAt: LocalTime,
	endsAt: LocalTime
});

export const LessonExemption = z.enum(['exam', 'trip', 'study_leave', 'cover']);

/** One timetabled lesson on one day. */
export const Lesson = z.object({
	id: EntityId,
	periodId: EntityId,
	roomId: EntityId,
	staffId: EntityId,
	/** The teaching group, e.g. `9X/Ma1`. */
	classId: z.string().min(1).max(40),
	subject: z.string().min(1).max(60),
	startsAt: Instant,
	endsAt: Instant,
	studentIds: z.array(EntityId).max(400),
	exemption: LessonExemption.optional()
});

export const ReflectionRoom = z.object({
	roomId: EntityId,
	capacity: z.number().int().min(1).max(200)
});

export type SchoolInfo = z.infer<typeof SchoolInfo>;
export type Room = z.infer<typeof Room>;
export type Student = z.infer<typeof Student>;
export type Staff = z.infer<typeof Staff>;
export type Period = z.infer<typeof Period>;
export type Lesson = z.infer<typeof Lesson>;
export type ReflectionRoom = z.infer<typeof ReflectionRoom>;
