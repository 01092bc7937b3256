import { z } from 'zod';

/**
 * Arbor's REST API shapes (API v2, `https://<school>.uk.arbor.sc/rest-v2/`), as Arbor's developer
 * documentation (developers.arbor-education.com, "Arbor API URLs" and "Messages") and its SDK's
 * generated models (arbor-education/sis-sdk-php, `src/Arbor/Model/*.php`) give them. Only the fields
 * Lookout reads are named; every object is `looseObject`, so the many fields Lookout leaves alone
 * (narratives, comments, user tags, revision ids...) pass through unread.
 *
 * Where the documentation is silent, the nearest documented convention is followed, and said so here:
 * - a record's last change: the models name no modification time, so `lastModifiedDatetime`, in the
 *   `...Datetime` naming and `Y-m-d H:i:s` format of every documented date field;
 * - how a listing says more pages follow (the SDK asks `page` and `page-size` and nothing more):
 *   a `next` href beside the list, as every documented representation carries its `href`.
 */

/** A date as the SDK writes every DateTime: `Y-m-d H:i:s`, in the school's own time. */
export const ArborDatetime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'an Arbor datetime, YYYY-MM-DD HH:MM:SS');

/** A nested object, as a documented representation nests one: `{"entityType": "Site", "href": "/rest-v2/sites/1", ...}`. */
export const ArborRef = z.looseObject({
	entityType: z.string().min(1),
	id: z.coerce.number().int().positive(),
	href: z.string().optional()
});

/** `{"entityType": "Room", "href": "/rest-v2/rooms/7", "roomName": "A.1.04", "shortName": ...}`, the documented example. */
export const ArborRoom = ArborRef.extend({ roomName: z.string().min(1), shortName: z.string().nullable().optional() });

const Stamped = {
	entityType: z.string().min(1),
	id: z.coerce.number().int().positive(),
	href: z.string().optional(),
	lastModifiedDatetime: ArborDatetime
};

/**
 * A listing page: the list under the resource type's plural, lower camel case (`emergencyAlerts`), as
 * the SDK's `query()` reads it, beside the `response` envelope every answer has.
 */
export const ArborListing = z.looseObject({
	response: z.looseObject({ code: z.coerce.number().int().optional() }).optional(),
	next: z.string().nullable().optional()
});

/** `GET /rest-v2/students`: who the student is at Arbor, and their registration form (for session registers). */
export const ArborStudent = z.looseObject({
	...Stamped,
	legalFirstName: z.string().nullable().optional(),
	legalLastName: z.string().nullable().optional(),
	registrationForm: ArborRef.extend({ shortName: z.string().min(1) })
		.nullable()
		.optional()
});

/** `GET /rest-v2/emergency-alerts` (model `EmergencyAlert`): an on-call alert raised from a room. */
export const ArborEmergencyAlert = z.looseObject({
	...Stamped,
	datetime: ArborDatetime,
	triggeredByStaff: ArborRef.nullable().optional(),
	location: ArborRoom.nullable().optional(),
	comment: z.string().nullable().optional(),
	emergencyAlertType: ArborRef.extend({ name: z.string().nullable().optional() }).nullable().optional(),
	status: z.string().nullable().optional(),
	statusModifiedDatetime: ArborDatetime.nullable().optional()
});

/**
 * `GET /rest-v2/behavioural-incidents` (model `BehaviouralIncident`): behaviour, incidentName,
 * incidentDatetime, severity, location. Arbor keeps who was involved as their own resources
 * (`BehaviouralIncidentStudentInvolvement`, `BehaviouralIncidentStaffInvolvement`, each naming the
 * incident); they are read here nested in the incident's representation, as Arbor nests related objects.
 */
export const ArborBehaviouralIncident = z.looseObject({
	...Stamped,
	incidentName: z.string().nullable().optional(),
	incidentDatetime: ArborDatetime,
	severity: z.string().nullable().optional(),
	behaviour: ArborRef.extend({ name: z.string().nullable().optional() }).nullable().optional(),
	location: ArborRoom.nullable().optional(),
	studentInvolvements: z.array(z.looseObject({ student: ArborRef })).default([]),
	staffInvolvements: z.array(z.looseObject({ staff: ArborRef })).default([])
});

/**
 * `GET /rest-v2/internal-exclusions` (model `InternalExclusion`): student, issuedByStaff,
 * internalExclusionSession, internalExclusionReason, issuedDatetime. The session's own fields are not
 * in the model list; its times follow the `startDatetime`/`endDatetime` of Arbor's other timed
 * objects, its room the `location` of `EmergencyAlert`, and its period a `name` such as `P3`.
 */
export const ArborInternalExclusion = z.looseObject({
	...Stamped,
	student: ArborRef,
	issuedByStaff: ArborRef.nullable().optional(),
	issuedDatetime: ArborDatetime.nullable().optional(),
	internalExclusionSession: ArborRef.extend({
		name: z.string().min(1),
		startDatetime: ArborDatetime,
		endDatetime: ArborDatetime,
		location: ArborRoom.nullable().optional()
	}),
	internalExclusionReason: ArborRef.extend({ name: z.string().nullable().optional() }).nullable().optional()
});

/**
 * `GET /rest-v2/attendance-records` (model `AttendanceRecord`): student, attendanceMark (its `code`, as
 * model `AttendanceMark` has it), minutesLate, startDatetime, event, attendanceRegister. Whether a
 * record is a session (statutory) or a lesson mark is its register's `attendanceRegisterType` (model
 * `AttendanceRegister`); the type's codes are not documented: `REGISTRATION` and `LESSON` here.
 */
export const ArborAttendanceRecord = z.looseObject({
	...Stamped,
	student: ArborRef,
	attendanceMark: ArborRef.extend({ code: z.string().min(1) }),
	minutesLate: z.coerce.number().int().nullable().optional(),
	startDatetime: ArborDatetime,
	event: ArborRef,
	attendanceRegister: ArborRef.extend({ attendanceRegisterType: ArborRef.extend({ code: z.string().min(1) }) })
});

export type ArborRoom = z.infer<typeof ArborRoom>;
export type ArborEmergencyAlert = z.infer<typeof ArborEmergencyAlert>;
export type ArborBehaviouralIncident = z.infer<typeof ArborBehaviouralIncident>;
export type ArborInternalExclusion = z.infer<typeof ArborInternalExclusion>;
export type ArborAttendanceRecord = z.infer<typeof ArborAttendanceRecord>;
