import { io, type Socket } from 'socket.io-client';
import { ApiError, type InboundEventInput, type PersonRole, type SchoolRole, type Settings } from '../../server/protocol';
import { keyIssued, userAdded } from '../../server/src/auth/grants';
import { ingest, pairDevice, signIn, TEST_HASH_COST, type SignedIn, type Signer } from './access';

/** A student as a test school's reference data lists them. */
export interface TestStudent {
	id: string;
	givenName: string;
	familyName: string;
	yearGroup: number;
	formGroup: string;
	flags?: { sen?: boolean; medical?: boolean; safeguarding?: boolean };
}

export interface SchoolSetup {
	name?: string;
	trustId?: string;
	students?: TestStudent[];
	settings?: Partial<Settings>;
	/** Staff ids; each gets a code made from the id. */
	staff?: string[];
	id?: string;
}

export const DEFAULT_STUDENTS: TestStudent[] = [
	{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley', yearGroup: 9, formGroup: '9N' },
	{ id: 'STU2', givenName: 'Barnaby', familyName: 'Okonkwo', yearGroup: 10, formGroup: '10S' }
];

/** A school's reference data: two rooms, a lesson period, its students and staff, and its trust. */
export function schoolReference(schoolId: string, setup: SchoolSetup = {}): InboundEventInput {
	return {
		id: setup.id ?? `ref-${schoolId}`,
		schoolId,
		type: 'reference:updated',
		occurredAt: '2026-11-23T07:00:00Z',
		school: { name: setup.name ?? `School ${schoolId}`, timezone: 'Europe/London', ...(setup.trustId ? { trustId: setup.trustId } : {}) },
		...(setup.settings ? { settings: setup.settings } : {}),
		rooms: [
			{ id: 'M1', name: 'M1 Maths', category: 'classroom', level: 0 },
			{ id: 'S1', name: 'S1 Lab', category: 'laboratory', level: 1 }
		],
		students: setup.students ?? DEFAULT_STUDENTS,
		staff: (setup.staff ?? ['T1', 'C1', 'P1']).map((id) => ({ id, title: 'Mx', givenName: `Staff${id}`, familyName: `Member${id}`, code: id.slice(0, 10) })),
		periods: [{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' }]
	} as InboundEventInput;
}

/** Ingests events with the school's own key and throws unless they were taken. */
export async function ingestOk(server: Signer, body: unknown): Promise<void> {
	const answer = await ingest(server, body);
	if (answer.status !== 200) throw new Error(`ingest answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/**
 * Raises call `requestId` in the room with these students and sends it to `staffId`, so a
 * patrol person linked to that member of staff may see the students' names. Two calls from
 * one room close together merge, so a second call needs another room.
 */
export async function dispatchCall(
	server: Signer,
	schoolId: string,
	requestId: string,
	staffId: string,
	studentIds: string[],
	locationId = 'M1'
): Promise<void> {
	const step = (n: number, extra: Record<string, unknown>) => ({
		id: `${requestId}-${n}`,
		schoolId,
		occurredAt: `2026-11-23T09:0${n}:00Z`,
		requestId,
		...extra
	});
	await ingestOk(server, [
		step(1, { type: 'oncall:raised', locationId, reason: 'disruption', priority: 'urgent', studentIds, raisedBy: 'T1' }),
		step(2, { type: 'oncall:acknowledged', by: 'C1' }),
		step(3, { type: 'oncall:dispatched', staffId, by: 'C1' })
	]);
}

/** Who calls, as the authorization matrix sees them: school roles of school A, and outsiders. */
export const MATRIX_ROLES = [
	'admin',
	'slt',
	'coordinator',
	'patrol',
	'wall',
	'integration',
	'trust_admin_same_trust',
	'admin_other_trust',
	'anonymous'
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** The role each caller has in school A: a trust admin of a sibling school is an admin there; an outsider has none. */
export const ROLE_IN_A: Record<MatrixRole, SchoolRole | null> = {
	admin: 'admin',
	slt: 'slt',
	coordinator: 'coordinator',
	patrol: 'patrol',
	wall: 'wall',
	integration: 'integration',
	trust_admin_same_trust: 'admin',
	admin_other_trust: null,
	anonymous: null
};

export const isPersonRole = (role: MatrixRole) => !['wall', 'integration', 'anonymous'].includes(role);

/** What a caller presents: HTTP headers, and a socket handshake. */
export interface Credentials {
	role: MatrixRole;
	headers: Record<string, string>;
	handshake: Handshake;
	person: SignedIn | null;
}

export interface Handshake {
	auth: { schoolId: string; deviceToken?: string };
	extraHeaders: Record<string, string>;
}

/** The schools of a matrix: A and B share a trust, C is in another. */
export interface MatrixSchools {
	a: string;
	sameTrust: string;
	otherTrust: string;
	/** The member of staff patrol callers are linked to: their call holds the students. */
	patrolStaffId: string;
}

/** Fresh credentials for one caller of school A (a new person, key or screen each time). */
export async function credentialsFor(server: Signer, schools: MatrixSchools, role: MatrixRole): Promise<Credentials> {
	const person = async (schoolId: string, personRole: PersonRole, staffId: string | null = null): Promise<Credentials> => {
		const signedIn = await signIn(server, schoolId, personRole, { staffId });
		const headers = { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken };
		return { role, headers, handshake: { auth: { schoolId: schools.a }, extraHeaders: { cookie: signedIn.cookie } }, person: signedIn };
	};
	const bearer = (token: string): Credentials => ({
		role,
		headers: { authorization: `Bearer ${token}` },
		// A socket takes no bearer header: a key can only be tried as a device token.
		handshake: { auth: { schoolId: schools.a, deviceToken: token }, extraHeaders: {} },
		person: null
	});
	switch (role) {
		case 'admin':
		case 'slt':
		case 'coordinator':
			return person(schools.a, role);
		case 'patrol':
			return person(schools.a, 'patrol', schools.patrolStaffId);
		case 'trust_admin_same_trust':
			return person(schools.sameTrust, 'trust_admin');
		case 'admin_other_trust':
			return person(schools.otherTrust, 'admin');
		case 'wall':
			return bearer((await pairDevice(server.store, schools.a)).token);
		case 'integration': {
			const { event, key } = keyIssued(schools.a, 'matrix feed', Date.now());
			await server.store.append([event]);
			return bearer(key);
		}
		case 'anonymous':
			return { role, headers: {}, handshake: { auth: { schoolId: schools.a }, extraHeaders: {} }, person: null };
	}
}

/** A person written straight into the log, not signed in: for sign-in tests that count attempts. */
export async function addPerson(
	server: Signer,
	schoolId: string,
	role: PersonRole,
	password: string,
	staffId: string | null = null
): Promise<{ userId: string; email: string }> {
	const email = `${role}-${Math.random().toString(36).slice(2, 10)}@${schoolId}.test`;
	const event = await userAdded(schoolId, { email, displayName: `${role} person`, role, staffId, password }, Date.now(), TEST_HASH_COST);
	await server.store.append([event]);
	return { userId: event.userId, email };
}

export interface Answer {
	status: number;
	body: unknown;
	headers: Headers;
	text: string;
}

/** One API call; the body is sent as JSON when given. */
export async function call(url: string, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${url}/api/v1${path}`, {
		method,
		headers,
		redirect: 'manual',
		...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) })
	});
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON (a CSV export, say): the text stands.
	}
	return { status: res.status, body, headers: res.headers, text };
}

