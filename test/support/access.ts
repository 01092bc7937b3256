import type { PersonRole, SessionInfo } from '../../server/protocol';
import { devicePaired, keyIssued, userAdded } from '../../server/src/auth/grants';
import { randomToken } from '../../server/src/auth/secrets';
import type { EventStore } from '../../server/src/store/event-store';

/** A cheap scrypt cost: tests sign in hundreds of times; production hashes use the real cost. */
export const TEST_HASH_COST = { N: 2 ** 10, r: 8, p: 1 };

export interface Signer {
	url: string;
	store: EventStore;
}

export interface SignedIn {
	/** The `cookie` request header, e.g. for fetch or a socket.io-client's `extraHeaders`. */
	cookie: string;
	csrfToken: string;
	session: SessionInfo;
	email: string;
	password: string;
	userId: string;
	/** Headers for a state-changing request as this person. */
	headers: Record<string, string>;
}

let people = 0;

/** Adds a person with this role to the school (straight into the log) and signs them in over HTTP. */
export async function signIn(server: Signer, schoolId: string, role: PersonRole, options: { staffId?: string | null; email?: string } = {}): Promise<SignedIn> {
	people += 1;
	const email = options.email ?? `${role}-${people}-${Date.now()}@${schoolId}.test`;
	const password = `password-${randomToken().slice(0, 16)}`;
	const added = await userAdded(
		schoolId,
		{ email, displayName: `${role} ${people}`, role, staffId: options.staffId ?? null, password },
		Date.now(),
		TEST_HASH_COST
	);
	await server.store.append([added]);
	return signInAs(server, email, password);
}

/** Signs in with an existing email and password; throws unless it works. */
export async function signInAs(server: Signer, email: string, password: string): Promise<SignedIn> {
	const res = await fetch(`${server.url}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
	const session = ((await res.json()) as { data: SessionInfo }).data;
	const headers = { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
	return { cookie, csrfToken: session.csrfToken, session, email, password, userId: session.userId, headers };
}

/** An integration key for the school, written straight into its log. */
export async function issueKey(store: EventStore, schoolId: string, name = 'test feed'): Promise<string> {
	const { event, key } = keyIssued(schoolId, name, Date.now());
	await store.append([event]);
	return key;
}

/** A paired wall screen's device token, written straight into the school's log. */
export async function pairDevice(store: EventStore, schoolId: string, name = 'Test wall'): Promise<{ deviceId: string; token: string }> {
	const { event, token } = devicePaired(schoolId, name, Date.now());
	await store.append([event]);
	return { deviceId: event.deviceId, token };
}

const keys = new WeakMap<EventStore, Map<string, Promise<string>>>();

/** This school's test key, issued once per store. */
export function keyFor(store: EventStore, schoolId: string): Promise<string> {
	let bySchool = keys.get(store);
	if (!bySchool) keys.set(store, (bySchool = new Map()));
	let key = bySchool.get(schoolId);
	if (!key) bySchool.set(schoolId, (key = issueKey(store, schoolId)));
	return key;
}

/**
 * Posts events the way an integration does: one request per school, each with that school's
 * key. Answers like `postJson` for a single school; for several, the last school's answer.
 */
export async function ingest(server: Signer, body: unknown): Promise<{ status: number; body: unknown }> {
	const events = (Array.isArray(body) ? body : [body]) as { schoolId?: unknown }[];
	const schools = [...new Set(events.map((e) => (typeof e?.schoolId === 'string' ? e.schoolId : '')))];
	let answer: { status: number; body: unknown } = { status: 0, body: null };
	for (const schoolId of schools) {
		const mine = events.filter((e) => (e?.schoolId ?? '') === schoolId);
		const key = await keyFor(server.store, schoolId || 'no-school');
		const res = await fetch(`${server.url}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify(Array.isArray(body) ? mine : mine[0])
		});
		answer = { status: res.status, body: await res.json() };
	}
	return answer;
}
