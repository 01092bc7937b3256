import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FloorplanFile, type InboundEventInput } from '../../server/protocol';
import { arborDatetime } from './arbor-datetime';
import { simulateDay } from '../day';
import { buildSchool, type SimSchool } from '../school';

/**
 * The simulator's school and one simulated day as Arbor's REST API (v2) would serve them. Each
 * record follows the model Arbor documents for its resource (developers.arbor-education.com; the
 * SDK's generated models, arbor-education/sis-sdk-php `src/Arbor/Model/*.php`): `entityType`, a
 * numeric `id` and an `href` on every object, related objects nested as `{entityType, id, href, ...}`
 * as the documented Room example nests its Site, datetimes as the SDK writes them (`Y-m-d H:i:s`):
 * - students: `Student` (legalFirstName, legalLastName) with its `registrationForm` (`shortName` 7A);
 * - emergency-alerts: `EmergencyAlert` (datetime, triggeredByStaff, location as a `Room` with
 *   `roomName`, comment, emergencyAlertType, status, statusModifiedStaff, statusModifiedDatetime);
 * - behavioural-incidents: `BehaviouralIncident` (behaviour, incidentName, narrative,
 *   incidentDatetime, severity, location), with its `BehaviouralIncidentStudentInvolvement`s and
 *   `BehaviouralIncidentStaffInvolvement`s nested (Arbor keeps them as their own resources);
 * - internal-exclusions: `InternalExclusion` (student, issuedByStaff, internalExclusionSession,
 *   internalExclusionReason, issuedDatetime, narrative);
 * - attendance-records: `AttendanceRecord` (student, attendanceMark with its `code`, minutesLate,
 *   startDatetime, endDatetime, event, attendanceRegister with its `attendanceRegisterType`).
 * Where the documentation is silent, the connector's choice is followed (see arbor-shapes.ts): a
 * `lastModifiedDatetime` on each record, the exclusion session's `name` (its period), the register
 * type codes `REGISTRATION` and `LESSON`, and a listing's `next` href.
 * Narratives and comments the documentation shows are kept, so the connector is seen to leave them.
 * These are the objects as read each at its own href; a listing names them only (fake-arbor.ts).
 */

export type ArborRecord = Record<string, unknown> & { entityType: string; id: number; lastModifiedDatetime: string };

export interface FakeArborSchool {
	school: SimSchool;
	/** The day as the simulator made it: what Lookout should hold once synced. */
	day: InboundEventInput[];
	/** The simulator's ids of students and staff against Arbor's (Lookout's ids after a sync are Arbor's). */
	arborIdOf: Map<string, number>;
	resources: Record<string, ArborRecord[]>;
}

/** The stamp of the school's people as first loaded. */
export const ARBOR_LOADED_AT = '2026-09-01 07:00:00';

const FLOORPLAN = fileURLToPath(new URL('../../floorplans/demo-school.geojson', import.meta.url));

const plural = (entityType: string) => `${entityType.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}s`;
const ref = (entityType: string, id: number, more: Record<string, unknown> = {}) => ({ entityType, id, href: `/rest-v2/${plural(entityType)}/${id}`, ...more });
const room = (roomId: string, n: number) => ref('Room', n, { roomName: roomId, shortName: null });

