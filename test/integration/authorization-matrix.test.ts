import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PAGE_ROLES, type PageSection, type SchoolRole } from '../../server/protocol';
import { keyIssued, userAdded } from '../../server/src/auth/grants';
import { API_ROUTES, SOCKET_COMMANDS, SOCKET_CONNECT, type ApiRoute, type Audience } from '../../server/src/auth/permissions';
import { scaledClock } from '../../server/src/clock';
import { apiRouter } from '../../server/src/http/api-router';
import { DEFAULT_LIMITS } from '../../server/src/http/limits';
import { DispatchDesk } from '../../server/src/live/dispatch-desk';
import { silentLogger } from '../../server/src/logger';
import { pairDevice, TEST_HASH_COST } from '../support/access';
import {
	call,
	credentialsFor,
	dispatchCall,
	errorOf,
	ingestOk,
	isPersonRole,
	MATRIX_ROLES,
	openSocket,
	ROLE_IN_A,
	schoolReference,
	trySocket,
	type Credentials,
	type MatrixRole,
	type MatrixSchools
} from '../support/principals';
import { setTrust } from '../support/trust';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOLS: MatrixSchools = { a: 'matrix-a', sameTrust: 'matrix-sibling', otherTrust: 'matrix-elsewhere', patrolStaffId: 'P1' };
const A = SCHOOLS.a;
/** On call r1, which is dispatched to P1: the student patrol callers may name. */
const STUDENT = 'STU1';
/** STU1's form group, whose weekly RAG report the desk marks as sent. */
const FORM = '9N';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
	// Trusts are the operator's to set (`npm run admin -- trust`); a school's reference may only repeat its own.
	await setTrust(server.store, A, 'trust-one');
	await setTrust(server.store, SCHOOLS.sameTrust, 'trust-one');
	await setTrust(server.store, SCHOOLS.otherTrust, 'trust-two');
	await ingestOk(server, schoolReference(A, { trustId: 'trust-one' }));
	await ingestOk(server, schoolReference(SCHOOLS.sameTrust, { trustId: 'trust-one' }));
	await ingestOk(server, schoolReference(SCHOOLS.otherTrust, { trustId: 'trust-two' }));
	await dispatchCall(server, A, 'r1', SCHOOLS.patrolStaffId, [STUDENT]);
});
afterAll(() => server.close());

interface RouteCall {
	params?: Record<string, string>;
	body?: unknown;
}

let serial = 0;
const unique = (prefix: string) => `${prefix}-${(serial += 1)}-${Date.now()}`;

/** Someone for the admin routes to act on, so the caller's own access is never what changes. */
async function bystander(): Promise<string> {
	const event = await userAdded(
		A,
		{ email: `${unique('bystander')}@matrix.test`, displayName: 'Bystander', role: 'slt', staffId: null, password: 'a password nobody types' },
		Date.now(),
		TEST_HASH_COST
	);
	await server.store.append([event]);
	return event.userId;
}

/**
 * A plausible call of each route, as its callers would make it. Typed by the table, so a route
 * added to it without a call here does not compile.
 */
