import type { SchoolRole } from '../../protocol';

/** Anyone; any signed-in person (whatever the school); or these roles in the school asked about. */
export type Audience = 'public' | 'person' | readonly SchoolRole[];

const STAFF: readonly SchoolRole[] = ['admin', 'slt', 'coordinator', 'patrol'];
const LEADS: readonly SchoolRole[] = ['admin', 'slt', 'coordinator'];
const VIEWERS: readonly SchoolRole[] = [...STAFF, 'wall'];

/**
 * Every API route (under `/api/v1`) and who may call it. Routes are registered through this
 * table (see `guarded-router.ts`), and the authorization matrix test walks it for every role.
 */
export const API_ROUTES = {
	'GET /clock': 'public',
	'GET /schema': 'public',
	'POST /session': 'public',
	'GET /session': 'person',
	'DELETE /session': 'person',
	'POST /session/everywhere': 'person',
	'POST /session/password': 'person',
	'GET /schools': 'person',
	'POST /events': ['integration'],
	'POST /import': ['admin', 'integration'],
	'POST /oncall': STAFF,
	'GET /snapshot': VIEWERS,
	'GET /floorplan': VIEWERS,
	'GET /reports/lateness': LEADS,
	'GET /reports/truancy': LEADS,
	'GET /reports/hotspots': LEADS,
	'GET /reports/oncall': LEADS,
	'GET /reports/minutes-late': LEADS,
	'GET /reports/corrections': LEADS,
	'POST /attendance/letter-template': LEADS,
	'POST /attendance/letters/sent': LEADS,
	'POST /attendance/parents-told': LEADS,
	'GET /reports/first-day': LEADS,
	'POST /attendance/calls': LEADS,
	'POST /attendance/contacts': LEADS,
	'GET /reports/attendance': LEADS,
	'GET /reports/pa': LEADS,
	'GET /reports/evidence': LEADS,
	'POST /attendance/interventions': LEADS,
	'GET /reports/rag': LEADS,
	'POST /attendance/rag-sent': LEADS,
	'POST /reflection/bookings/:bookingId/cancel': LEADS,
	'POST /plans': LEADS,
	'POST /plans/:planId/actions/:actionId/done': LEADS,
	'POST /plans/:planId/reviews': LEADS,
	'POST /tap-minutes': LEADS,
	'GET /reports/chronology': LEADS,
	'GET /reports/patterns': LEADS,
	'GET /reports/behaviour-weekly': LEADS,
	'POST /suspensions': LEADS,
	'POST /suspensions/:suspensionId/notified': LEADS,
	'POST /suspensions/:suspensionId/amend': LEADS,
	'POST /suspensions/:suspensionId/withdraw': LEADS,
	'POST /suspensions/letter-template': LEADS,
	'GET /reports/suspensions': LEADS,
	'GET /reports/suspensions/la-return': LEADS,
	'GET /suspensions/students': LEADS,
	'POST /reflection/bookings': LEADS,
	'POST /reflection/cover': LEADS,
	// Anyone linked to the staff list takes cover for themselves, from their phone.
	'POST /reflection/cover/take': STAFF,
	'GET /reflection/cover': STAFF,
	'GET /reports/reflection': LEADS,
	'GET /reports/reflection/student': LEADS,
	'GET /devices': ['admin'],
	'POST /devices': ['admin'],
	'POST /devices/revoke': ['admin'],
	'POST /walls/reload': ['admin', 'coordinator'],
	'GET /users': ['admin'],
	'POST /users': ['admin'],
	'POST /users/remove': ['admin'],
	'POST /users/sign-out': ['admin'],
	'POST /users/password': ['admin'],
	'GET /keys': ['admin'],
	'POST /keys': ['admin'],
	'POST /keys/revoke': ['admin'],
	'GET /audit': ['admin'],
	'GET /connectors': ['admin'],
	'POST /connectors/:connector/run': ['admin'],
	// Patrol staff only for students on their own assignment: the route checks that.
	'GET /students/:studentId': STAFF,
	'POST /students/reveal': STAFF
} as const satisfies Record<string, Audience>;

export type ApiRoute = keyof typeof API_ROUTES;

/** Who may hold a live connection to a school, and send each socket command. */
export const SOCKET_CONNECT: readonly SchoolRole[] = VIEWERS;
export const SOCKET_COMMANDS = {
	'school:snapshot': VIEWERS
} as const satisfies Record<string, readonly SchoolRole[]>;
