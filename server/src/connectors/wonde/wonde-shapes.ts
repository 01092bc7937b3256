import { z } from 'zod';

/**
 * Wonde's response shapes, as its public documentation (docs.wonde.com, "School Data Sync", API
 * v1.0) gives them. Only the fields Lookout reads are named; every object is `looseObject`, so
 * the many fields Lookout leaves alone (addresses, legal names, photos, medical notes...) pass
 * through unread rather than failing a page when Wonde adds one.
 */

/** A date as Wonde gives every date: `{"date": "2026-09-03 08:50:00.000000", "timezone_type": 3, "timezone": "Europe/London"}`. */
export const WondeDate = z.looseObject({
	date: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/, 'a Wonde date, YYYY-MM-DD HH:MM:SS.uuuuuu'),
	timezone_type: z.number().int(),
	timezone: z.string().min(1)
});

/** An include, wrapped as Wonde wraps every include: `{"data": ...}`. */
export const included = <T extends z.ZodType>(inner: T) => z.looseObject({ data: inner });

/** `meta.pagination` of every list: `next` is the next page's whole URL, null on the last page. */
export const WondePagination = z.looseObject({
	next: z.string().nullable(),
	previous: z.string().nullable().optional(),
	more: z.boolean(),
	per_page: z.coerce.number().int().optional(),
	current_page: z.coerce.number().int().optional()
});

/** A page of any list endpoint: `{"data": [...], "meta": {"pagination": {...}}}`. Records are checked one by one, later. */
export const WondePage = z.looseObject({
	data: z.array(z.unknown()),
	meta: z.looseObject({ pagination: WondePagination })
});

const Stamped = { id: z.string().min(1), created_at: WondeDate.optional(), updated_at: WondeDate };

export const WondeYear = z.looseObject({ id: z.string(), code: z.string().nullable().optional(), name: z.string() });
export const WondeRegistration = z.looseObject({ id: z.string(), name: z.string() });

/** `contact_details` include of a student or a contact: emails and telephones (addresses pass through). */
export const WondeContactDetails = z.looseObject({
	emails: z.looseObject({ email: z.string().nullable().optional(), primary: z.string().nullable().optional() }).optional(),
	telephones: z
		.looseObject({
			primary: z.string().nullable().optional(),
			home: z.string().nullable().optional(),
			mobile: z.string().nullable().optional(),
			work: z.string().nullable().optional()
		})
		.optional()
});

/** A student's contact (the `contacts` include), with how they relate to the student. */
export const WondeContact = z.looseObject({
	id: z.string(),
	forename: z.string().nullable(),
	surname: z.string().nullable(),
	title: z.string().nullable().optional(),
	relationship: z
		.looseObject({
			relationship: z.string().nullable(),
			priority: z.coerce.number().int().nullable().optional(),
			parental_responsibility: z.boolean().nullable().optional(),
			lives_with_pupil: z.boolean().nullable().optional()
		})
		.optional(),
	contact_details: included(WondeContactDetails).optional()
});

/** `extended_details` include: the census flags Lookout keeps for the roles allowed them. */
export const WondeExtendedDetails = z.looseObject({
	sen_status: z.string().nullable().optional(),
	free_school_meals: z.boolean().nullable().optional(),
	medical_conditions: z.boolean().nullable().optional(),
	child_protection_plan: z.boolean().nullable().optional()
});

/** `GET /schools/{id}/students?include=contacts,contact_details,extended_details,year,registration`. */
export const WondeStudent = z.looseObject({
	...Stamped,
	upi: z.string().nullable().optional(),
	mis_id: z.string().min(1),
	forename: z.string(),
	surname: z.string(),
	year: included(WondeYear.nullable()).optional(),
	registration: included(WondeRegistration.nullable()).optional(),
	contacts: included(z.array(WondeContact)).optional(),
	extended_details: included(WondeExtendedDetails.nullable()).optional()
});

/** `GET /schools/{id}/employees?include=employment_details`. */
export const WondeEmployee = z.looseObject({
	...Stamped,
	mis_id: z.string().min(1),
	title: z.string().nullable().optional(),
	initials: z.string().nullable().optional(),
	forename: z.string(),
	surname: z.string(),
	employment_details: included(z.looseObject({ staff_code: z.string().nullable().optional() }).nullable()).optional()
});

