import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../server/protocol';
import { loadConfig } from '../../server/src/config';
import { silentLogger } from '../../server/src/logger';
import { startServer } from '../../server/src/server';
import { ingest, issueKey, signIn, type SignedIn } from '../support/access';
import { getSnapshot, postJson } from '../support/http';
import { startTestServer, tempDir, type TestServer } from '../support/server';

const DIR = new URL('../../simulators/northfield/', import.meta.url);
const files = (): Record<string, string> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));
const found = (i: number) => ({
	id: `hy-${i}`,
	schoolId: 'hygiene',
	type: 'student:found',
	occurredAt: '2026-11-23T09:05:00Z',
	studentId: 'S1',
	locationId: 'M1',
	by: 'T1'
});

let server: TestServer;
let admin: SignedIn;
beforeAll(async () => {
	server = await startTestServer();
	admin = await signIn(server, 'hygiene', 'admin');
	expect((await ingest(server, found(0))).status).toBe(200);
});
afterAll(() => server.close());

describe('what the API takes in', () => {
	it('refuses a NUL or a lone surrogate in an event, naming the field, and keeps the log as it was', async () => {
		const before = await getSnapshot(server.url, 'hygiene', admin);
		const student = { id: 'S1', givenName: 'Ann\u0000', familyName: 'Lee', yearGroup: 9, formGroup: '9X' };
		const nul = await ingest(server, { id: 'hy-ref', schoolId: 'hygiene', type: 'reference:updated', occurredAt: '2026-11-23T08:00:00Z', students: [student] });
		expect(nul.status).toBe(400);
		expect(ApiError.parse(nul.body).issues).toEqual([{ path: 'students[0].givenName', message: expect.stringMatching(/NUL/) }]);
		const bad = await ingest(server, [found(2), { ...found(3), occurredAt: '1999-01-01T00:00:00Z' }]);
		expect(ApiError.parse(bad.body).issues).toEqual([{ path: '[1].occurredAt', index: 1, message: 'has a year outside 2000 to 2100' }]);
		const pass = await postJson(`${server.url}/api/v1/session`, { email: 'a@b.uk', password: 'x\ud800' });
		expect(pass.status).toBe(400);
		expect(JSON.stringify(pass.body)).toMatch(/lone surrogate/);
		expect((await getSnapshot(server.url, 'hygiene', admin)).position).toBe(before.position);
	});

	it('refuses a NUL in the text of an HTTP body outside the events too', async () => {
		const res = await postJson(`${server.url}/api/v1/devices?school=hygiene`, { name: 'Hall\u0000' }, admin.headers);
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([{ path: 'name', message: expect.stringMatching(/NUL/) }]);
	});

	it('answers thousands of bad events with the first 100 issues and a count of the rest', async () => {
		const batch = Array.from({ length: 2_000 }, (_, i) => ({ ...found(i + 10), studentId: '', locationId: '' }));
		const res = await ingest(server, batch);
		expect(res.status).toBe(400);
		const error = ApiError.parse(res.body);
		expect(error.issues).toHaveLength(100);
		expect(error.issues?.[0]).toEqual({ path: '[0].studentId', index: 0, message: expect.any(String) });
		expect(error.moreIssues).toBe(3_900);
		expect(JSON.stringify(res.body).length).toBeLessThan(20_000);
	});

	it.each(['toString', '__proto__', 'notes.csv'])('refuses an import holding a file named %s, naming it and the files Lookout reads', async (name) => {
		const before = await getSnapshot(server.url, 'hygiene', admin);
		const body = `{"files":{${Object.entries(files())
			.map(([n, t]) => `${JSON.stringify(n)}:${JSON.stringify(t)}`)
			.join(',')},${JSON.stringify(name)}:"x"}}`;
		const res = await postJson(`${server.url}/api/v1/import?school=hygiene`, body, admin.headers);
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([
			{ path: `${name}:1`, message: expect.stringMatching(/^is not a file Lookout reads \(the files are school\.csv, .*rota\.csv/) }
		]);
		expect((await getSnapshot(server.url, 'hygiene', admin)).position).toBe(before.position);
	});
});

describe('a request trickled in', () => {
	let slow: Awaited<ReturnType<typeof startServer>>;
	let key: string;
	beforeAll(async () => {
		const config = loadConfig({ PORT: '0', DATA_DIR: await tempDir(), REQUEST_TIMEOUT_SECONDS: '1', HEADERS_TIMEOUT_SECONDS: '1' });
		slow = await startServer(config, silentLogger);
		key = await issueKey(slow.app.store, 'hygiene');
	});
	afterAll(() => slow.app.close());

	/** Sends the head at once, then one byte of body every 100 ms; resolves with what came back and when. */
	const trickle = (head: string, body: boolean) =>
		new Promise<{ answer: string; ms: number }>((resolve, reject) => {
			const { port } = new URL(slow.url);
			const started = Date.now();
			let answer = '';
			const socket = connect(Number(port), '127.0.0.1', () => {
				socket.write(body ? head : head.slice(0, 20));
				let at = 20;
				const drip = setInterval(() => socket.write(body ? ' ' : (head[at++] ?? ' ')), 100);
				socket.on('close', () => {
					clearInterval(drip);
					resolve({ answer, ms: Date.now() - started });
				});
			});
			socket.on('data', (chunk) => (answer += chunk.toString()));
			socket.on('error', reject);
			setTimeout(() => socket.destroy(), 8_000).unref();
		});

	it('cuts off a body sent slower than the request timeout, with a valid key', async () => {
		const head = `POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
		const { answer, ms } = await trickle(head, true);
		expect(answer).toMatch(/^HTTP\/1\.1 408/);
		expect(ms).toBeLessThan(4_000);
	});

	it('cuts off headers sent slower than the headers timeout', async () => {
		const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${'X-Slow: y\r\n'.repeat(20)}\r\n`;
		const { answer, ms } = await trickle(head, false);
		expect(answer).toMatch(/^HTTP\/1\.1 408/);
		expect(ms).toBeLessThan(4_000);
	});
});