/** The error body of a refused call; throws when it is not one. */
export const errorOf = (answer: Answer): ApiError => ApiError.parse(answer.body);

export type TestSocket = Socket;

/** Every message a socket received, as JSON, with its event name first. */
export interface RecordedSocket {
	socket: TestSocket;
	messages: string[];
	close(): void;
}

/** Opens a socket with these credentials; resolves once connected, rejects with the refusal's message. */
export function openSocket(url: string, handshake: Handshake): Promise<RecordedSocket> {
	const socket: TestSocket = io(url, {
		transports: ['websocket'],
		auth: handshake.auth,
		extraHeaders: handshake.extraHeaders,
		reconnection: false,
		forceNew: true
	});
	const messages: string[] = [];
	socket.onAny((event: string, ...args: unknown[]) => messages.push(JSON.stringify([event, ...args])));
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve({ socket, messages, close: () => socket.disconnect() }));
		socket.once('connect_error', (err) => {
			socket.disconnect();
			reject(err);
		});
	});
}

/** The refusal's message when a socket is refused, or `connected`. */
export async function trySocket(url: string, handshake: Handshake): Promise<string> {
	try {
		(await openSocket(url, handshake)).close();
		return 'connected';
	} catch (err) {
		return err instanceof Error ? err.message : String(err);
	}
}

/** Resolves with the reason once the server closes the socket. */
export function closedBy(socket: TestSocket, timeoutMs = 5_000): Promise<string> {
	return new Promise((resolve, reject) => {
		if (!socket.connected) return resolve('already closed');
		const timer = setTimeout(() => reject(new Error('the socket was not closed')), timeoutMs);
		socket.once('disconnect', (reason) => {
			clearTimeout(timer);
			resolve(reason);
		});
	});
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the check passes or the time is up. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'the condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
		await sleep(20);
	}
}