export const WondePeriod = z.looseObject({ id: z.string(), name: z.string(), start_time: z.string().optional(), end_time: z.string().optional() });
export const WondeRoom = z.looseObject({ id: z.string(), name: z.string(), code: z.string().nullable().optional() });
export const WondeClassStudent = z.looseObject({ id: z.string() });
export const WondeClass = z.looseObject({
	id: z.string(),
	name: z.string(),
	subject: z.string().nullable().optional(),
	description: z.string().nullable().optional(),
	students: included(z.array(WondeClassStudent)).optional()
});

/** `GET /schools/{id}/lessons?include=period,room,employee,class.students`: one lesson on one day. */
export const WondeLesson = z.looseObject({
	...Stamped,
	start_at: WondeDate,
	end_at: WondeDate,
	period: included(WondePeriod.nullable()).optional(),
	room: included(WondeRoom.nullable()).optional(),
	employee: included(z.looseObject({ id: z.string() }).nullable()).optional(),
	class: included(WondeClass.nullable()).optional()
});

/** An attendance code as the `attendance_code` include gives it. */
export const WondeAttendanceCode = z.looseObject({ id: z.string().optional(), code: z.string().min(1), description: z.string().optional() });

/** `GET /schools/{id}/attendance/session?include=attendance_code`: one student's mark for one session. */
export const WondeSessionMark = z.looseObject({
	...Stamped,
	student: z.string().min(1),
	session: z.enum(['AM', 'PM']),
	date: WondeDate,
	attendance_code: included(WondeAttendanceCode),
	minutes_late: z.coerce.number().int().nullable().optional()
});

/** `GET /schools/{id}/lesson-attendance?include=attendance_code`: one student's mark in one lesson. */
export const WondeLessonMark = z.looseObject({
	...Stamped,
	student: z.string().min(1),
	lesson: z.string().min(1),
	attendance_code: included(WondeAttendanceCode),
	minutes_late: z.coerce.number().int().nullable().optional()
});

const WondeType = z.looseObject({ code: z.string().nullable().optional(), description: z.string().nullable().optional() });
const WondeInvolved = z.looseObject({ id: z.string() });

/** `GET /schools/{id}/behaviours?include=students,employee`: an incident, one or more students. */
export const WondeBehaviour = z.looseObject({
	...Stamped,
	type: z.string().nullable().optional(),
	incident_date: WondeDate,
	behaviour_type: included(WondeType.nullable()).optional(),
	points: z.coerce.number().nullable().optional(),
	location: z.string().nullable().optional(),
	students: included(z.array(WondeInvolved)),
	employee: included(WondeInvolved.nullable()).optional()
});

/** `GET /schools/{id}/achievements?include=students,employee`. */
export const WondeAchievement = z.looseObject({
	...Stamped,
	achievement_date: WondeDate,
	achievement_type: included(WondeType.nullable()).optional(),
	points: z.coerce.number().nullable().optional(),
	location: z.string().nullable().optional(),
	students: included(z.array(WondeInvolved)),
	employee: included(WondeInvolved.nullable()).optional()
});

/** `GET /schools/{id}/detentions`: a sanction given for a behaviour already fetched. */
export const WondeDetention = z.looseObject({ ...Stamped, student: z.string().optional(), behaviour: z.string().nullable().optional() });

export type WondeDate = z.infer<typeof WondeDate>;
export type WondePage = z.infer<typeof WondePage>;
export type WondeStudent = z.infer<typeof WondeStudent>;
export type WondeContact = z.infer<typeof WondeContact>;
export type WondeEmployee = z.infer<typeof WondeEmployee>;
export type WondeLesson = z.infer<typeof WondeLesson>;
export type WondeSessionMark = z.infer<typeof WondeSessionMark>;
export type WondeLessonMark = z.infer<typeof WondeLessonMark>;
export type WondeBehaviour = z.infer<typeof WondeBehaviour>;
export type WondeAchievement = z.infer<typeof WondeAchievement>;
