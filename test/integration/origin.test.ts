import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { signIn, type SignedIn } from '../support/access';
import { FIXTURE_MORNING } from '../support/events';
import { addPerson, call, errorOf, ingestOk, schoolReference, trySocket } from '../support/principals';
import { startTestServer, tempDir, type TestServer } from '../support/server';

const SCHOOL = 'origin-school';
const PASSWORD = 'correct horse battery staple';

const handshake = (person: SignedIn, origin?: string) => ({
	auth: { schoolId: SCHOOL },
	extraHeaders: { cookie: person.cookie, ...(origin === undefined ? {} : { origin }) }
});

describe('the Origin of a socket handshake, checked as sign-in checks it', () => {
	let server: TestServer;
	let person: SignedIn;
	beforeAll(async () => {
		server = await startTestServer();
		await ingestOk(server, schoolReference(SCHOOL));
		person = await signIn(server, SCHOOL, 'coordinator');
	});
	afterAll(() => server.close());

	it('refuses a handshake from another site, carrying the person’s cookie', async () => {
		expect(await trySocket(server.url, handshake(person, 'https://evil.example'))).toBe('forbidden');
		expect(await trySocket(server.url, handshake(person, 'null'))).toBe('forbidden');
	});

	it('refuses its own host under another scheme, for sockets and sign-in alike', async () => {
		const otherScheme = server.url.replace(/^http:/, 'https:');
		expect(await trySocket(server.url, handshake(person, otherScheme))).toBe('forbidden');
		const { email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		const signedIn = await call(server.url, 'POST', '/session', { headers: { origin: otherScheme }, body: { email, password: PASSWORD } });
		expect(signedIn.status).toBe(403);
		expect(errorOf(signedIn)).toMatchObject({ code: 'forbidden', issues: [{ path: 'origin' }] });
	});

	it('takes a handshake from its own origin, and one with no Origin (a client that is not a browser)', async () => {
		expect(await trySocket(server.url, handshake(person, server.url))).toBe('connected');
		expect(await trySocket(server.url, handshake(person))).toBe('connected');
	});
});

describe('behind a TLS-terminating proxy (trust proxy set)', () => {
	let app: App;
	let url: string;
	beforeAll(async () => {
		const clock = scaledClock({ start: Date.parse(FIXTURE_MORNING) });
		const store = await MemoryStore.open({ journal: join(await tempDir(), 'journal.ndjson'), now: () => clock.now() });
		app = await createApp({ store, clock, logger: silentLogger, trustProxy: 'loopback', limits: { signInPerMinute: 100_000 } });
		url = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		await ingestOk({ url, store }, schoolReference(SCHOOL));
	});
	afterAll(() => app.close());

	it('takes the https origin the proxy says the browser used, for sockets and sign-in alike', async () => {
		const person = await signIn({ url, store: app.store }, SCHOOL, 'coordinator');
		const httpsOrigin = url.replace(/^http:/, 'https:');
		const viaProxy = (origin: string) => ({
			...handshake(person, origin),
			extraHeaders: { ...handshake(person, origin).extraHeaders, 'x-forwarded-proto': 'https' }
		});
		expect(await trySocket(url, viaProxy(httpsOrigin))).toBe('connected');
		expect(await trySocket(url, viaProxy(url))).toBe('forbidden');
		const { email } = await addPerson({ url, store: app.store }, SCHOOL, 'slt', PASSWORD);
		const signedIn = await call(url, 'POST', '/session', {
			headers: { origin: httpsOrigin, 'x-forwarded-proto': 'https' },
			body: { email, password: PASSWORD }
		});
		expect(signedIn.status).toBe(200);
	});
});