const CALLS: Record<ApiRoute, () => RouteCall | Promise<RouteCall>> = {
	'GET /clock': () => ({}),
	'GET /schema': () => ({}),
	'POST /session': async () => {
		const password = 'the right password, at length';
		const event = await userAdded(
			A,
			{ email: `${unique('signer')}@matrix.test`, displayName: 'Signer', role: 'slt', staffId: null, password },
			Date.now(),
			TEST_HASH_COST
		);
		await server.store.append([event]);
		return { body: { email: event.email, password } };
	},
	'GET /session': () => ({}),
	'DELETE /session': () => ({}),
	'POST /session/everywhere': () => ({}),
	// Any body: a wrong current password is a 400 of the route, past the guard.
	'POST /session/password': () => ({ body: { currentPassword: 'not the password', newPassword: 'twelve chars or more' } }),
	'GET /schools': () => ({}),
	'POST /events': () => ({
		body: [
			{
				id: unique('b'),
				schoolId: A,
				type: 'behaviour:recorded',
				occurredAt: '2026-11-23T09:06:00Z',
				polarity: 'negative',
				category: 'disruption',
				severity: 2,
				points: -2,
				locationId: 'M1',
				studentIds: [STUDENT],
				staffId: 'T1'
			}
		]
	}),
	'POST /import': () => ({ body: { files: {} } }),
	// Raised by P1, so a patrol caller (linked to P1) acts for themselves.
	'POST /oncall': () => ({
		body: {
			id: unique('cmd'),
			type: 'oncall:raised',
			requestId: unique('call'),
			locationId: 'S1',
			reason: 'disruption',
			priority: 'routine',
			studentIds: [],
			raisedBy: 'P1'
		}
	}),
	'GET /snapshot': () => ({}),
	'GET /floorplan': () => ({}),
	'GET /reports/lateness': () => ({}),
	'GET /reports/truancy': () => ({}),
	'GET /reports/hotspots': () => ({}),
	'GET /reports/oncall': () => ({}),
	'GET /reports/first-day': () => ({}),
	'POST /attendance/calls': () => ({ body: { callId: unique('call'), studentId: STUDENT, contactIndex: 0, outcome: 'no_answer' } }),
	'POST /attendance/contacts': () => ({ body: { studentId: STUDENT } }),
	'GET /reports/minutes-late': () => ({}),
	'GET /reports/corrections': () => ({}),
	'POST /attendance/letter-template': () => ({ body: { kind: 'minutes_late', body: 'Dear parent or carer of {{student}}' } }),
	'POST /attendance/letters/sent': () => ({ body: { studentId: STUDENT, kind: 'minutes_late', from: '2026-11-02', to: '2026-11-27' } }),
	// Nobody's mark was corrected: a 404 of the route, past the guard.
	'POST /attendance/parents-told': () => ({ body: { studentId: STUDENT, date: '2026-11-23' } }),
	'GET /reports/attendance': () => ({}),
	'GET /reports/pa': () => ({}),
	// No student named: a 400 of the route, past the guard.
	'GET /reports/evidence': () => ({}),
	'POST /attendance/interventions': () => ({ body: { interventionId: unique('int'), studentId: STUDENT, kind: 'letter_1', outcome: 'Sent home' } }),
	'GET /reports/rag': () => ({}),
	'POST /attendance/rag-sent': () => ({ body: { week: '2026-11-23', formGroup: FORM } }),
	// No such booking: a 404 of the route, past the guard.
	'POST /reflection/bookings/:bookingId/cancel': () => ({ params: { bookingId: 'no-such-booking' }, body: { reason: 'Mark corrected' } }),
	'POST /plans': () => ({
		body: { planId: unique('plan'), studentId: STUDENT, kind: 'support', targets: ['Arrive on time'], actions: [], reviewOn: '2027-01-11' }
	}),
	// No such plan: a 404 of the route, past the guard.
	'POST /plans/:planId/actions/:actionId/done': () => ({ params: { planId: 'no-such-plan', actionId: 'a1' } }),
	'POST /plans/:planId/reviews': () => ({ params: { planId: 'no-such-plan' }, body: { notes: 'Reviewed' } }),
	'POST /tap-minutes': () => ({
		body: { meetingId: unique('tap'), studentId: STUDENT, date: '2026-11-02', attendees: [{ role: 'parent/carer' }], summary: 'Met', actions: [] }
	}),
	// No student named: a 400 of the route, past the guard.
	'GET /reports/chronology': () => ({}),
	'GET /reports/patterns': () => ({}),
	'GET /reports/behaviour-weekly': () => ({}),
	'POST /suspensions': () => ({
		body: { studentId: STUDENT, kind: 'suspension', starts: { date: '2026-11-23', session: 'AM' }, sessions: 1, reasons: ['DB'], decisionMaker: 'Head' }
	}),
	// No such suspension: a 404 of the route, past the guard.
	'POST /suspensions/:suspensionId/notified': () => ({ params: { suspensionId: 'no-such-suspension' }, body: { who: 'parents', how: 'phone' } }),
	'POST /suspensions/:suspensionId/amend': () => ({
		params: { suspensionId: 'no-such-suspension' },
		body: { studentId: STUDENT, kind: 'suspension', starts: { date: '2026-11-23', session: 'AM' }, sessions: 2, reasons: ['DB'], decisionMaker: 'Head' }
	}),
	'POST /suspensions/:suspensionId/withdraw': () => ({ params: { suspensionId: 'no-such-suspension' }, body: { reason: 'not_served' } }),
	'POST /suspensions/letter-template': () => ({ body: { body: 'Dear parent, {{student}} is suspended.' } }),
	'GET /reports/suspensions': () => ({}),
	'GET /reports/suspensions/la-return': () => ({}),
	// Nothing typed: a 400 of the route, past the guard.
	'GET /suspensions/students': () => ({}),
	// The school has no Reflection Room: a 400 of the route, past the guard.
	'POST /reflection/bookings': () => ({ body: { studentId: STUDENT, roomId: 'RR', dates: ['2026-11-23'], periodIds: ['P1'], reason: 'Matrix' } }),
	'POST /reflection/cover': () => ({ body: { roomId: 'RR', date: '2026-11-23', periodId: 'P1' } }),
	// Nobody asked for cover: a 404 (or, unlinked to the staff list, a 409) of the route.
	'POST /reflection/cover/take': () => ({ body: { roomId: 'RR', date: '2026-11-23', periodId: 'P1' } }),
	'GET /reflection/cover': () => ({}),
	'GET /reports/reflection': () => ({}),
	// No student named: a 400 of the route, past the guard.
	'GET /reports/reflection/student': () => ({}),
	'GET /devices': () => ({}),
	'POST /devices': () => ({ body: { name: 'Matrix wall' } }),
	'POST /devices/revoke': async () => ({ body: { deviceId: (await pairDevice(server.store, A, 'To revoke')).deviceId } }),
	'POST /walls/reload': () => ({}),
	'GET /users': () => ({}),
	'POST /users': () => ({ body: { email: `${unique('new')}@matrix.test`, displayName: 'New person', role: 'slt', password: 'twelve chars or more' } }),
	'POST /users/remove': async () => ({ body: { userId: await bystander() } }),
	'POST /users/sign-out': async () => ({ body: { userId: await bystander() } }),
	'POST /users/password': async () => ({ body: { userId: await bystander(), password: 'twelve chars or more' } }),
	'GET /keys': () => ({}),
	'POST /keys': () => ({ body: { name: 'Matrix MIS' } }),
	'POST /keys/revoke': async () => {
		const { event } = keyIssued(A, 'to revoke', Date.now());
		await server.store.append([event]);
		return { body: { keyId: event.keyId } };
	},
	'GET /audit': () => ({}),
	'GET /connectors': () => ({}),
	// The test server runs no connector: a 404 of the route, past the guard.
	'POST /connectors/:connector/run': () => ({ params: { connector: 'wonde' } }),
	'GET /students/:studentId': () => ({ params: { studentId: STUDENT } }),
	'POST /students/reveal': () => ({ body: { studentIds: [STUDENT] } })
};

