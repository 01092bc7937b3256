import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_ONLY_TYPES, SessionInfo, type AuditAction } from '../../server/protocol';
import { userAdded } from '../../server/src/auth/grants';
import { sha256 } from '../../server/src/auth/secrets';
import { keyFor, pairDevice, signIn, signInAs, TEST_HASH_COST, type SignedIn } from '../support/access';
import { addPerson, call, closedBy, errorOf, ingestOk, openSocket, schoolReference, trySocket, type Answer } from '../support/principals';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'sign-in-school';
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

let server: TestServer;
/** The server's real-time clock: sessions and lock-outs read it, and the tests move it. */
let now = Date.parse('2026-11-23T09:00:00Z');
const advance = (ms: number) => (now += ms);

beforeEach(async () => {
	now = Date.parse('2026-11-23T09:00:00Z');
	server = await startTestServer({ now: () => now });
	await ingestOk(server, schoolReference(SCHOOL));
});
afterEach(() => server.close());

const signInWith = (email: string, password: string, headers: Record<string, string> = {}) =>
	call(server.url, 'POST', '/session', { headers, body: { email, password } });
const whoAmI = (cookie: string) => call(server.url, 'GET', '/session', { headers: { cookie } });

async function auditOf(userId: string): Promise<AuditAction[]> {
	const actions: AuditAction[] = [];
	for await (const { event } of server.store.read(SCHOOL)) if (event.type === 'audit:recorded' && event.actorId === userId) actions.push(event.action);
	return actions;
}

const handshakeOf = (person: SignedIn) => ({ auth: { schoolId: SCHOOL }, extraHeaders: { cookie: person.cookie } });

/** Signed in, with a second's gap before what follows, so what follows is later than the sign-in. */
async function signedIn(role: Parameters<typeof signIn>[2] = 'coordinator'): Promise<SignedIn> {
	const person = await signIn(server, SCHOOL, role);
	advance(1_000);
	return person;
}