export async function fakeArborSchool(options: { date?: string; seed?: number } = {}): Promise<FakeArborSchool> {
	const date = options.date ?? '2026-11-23';
	const seed = options.seed ?? 7;
	const plan = FloorplanFile.parse(JSON.parse(await readFile(FLOORPLAN, 'utf8')));
	const school = buildSchool(plan, { schoolId: 'arbor-school', seed, date });
	const day = simulateDay(school, seed);
	const arborIdOf = new Map<string, number>();
	school.students.forEach((s, i) => arborIdOf.set(s.id, 10_001 + i));
	school.staff.forEach((s, i) => arborIdOf.set(s.id, 20_001 + i));
	const idOf = (simId: string) => {
		if (!arborIdOf.has(simId)) arborIdOf.set(simId, 29_001 + arborIdOf.size);
		return arborIdOf.get(simId) as number;
	};
	const rooms = new Map(school.rooms.map((r, i) => [r.id, 40_001 + i]));
	const roomOf = (roomId: string) => room(roomId, rooms.get(roomId) ?? 49_999);
	const lessonIds = new Map<string, number>();
	const lessonOf = (lessonId: string) => {
		if (!lessonIds.has(lessonId)) lessonIds.set(lessonId, 50_001 + lessonIds.size);
		return lessonIds.get(lessonId) as number;
	};
	const forms = [...new Set(school.students.map((s) => s.formGroup))];
	const at = (instant: string) => arborDatetime(instant);

	const students: ArborRecord[] = school.students.map((s) => ({
		...ref('Student', idOf(s.id)),
		legalFirstName: s.givenName,
		legalLastName: s.familyName,
		registrationForm: ref('RegistrationForm', 60_001 + forms.indexOf(s.formGroup), { shortName: s.formGroup }),
		lastModifiedDatetime: ARBOR_LOADED_AT
	}));

	const emergencyAlerts: ArborRecord[] = [];
	const incidents: ArborRecord[] = [];
	const exclusions: ArborRecord[] = [];
	const attendance = new Map<string, ArborRecord>();
	const registration = ref('AttendanceRegisterType', 1, { code: 'REGISTRATION' });
	const lessonType = ref('AttendanceRegisterType', 2, { code: 'LESSON' });
	let n = 0;
	for (const e of day) {
		const occurred = e.occurredAt ?? `${date}T12:00:00.000Z`;
		const stamp = at(occurred);
		if (e.type === 'oncall:raised') {
			emergencyAlerts.push({
				...ref('EmergencyAlert', 70_001 + emergencyAlerts.length),
				datetime: stamp,
				triggeredByStaff: ref('Staff', idOf(e.raisedBy)),
				location: roomOf(e.locationId),
				event: null,
				comment: `${e.reason} in ${e.locationId}`,
				emergencyAlertType: ref(
					'EmergencyAlertType',
					1 + ['disruption', 'refusal', 'fighting', 'out_of_lesson', 'medical', 'safeguarding', 'damage', 'other'].indexOf(e.reason),
					{ name: e.reason.replace(/_/g, ' ') }
				),
				status: 'PENDING',
				statusModifiedStaff: null,
				statusModifiedDatetime: null,
				lastModifiedDatetime: stamp
			});
		} else if (e.type === 'behaviour:recorded' && e.polarity === 'negative') {
			const id = 80_001 + incidents.length;
			incidents.push({
				...ref('BehaviouralIncident', id),
				behaviour: ref('Behaviour', 1 + (n++ % 50), { name: e.category.replace(/_/g, ' ') }),
				incidentName: `${e.category.replace(/_/g, ' ')} in ${e.locationId}`,
				narrative: 'Recorded in Arbor',
				incidentDatetime: stamp,
				severity: String(e.severity),
				event: null,
				location: roomOf(e.locationId),
				resolvedDatetime: null,
				studentInvolvements: e.studentIds.map((s, i) => ({ ...ref('BehaviouralIncidentStudentInvolvement', id * 100 + i), student: ref('Student', idOf(s)) })),
				staffInvolvements: [{ ...ref('BehaviouralIncidentStaffInvolvement', id * 100 + 99), staff: ref('Staff', idOf(e.staffId)) }],
				lastModifiedDatetime: stamp
			});
		} else if (e.type === 'reflection:booked') {
			const id = 90_001 + exclusions.length;
			exclusions.push({
				...ref('InternalExclusion', id),
				student: ref('Student', idOf(e.studentId)),
				issuedByStaff: ref('Staff', idOf(e.bookedBy)),
				internalExclusionSession: ref('InternalExclusionSession', id, {
					name: e.periodId,
					startDatetime: at(e.startsAt),
					endDatetime: at(e.endsAt),
					location: roomOf(e.roomId)
				}),
				internalExclusionType: ref('InternalExclusionType', 1, { name: 'Reflection Room' }),
				exclusionReason: null,
				internalExclusionReason: ref('InternalExclusionReason', 1, { name: e.reason }),
				issuedDatetime: stamp,
				narrative: 'Booked in Arbor',
				lastModifiedDatetime: stamp
			});
		} else if (e.type === 'session:marked' || e.type === 'register:taken') {
			const lesson = e.type === 'register:taken';
			const start = lesson ? stamp : `${e.date} ${e.session === 'AM' ? '08:50' : '13:30'}:00`;
			const event = lesson
				? ref('Session', lessonOf(e.lessonId))
				: ref('RegistrationSession', 1 + forms.indexOf(e.formGroup) * 2 + (e.session === 'AM' ? 0 : 1));
			for (const m of e.marks) {
				const key = `${event.entityType}:${event.id}:${m.studentId}`;
				const previous = attendance.get(key);
				attendance.set(key, {
					...ref('AttendanceRecord', previous?.id ?? 100_001 + attendance.size),
					attendanceMark: ref('AttendanceMark', 1, { code: m.code }),
					attendanceRegister: ref('AttendanceRegister', event.id, { attendanceRegisterType: lesson ? lessonType : registration }),
					student: ref('Student', idOf(m.studentId)),
					minutesLate: m.minutesLate ?? null,
					recordNote: null,
					startDatetime: start,
					endDatetime: start,
					event,
					lastModifiedDatetime: stamp
				});
			}
		}
	}
	const byModified = (a: ArborRecord, b: ArborRecord) =>
		a.lastModifiedDatetime < b.lastModifiedDatetime ? -1 : a.lastModifiedDatetime > b.lastModifiedDatetime ? 1 : a.id - b.id;
	return {
		school,
		day,
		arborIdOf,
		resources: {
			students,
			'emergency-alerts': emergencyAlerts,
			'behavioural-incidents': incidents,
			'internal-exclusions': exclusions,
			'attendance-records': [...attendance.values()].sort(byModified)
		}
	};
}