const isApiRoute = (key: string): key is ApiRoute => key in API_ROUTES;
const ROUTES = Object.keys(API_ROUTES).filter(isApiRoute);

/** What the table says a caller gets: through, or refused with 401 (nobody) or 403. */
function expectedOf(audience: Audience, role: MatrixRole): 'allowed' | 401 | 403 {
	if (audience === 'public') return 'allowed';
	if (role === 'anonymous') return 401;
	if (audience === 'person') return isPersonRole(role) ? 'allowed' : 403;
	const inA = ROLE_IN_A[role];
	return inA !== null && audience.includes(inA) ? 'allowed' : 403;
}

describe('API routes × roles, from the permission table', () => {
	describe.each(ROUTES)('%s', (route) => {
		it.each(MATRIX_ROLES)('as %s', async (role) => {
			const [method = '', template = ''] = route.split(' ');
			const credentials = await credentialsFor(server, SCHOOLS, role);
			const { params = {}, body } = await CALLS[route]();
			const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? `missing-${name}`);
			const answer = await call(server.url, method, `${path}?school=${A}`, { headers: credentials.headers, body });
			const expected = expectedOf(API_ROUTES[route], role);
			const seen = `${route} as ${role}: ${answer.status} ${answer.text.slice(0, 300)}`;
			if (expected === 'allowed') {
				expect([401, 403], seen).not.toContain(answer.status);
				expect(answer.status, seen).toBeLessThan(500);
			} else {
				expect(answer.status, seen).toBe(expected);
				expect(errorOf(answer).code, seen).toBe(expected === 401 ? 'unauthenticated' : 'forbidden');
			}
		});
	});
});