describe('signing in', () => {
	it('answers a wrong password and an unknown email alike: 401 naming password', async () => {
		const { email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		const wrong = await signInWith(email, 'not the password');
		const unknown = await signInWith('nobody@sign-in-school.test', 'not the password');
		expect(wrong.status).toBe(401);
		expect(errorOf(wrong)).toMatchObject({ code: 'unauthenticated', issues: [{ path: 'password' }] });
		expect(unknown.status).toBe(wrong.status);
		expect(unknown.body).toEqual(wrong.body);
		expect(wrong.headers.get('set-cookie')).toBeNull();
	});

	it('locks the account after five failures: 423 with Retry-After even with the right password, and both are audited', async () => {
		const { userId, email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		const statuses: number[] = [];
		for (let i = 0; i < 5; i += 1) {
			advance(1_000);
			statuses.push((await signInWith(email, `wrong ${i}`)).status);
		}
		expect(statuses).toEqual([401, 401, 401, 401, 423]);
		const locked = await signInWith(email, PASSWORD);
		expect(locked.status).toBe(423);
		expect(errorOf(locked).code).toBe('locked');
		expect(locked.headers.get('retry-after')).toBe('900');
		expect(locked.headers.get('set-cookie')).toBeNull();
		expect(await auditOf(userId)).toEqual(['sign_in_failed', 'sign_in_failed', 'sign_in_failed', 'sign_in_failed', 'sign_in_failed', 'locked_out']);
	});

	it('holds guesses sent all at once to the same five: the rest are locked out unchecked', async () => {
		const { userId, email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => signInWith(email, `guess ${i}`).then((a) => a.status)));
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
		expect((await auditOf(userId)).filter((a) => a === 'sign_in_failed').length).toBeLessThanOrEqual(5);
	});

	it('lets the account in again fifteen minutes after the last failure, not before', async () => {
		const { email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		for (let i = 0; i < 5; i += 1) await signInWith(email, 'wrong');
		advance(15 * MINUTE - 1_000);
		const almost = await signInWith(email, PASSWORD);
		expect(almost.status).toBe(423);
		expect(almost.headers.get('retry-after')).toBe('1');
		advance(1_000);
		expect((await signInWith(email, PASSWORD)).status).toBe(200);
	});

	it('forgets failures after a good sign-in', async () => {
		const { email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		for (let i = 0; i < 4; i += 1) expect((await signInWith(email, 'wrong')).status).toBe(401);
		expect((await signInWith(email, PASSWORD)).status).toBe(200);
		for (let i = 0; i < 4; i += 1) expect((await signInWith(email, 'wrong')).status).toBe(401);
		expect((await signInWith(email, PASSWORD)).status).toBe(200);
	});

	it('sets an HttpOnly, SameSite=Strict session cookie; GET /session says who it is', async () => {
		const { email, userId } = await addPerson(server, SCHOOL, 'coordinator', PASSWORD);
		const answer = await signInWith(email, PASSWORD);
		const cookie = answer.headers.get('set-cookie') ?? '';
		const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
		expect(cookie).toMatch(/^lookout_session=sign-in-school\.[A-Za-z0-9_-]{43};/);
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=strict');
		expect(attributes).toContain('path=/');
		const session = await whoAmI(cookie.split(';')[0]!);
		expect(session.status).toBe(200);
		const info = SessionInfo.parse((session.body as { data: unknown }).data);
		expect(info).toMatchObject({ userId, role: 'coordinator', schoolId: SCHOOL, schools: [{ id: SCHOOL, role: 'coordinator' }] });
		expect(info.csrfToken).toMatch(/^[0-9a-f]{64}$/);
		expect(await auditOf(userId)).toEqual(['signed_in']);
	});

	it('refuses a sign-in posted from another site, and takes one from its own', async () => {
		const { email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		const foreign = await signInWith(email, PASSWORD, { origin: 'https://evil.example' });
		expect(foreign.status).toBe(403);
		expect(errorOf(foreign)).toMatchObject({ code: 'forbidden', issues: [{ path: 'origin' }] });
		expect(foreign.headers.get('set-cookie')).toBeNull();
		expect((await signInWith(email, PASSWORD, { origin: 'null' })).status).toBe(403);
		expect((await signInWith(email, PASSWORD, { origin: server.url })).status).toBe(200);
	});

	it.each([
		[{ email: 'not-an-email', password: 'x' }, 'email'],
		[{ email: 'someone@school.test' }, 'password'],
		[{ email: 'someone@school.test', password: '' }, 'password'],
		[{ email: 'someone@school.test', password: 'x', remember: true }, 'remember']
	])('answers the malformed body %j with 400 naming %s', async (body, path) => {
		const answer = await call(server.url, 'POST', '/session', { body });
		expect(answer.status).toBe(400);
		expect(errorOf(answer)).toMatchObject({ code: 'invalid_body', issues: [expect.objectContaining({ path })] });
	});
});

describe('sign-in rate limit', () => {
	it('answers 429 past the limit per address, whatever the password', async () => {
		const limited = await startTestServer({ limits: { signInPerMinute: 3 } });
		try {
			await ingestOk(limited, schoolReference(SCHOOL));
			const { email } = await addPerson(limited, SCHOOL, 'slt', PASSWORD);
			const attempt = (password: string) => call(limited.url, 'POST', '/session', { body: { email, password } });
			expect([(await attempt('wrong')).status, (await attempt('wrong')).status, (await attempt(PASSWORD)).status]).toEqual([401, 401, 200]);
			const refused = await attempt(PASSWORD);
			expect(refused.status).toBe(429);
			expect(errorOf(refused).code).toBe('rate_limited');
		} finally {
			await limited.close();
		}
	});
});

describe('sessions ending', () => {
	it('signing out stops the cookie working and closes that session’s socket, not another', async () => {
		const person = await signedIn();
		const other = await signInAs(server, person.email, person.password);
		const socket = await openSocket(server.url, handshakeOf(person));
		const otherSocket = await openSocket(server.url, handshakeOf(other));
		const closed = closedBy(socket.socket);
		advance(1_000);
		const out = await call(server.url, 'DELETE', '/session', { headers: person.headers });
		expect(out.status).toBe(200);
		expect(out.headers.get('set-cookie')).toMatch(/^lookout_session=;/);
		expect(await closed).toBe('io server disconnect');
		expect((await whoAmI(person.cookie)).status).toBe(401);
		expect(await trySocket(server.url, handshakeOf(person))).toBe('unauthenticated');
		expect((await whoAmI(other.cookie)).status).toBe(200);
		expect(otherSocket.socket.connected).toBe(true);
		otherSocket.close();
		expect(await auditOf(person.userId)).toContain('signed_out');
	});

	it('signing out everywhere ends every session of the person, and their sockets', async () => {
		const first = await signedIn();
		const second = await signInAs(server, first.email, first.password);
		const bystander = await signedIn();
		advance(1_000);
		const sockets = await Promise.all([first, second].map((p) => openSocket(server.url, handshakeOf(p))));
		const bystanderSocket = await openSocket(server.url, handshakeOf(bystander));
		const closed = sockets.map((s) => closedBy(s.socket));
		expect((await call(server.url, 'POST', '/session/everywhere', { headers: first.headers })).status).toBe(200);
		expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
		for (const p of [first, second]) expect((await whoAmI(p.cookie)).status).toBe(401);
		expect((await whoAmI(bystander.cookie)).status).toBe(200);
		expect(bystanderSocket.socket.connected).toBe(true);
		bystanderSocket.close();
		advance(1_000);
		expect((await signInWith(first.email, first.password)).status).toBe(200);
	});

	it('signing out everywhere also ends a session started in the same millisecond', async () => {
		const first = await signIn(server, SCHOOL, 'coordinator');
		const second = await signInAs(server, first.email, first.password);
		expect((await call(server.url, 'POST', '/session/everywhere', { headers: first.headers })).status).toBe(200);
		expect((await whoAmI(first.cookie)).status).toBe(401);
		expect((await whoAmI(second.cookie)).status).toBe(401);
	});

	it("an admin's sign-out of someone else ends all of their sessions and sockets", async () => {
		const admin = await signedIn('admin');
		const person = await signedIn('patrol');
		const again = await signInAs(server, person.email, person.password);
		advance(1_000);
		const sockets = await Promise.all([person, again].map((p) => openSocket(server.url, handshakeOf(p))));
		const closed = sockets.map((s) => closedBy(s.socket));
		const answer = await call(server.url, 'POST', '/users/sign-out', { headers: admin.headers, body: { userId: person.userId } });
		expect(answer.status).toBe(200);
		expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
		for (const p of [person, again]) expect((await whoAmI(p.cookie)).status).toBe(401);
		expect((await whoAmI(admin.cookie)).status).toBe(200);
	});

	it('a session past its twelve hours is refused, over HTTP and for a socket', async () => {
		const person = await signedIn();
		advance(12 * 60 * MINUTE - 2_000);
		expect((await whoAmI(person.cookie)).status).toBe(200);
		expect(await trySocket(server.url, handshakeOf(person))).toBe('connected');
		advance(1_000);
		expect((await whoAmI(person.cookie)).status).toBe(401);
		expect(await trySocket(server.url, handshakeOf(person))).toBe('unauthenticated');
	});

	it('a removed person is nobody at once: 401, socket closed, and cannot sign in', async () => {
		const admin = await signedIn('admin');
		const person = await signedIn('slt');
		const socket = await openSocket(server.url, handshakeOf(person));
		const closed = closedBy(socket.socket);
		expect((await call(server.url, 'POST', '/users/remove', { headers: admin.headers, body: { userId: person.userId } })).status).toBe(200);
		expect(await closed).toBe('io server disconnect');
		expect((await whoAmI(person.cookie)).status).toBe(401);
		expect((await signInWith(person.email, person.password)).status).toBe(401);
	});
});

describe('keys and screens', () => {
	const behaviour = (id: string) => ({
		id,
		schoolId: SCHOOL,
		type: 'behaviour:recorded',
		occurredAt: '2026-11-23T09:06:00Z',
		polarity: 'negative',
		category: 'disruption',
		severity: 1,
		points: -1,
		locationId: 'M1',
		studentIds: ['STU1'],
		staffId: 'T1'
	});

	it('a revoked integration key is refused with 401', async () => {
		const admin = await signedIn('admin');
		const issued = await call(server.url, 'POST', '/keys', { headers: admin.headers, body: { name: 'MIS sync' } });
		expect(issued.status).toBe(201);
		const { keyId, key } = (issued.body as { data: { keyId: string; key: string } }).data;
		const send = (id: string) => call(server.url, 'POST', '/events', { headers: { authorization: `Bearer ${key}` }, body: [behaviour(id)] });
		expect((await send('k1')).status).toBe(200);
		expect((await call(server.url, 'POST', '/keys/revoke', { headers: admin.headers, body: { keyId } })).status).toBe(200);
		const refused = await send('k2');
		expect(refused.status).toBe(401);
		expect(errorOf(refused).code).toBe('unauthenticated');
		const forged = await call(server.url, 'POST', '/events', { headers: { authorization: `Bearer ${key.slice(0, -2)}xx` }, body: [behaviour('k3')] });
		expect(forged.status).toBe(401);
	});

	it('a revoked screen is refused with device_revoked; a token never paired with unknown_device', async () => {
		const admin = await signedIn('admin');
		const paired = await call(server.url, 'POST', `/devices?school=${SCHOOL}`, { headers: admin.headers, body: { name: 'Office wall' } });
		expect(paired.status).toBe(201);
		const { deviceId, pairingPath } = (paired.body as { data: { deviceId: string; pairingPath: string } }).data;
		const handshake = { auth: { schoolId: SCHOOL, deviceToken: pairingPath.slice(pairingPath.indexOf('#') + 1) }, extraHeaders: {} };
		const wall = await openSocket(server.url, handshake);
		const closed = closedBy(wall.socket);
		expect((await call(server.url, 'POST', `/devices/revoke?school=${SCHOOL}`, { headers: admin.headers, body: { deviceId } })).status).toBe(200);
		expect(await closed).toBe('io server disconnect');
		expect(await trySocket(server.url, handshake)).toBe('device_revoked');
		expect(await trySocket(server.url, { auth: { schoolId: SCHOOL, deviceToken: 'x'.repeat(43) }, extraHeaders: {} })).toBe('unknown_device');
	});

	/** One valid event of each type only the server writes. */
	const SERVER_ONLY: Record<string, Record<string, unknown>> = {
		'user:added': {
			userId: 'u-forged',
			email: 'forged@school.test',
			displayName: 'Forged',
			role: 'admin',
			staffId: null,
			passwordHash: `scrypt$1024$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`
		},
		'user:password-set': { userId: 'u-forged', passwordHash: `scrypt$1024$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}` },
		'user:removed': { userId: 'u-forged' },
		'user:signed-out-everywhere': { userId: 'u-forged' },
		'session:started': { sessionId: sha256('forged'), userId: 'u-forged', expiresAt: '2027-01-01T00:00:00Z' },
		'session:ended': { sessionId: sha256('forged') },
		'integration-key:issued': { keyId: 'k-forged', name: 'Forged', keySha256: sha256('forged') },
		'integration-key:revoked': { keyId: 'k-forged' },
		'school:trust-set': { trustId: 'trust-forged' },
		'audit:recorded': { action: 'signed_in', actorId: 'u-forged', actorRole: 'admin', studentId: null, address: null, detail: '' },
		'device:paired': { deviceId: 'd-forged', name: 'Forged', tokenSha256: sha256('forged') },
		'device:revoked': { deviceId: 'd-forged' },
		'attendance:call-logged': { callId: 'c-forged', studentId: 'STU1', date: '2026-11-23', contactIndex: 0, outcome: 'reached', by: 'T1' },
		'attendance:template-set': { kind: 'minutes_late', body: 'Forged {{student}}', by: 'T1' },
		'attendance:letter-sent': { letterId: 'l-forged', studentId: 'STU1', kind: 'minutes_late', from: '2026-11-02', to: '2026-11-23', by: 'T1' },
		'attendance:parent-told': { studentId: 'STU1', date: '2026-11-23', what: 'Forged', by: 'T1' },
		'attendance:intervention-logged': { interventionId: 'i-forged', studentId: 'STU1', kind: 'letter_1', date: '2026-11-23', by: 'T1', outcome: 'Forged' },
		'attendance:rag-sent': { week: '2026-11-23', formGroup: '9N', by: 'T1' },
		'suspension:recorded': {
			suspensionId: 's-forged',
			studentId: 'STU1',
			kind: 'suspension',
			starts: { date: '2026-11-23', session: 'AM' },
			sessions: 2,
			reasons: ['DB'],
			decisionMaker: 'Forged',
			by: 'T1'
		},
		'suspension:notified': { suspensionId: 's-forged', who: 'parents', how: 'phone', at: '2026-11-23T10:00:00Z', by: 'T1' },
		'suspension:template-set': { body: 'Forged {{student}}', by: 'T1' },
		'suspension:amended': {
			suspensionId: 's-forged',
			studentId: 'STU1',
			kind: 'suspension',
			starts: { date: '2026-11-23', session: 'AM' },
			sessions: 1,
			reasons: ['DB'],
			decisionMaker: 'Forged',
			by: 'T1'
		},
		'suspension:withdrawn': { suspensionId: 's-forged', reason: 'recorded_in_error', by: 'T1' },
		'reflection:cover-requested': { roomId: 'RR', date: '2026-11-23', periodId: 'P1', by: 'T1' },
		'reflection:cover-taken': { roomId: 'RR', date: '2026-11-23', periodId: 'P1', staffId: 'T1' },
		'plan:recorded': { planId: 'p-forged', studentId: 'STU1', kind: 'support', targets: ['Forged'], actions: [], reviewOn: '2026-12-07', by: 'T1' },
		'plan:action-done': { planId: 'p-forged', actionId: 'a-forged', by: 'T1' },
		'plan:reviewed': { planId: 'p-forged', date: '2026-11-23', notes: 'Forged', by: 'T1' },
		'tap:minuted': { meetingId: 'm-forged', studentId: 'STU1', date: '2026-11-23', attendees: [{ staffId: 'T1' }], summary: 'Forged', actions: [], by: 'T1' }
	};

	it('covers every server-only type', () => {
		expect(Object.keys(SERVER_ONLY).sort()).toEqual([...SERVER_ONLY_TYPES].sort());
	});

	it.each(Object.keys(SERVER_ONLY))('a key cannot send %s: 403 naming [i].type, and nothing of the batch is stored', async (type) => {
		const key = await keyFor(server.store, SCHOOL);
		const before = server.app.projections.position(SCHOOL);
		const forged = { id: `forged-${type}`, schoolId: SCHOOL, occurredAt: '2026-11-23T09:06:00Z', type, ...SERVER_ONLY[type] };
		const headers = { authorization: `Bearer ${key}` };
		const alone = await call(server.url, 'POST', '/events', { headers, body: [forged] });
		expect(alone.status, alone.text).toBe(403);
		expect(errorOf(alone)).toMatchObject({ code: 'forbidden', issues: [{ path: '[0].type', index: 0 }] });
		const behind = await call(server.url, 'POST', '/events', { headers, body: [behaviour(`before-${type}`), forged] });
		expect(behind.status).toBe(403);
		expect(errorOf(behind).issues).toEqual([expect.objectContaining({ path: '[1].type' })]);
		expect(server.app.projections.position(SCHOOL)).toBe(before);
	});
});

describe('cross-site request forgery', () => {
	const cases: { name: string; headers: (p: SignedIn) => Record<string, string> }[] = [
		{ name: 'no x-csrf-token', headers: (p) => ({ cookie: p.cookie }) },
		{ name: 'a wrong x-csrf-token', headers: (p) => ({ cookie: p.cookie, 'x-csrf-token': '0'.repeat(64) }) },
		{ name: "another session's x-csrf-token", headers: (p) => ({ cookie: p.cookie, 'x-csrf-token': sha256(p.csrfToken) }) }
	];

	it.each(cases)('refuses a POST with the cookie and $name: 403 naming x-csrf-token, nothing stored', async ({ headers }) => {
		const admin = await signedIn('admin');
		const before = server.app.projections.position(SCHOOL);
		const attempts: Answer[] = [
			await call(server.url, 'POST', '/keys', { headers: headers(admin), body: { name: 'Smuggled' } }),
			await call(server.url, 'POST', '/users', {
				headers: headers(admin),
				body: { email: 'smuggled@school.test', displayName: 'S', role: 'admin', password: 'a long enough password' }
			}),
			await call(server.url, 'POST', '/students/reveal', { headers: headers(admin), body: { studentIds: ['STU1'] } }),
			await call(server.url, 'DELETE', '/session', { headers: headers(admin) })
		];
		for (const answer of attempts) {
			expect(answer.status).toBe(403);
			expect(errorOf(answer)).toMatchObject({ code: 'forbidden', issues: [{ path: 'x-csrf-token' }] });
		}
		expect(server.app.projections.position(SCHOOL)).toBe(before);
		expect((await whoAmI(admin.cookie)).status).toBe(200);
	});

	it('asks no token of reads', async () => {
		const admin = await signedIn('admin');
		expect((await call(server.url, 'GET', '/keys', { headers: { cookie: admin.cookie } })).status).toBe(200);
	});
});

describe('malformed bodies on the access routes', () => {
	const table: { route: string; body?: unknown; query?: string; path: string; code?: string }[] = [
		{ route: 'POST /users', body: { email: 'nope', displayName: 'N', role: 'slt', password: 'long enough password' }, path: 'email' },
		{ route: 'POST /users', body: { email: 'n@school.test', displayName: '', role: 'slt', password: 'long enough password' }, path: 'displayName' },
		{ route: 'POST /users', body: { email: 'n@school.test', displayName: 'N', role: 'overlord', password: 'long enough password' }, path: 'role' },
		{ route: 'POST /users', body: { email: 'n@school.test', displayName: 'N', role: 'slt', password: 'short' }, path: 'password' },
		{
			route: 'POST /users',
			body: { email: 'n@school.test', displayName: 'N', role: 'slt', password: 'long enough password', staffId: 'has spaces' },
			path: 'staffId'
		},
		{ route: 'POST /users', body: { email: 'n@school.test', displayName: 'N', role: 'slt', password: 'long enough password', isAdmin: true }, path: 'isAdmin' },
		{ route: 'POST /users/remove', body: {}, path: 'userId' },
		{ route: 'POST /users/sign-out', body: { userId: 5 }, path: 'userId' },
		{ route: 'POST /keys', body: { name: '  ' }, path: 'name' },
		{ route: 'POST /keys', body: { name: 'x'.repeat(81) }, path: 'name' },
		{ route: 'POST /keys/revoke', body: { key: 'k' }, path: 'keyId' },
		{ route: 'POST /students/reveal', body: { studentIds: [] }, path: 'studentIds' },
		{ route: 'POST /students/reveal', body: { studentIds: ['STU1', 7] }, path: 'studentIds[1]' },
		{ route: 'POST /students/reveal', body: { studentIds: Array.from({ length: 51 }, (_, i) => `S${i}`) }, path: 'studentIds' },
		{ route: 'POST /devices', query: `?school=${SCHOOL}`, body: { name: '' }, path: 'name' },
		{ route: 'POST /devices/revoke', query: `?school=${SCHOOL}`, body: {}, path: 'deviceId' },
		{ route: 'GET /audit', query: '?format=xml', path: 'format', code: 'invalid_query' },
		{ route: 'GET /students/:id', path: 'studentId', code: 'not_found' }
	];

	it.each(table.map((row) => ({ code: 'invalid_body', ...row })))('$route answers $code naming $path', async ({ route, body, query = '', path, code }) => {
		const admin = await signedIn('admin');
		const [method = '', template = ''] = route.split(' ');
		const url = template.replace(':id', 'no such student!') + query;
		const answer = await call(server.url, method, url, { headers: admin.headers, body });
		expect(answer.status, answer.text).toBe(code === 'not_found' ? 404 : 400);
		expect(errorOf(answer)).toMatchObject({ code, issues: expect.arrayContaining([expect.objectContaining({ path })]) });
	});

	it('answers a body that is not JSON with 400', async () => {
		const admin = await signedIn('admin');
		const answer = await call(server.url, 'POST', '/keys', { headers: admin.headers, body: '{"name":' });
		expect(answer.status).toBe(400);
		expect(errorOf(answer).code).toBe('invalid_body');
	});
});

describe('passwords and secrets at rest', () => {
	it('takes a person only with a password of at least twelve characters', async () => {
		const admin = await signedIn('admin');
		const add = (email: string, password: string) =>
			call(server.url, 'POST', '/users', { headers: admin.headers, body: { email, displayName: 'New', role: 'slt', password } });
		const short = await add('short@school.test', 'elevenchars');
		expect(short.status).toBe(400);
		expect(errorOf(short).issues).toEqual([expect.objectContaining({ path: 'password', message: expect.stringContaining('12') })]);
		expect((await add('exact@school.test', 'twelve chars')).status).toBe(201);
		expect((await signInWith('exact@school.test', 'twelve chars')).status).toBe(200);
	});

	it('refuses a second person with the same email, in any school', async () => {
		const admin = await signedIn('admin');
		const other = await addPerson(server, 'another-school', 'slt', PASSWORD);
		const answer = await call(server.url, 'POST', '/users', {
			headers: admin.headers,
			body: { email: other.email.toUpperCase(), displayName: 'Dup', role: 'slt', password: PASSWORD }
		});
		expect(answer.status).toBe(400);
		expect(errorOf(answer).issues).toEqual([expect.objectContaining({ path: 'email' })]);
	});

	it('a school admin cannot make a trust admin', async () => {
		const admin = await signedIn('admin');
		const answer = await call(server.url, 'POST', '/users', {
			headers: admin.headers,
			body: { email: 'raise@school.test', displayName: 'R', role: 'trust_admin', password: PASSWORD }
		});
		expect(answer.status).toBe(403);
		expect(errorOf(answer).issues).toEqual([expect.objectContaining({ path: 'role' })]);
	});

	it('keeps no password, session token or key in the journal; passwords only as scrypt hashes', async () => {
		const admin = await signedIn('admin');
		expect(
			(
				await call(server.url, 'POST', '/users', {
					headers: admin.headers,
					body: { email: 'kept@school.test', displayName: 'Kept', role: 'slt', password: PASSWORD }
				})
			).status
		).toBe(201);
		const kept = await signInAs(server, 'kept@school.test', PASSWORD);
		await signInWith('kept@school.test', 'a wrong guess at it');
		const issued = await call(server.url, 'POST', '/keys', { headers: admin.headers, body: { name: 'MIS' } });
		const { key } = (issued.body as { data: { key: string } }).data;
		const added = await userAdded(
			SCHOOL,
			{ email: 'direct@school.test', displayName: 'D', role: 'slt', staffId: null, password: 'direct password here' },
			now,
			TEST_HASH_COST
		);
		await server.store.append([added]);

		const journal = await readFile(join(server.dataDir, 'journal.ndjson'), 'utf8');
		for (const secret of [
			PASSWORD,
			'a wrong guess at it',
			'direct password here',
			admin.password,
			kept.cookie.slice(kept.cookie.indexOf('=') + 1),
			key,
			key.slice(key.lastIndexOf('.') + 1)
		]) {
			expect(journal).not.toContain(secret);
		}
		const hashes = [...journal.matchAll(/"passwordHash":"([^"]+)"/g)].map((m) => m[1]);
		expect(hashes.length).toBeGreaterThanOrEqual(3);
		for (const hash of hashes) expect(hash).toMatch(/^scrypt\$/);
		// People added through the API get the full cost, not the tests' cheap one.
		expect(journal).toMatch(/"email":"kept@school\.test"[^\n]*"passwordHash":"scrypt\$131072\$8\$1\$/);
		expect(journal).toContain(`"sessionId":"${sha256(kept.cookie.slice(kept.cookie.indexOf('.') + 1))}"`);
	});
});

describe('screens and keys keep to their own school', () => {
	it('a screen of one school cannot use its token at another', async () => {
		await ingestOk(server, schoolReference('screen-other'));
		const wall = await pairDevice(server.store, 'screen-other');
		expect(await trySocket(server.url, { auth: { schoolId: SCHOOL, deviceToken: wall.token }, extraHeaders: {} })).toBe('unknown_device');
		expect(await trySocket(server.url, { auth: { schoolId: 'screen-other', deviceToken: wall.token }, extraHeaders: {} })).toBe('connected');
	});
});