describe('the schools each caller may open', () => {
	const Schools = z.array(z.object({ id: z.string(), name: z.string() }));

	it.each([
		['admin', [A]],
		['patrol', [A]],
		['trust_admin_same_trust', [A, SCHOOLS.sameTrust].sort()],
		['admin_other_trust', [SCHOOLS.otherTrust]]
	] as const)('%s: %j', async (role, expected) => {
		const { headers } = await callerOf(role);
		const answer = await call(server.url, 'GET', '/schools', { headers });
		expect(
			Schools.parse(answer.body)
				.map((s) => s.id)
				.sort()
		).toEqual(expected);
	});
});

describe('the router holds the table and nothing else', () => {
	it('registers exactly the routes of API_ROUTES, each once, then only the not-found fallthrough', () => {
		const { app, store } = server;
		const router = apiRouter({
			store,
			desk: new DispatchDesk(store, app.projections),
			projections: app.projections,
			broadcaster: app.broadcaster,
			clock: scaledClock({ start: Date.now() }),
			now: Date.now,
			limits: DEFAULT_LIMITS,
			maxBody: '1mb',
			floorplans: fileURLToPath(new URL('../../floorplans/', import.meta.url)),
			logger: silentLogger
		});
		const registered = router.stack.flatMap((layer) => {
			const route = layer.route;
			return route ? [...new Set(route.stack.map((l) => `${l.method.toUpperCase()} ${route.path}`))] : [];
		});
		expect([...registered].sort()).toEqual([...ROUTES].sort());
		expect(new Set(registered).size).toBe(registered.length);
		const unrouted = router.stack.flatMap((layer, i) => (layer.route ? [] : [i]));
		expect(unrouted).toEqual([router.stack.length - 1]);
	});

	it.each([
		['GET', '/nothing-here'],
		['PUT', '/users'],
		['PATCH', '/session'],
		['GET', '/users/remove'],
		['DELETE', '/keys'],
		['POST', '/students']
	])('answers %s %s, which is not in the table, with a JSON 404', async (method, path) => {
		const admin = await credentialsFor(server, SCHOOLS, 'admin');
		for (const headers of [admin.headers, {}]) {
			const answer = await call(server.url, method, `${path}?school=${A}`, { headers, ...(method === 'GET' ? {} : { body: {} }) });
			expect(answer.status).toBe(404);
			expect(errorOf(answer).code).toBe('not_found');
		}
	});
});

const cached = new Map<MatrixRole, Promise<Credentials>>();
/** Credentials kept for the checks that change nothing. */
function callerOf(role: MatrixRole): Promise<Credentials> {
	let credentials = cached.get(role);
	if (!credentials) cached.set(role, (credentials = credentialsFor(server, SCHOOLS, role)));
	return credentials;
}

const isSection = (key: string): key is PageSection => key in PAGE_ROLES;

describe('pages × roles, through the page guard', () => {
	describe.each(Object.keys(PAGE_ROLES).filter(isSection))('%s', (section) => {
		it.each(MATRIX_ROLES)('as %s', async (role) => {
			const { headers } = await callerOf(role);
			const page = `${section}/${A}`;
			const res = await fetch(`${server.url}${page}`, { headers, redirect: 'manual' });
			const allowed: readonly SchoolRole[] = PAGE_ROLES[section];
			const inA = ROLE_IN_A[role];
			// Pages know people by their cookie only: a screen or key loading one is nobody there.
			if (!isPersonRole(role)) {
				expect(res.status).toBe(303);
				expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(page)}`);
			} else if (inA !== null && allowed.includes(inA)) {
				// No dashboard in the test server: through the guard is the final 404.
				expect(res.status).toBe(404);
			} else {
				expect(res.status).toBe(403);
				expect(await res.text()).toContain('not for your role');
			}
		});
	});
});

describe('the page guard sees a path as the dashboard routes it', () => {
	// SvelteKit decodes the path before it picks a page, so these are the same pages as /admin/<school>.
	const encoded = (section: string) => [
		`${section}/%${A.charCodeAt(0).toString(16)}${A.slice(1)}`,
		`/%${section.charCodeAt(1).toString(16)}${section.slice(2)}/${A}`
	];

	it('sends nobody from an encoded path to sign in, for every page', async () => {
		for (const section of Object.keys(PAGE_ROLES).filter(isSection)) {
			for (const page of encoded(section)) {
				const res = await fetch(`${server.url}${page}`, { redirect: 'manual' });
				expect(res.status, page).toBe(303);
			}
		}
	});

	it('refuses patrol an encoded admin path', async () => {
		const { headers } = await callerOf('patrol');
		for (const page of encoded('/admin')) {
			const res = await fetch(`${server.url}${page}`, { headers, redirect: 'manual' });
			expect(res.status, page).toBe(403);
		}
	});
});

describe('socket connections × roles', () => {
	it.each(MATRIX_ROLES)('as %s', async (role) => {
		const { handshake } = await callerOf(role);
		const inA = ROLE_IN_A[role];
		const expected = inA !== null && SOCKET_CONNECT.includes(inA) ? 'connected' : role === 'anonymous' ? 'unauthenticated' : 'forbidden';
		expect(await trySocket(server.url, handshake)).toBe(expected);
	});
});

const isCommand = (key: string): key is keyof typeof SOCKET_COMMANDS => key in SOCKET_COMMANDS;
const COMMAND_BODIES: Record<keyof typeof SOCKET_COMMANDS, unknown> = { 'school:snapshot': { schoolId: A } };
const Ack = z.object({ ok: z.boolean() });

describe('socket commands × roles', () => {
	describe.each(Object.keys(SOCKET_COMMANDS).filter(isCommand))('%s', (command) => {
		it.each(MATRIX_ROLES)('as %s', async (role) => {
			const { handshake } = await callerOf(role);
			const inA = ROLE_IN_A[role];
			if (inA === null || !SOCKET_CONNECT.includes(inA)) {
				// Not let in, so never heard.
				expect(await trySocket(server.url, handshake)).not.toBe('connected');
				return;
			}
			const socket = await openSocket(server.url, handshake);
			try {
				const ack = Ack.parse(await socket.socket.timeout(5_000).emitWithAck(command, COMMAND_BODIES[command]));
				const allowed: readonly SchoolRole[] = SOCKET_COMMANDS[command];
				expect(ack.ok).toBe(allowed.includes(inA));
			} finally {
				socket.close();
			}
		});
	});
});
