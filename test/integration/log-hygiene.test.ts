import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FloorplanFile } from '../../server/protocol';
import { createApp, type App } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { createLogger } from '../../server/src/logger';
import { Metrics } from '../../server/src/metrics/metrics';
import { MemoryStore } from '../../server/src/store/memory-store';
import { runSimulation } from '../../simulators/runner';
import { buildSchool } from '../../simulators/school';
import { issueKey, pairDevice, signIn, type SignedIn } from '../support/access';
import { connectClient } from '../support/client';
import { FIXTURE_MORNING } from '../support/events';
import { tempDir } from '../support/server';

const SCHOOL = 'northfield';
const SEED = 7;
const FLOORPLAN = 'floorplans/demo-school.geojson';
const METRICS_TOKEN = 'hygiene-metrics-token-0123456789abcdefghij';

/** Every line the server wrote while a simulated day ran through it, and every secret it was handed. */
const lines: string[] = [];
const secrets: string[] = [];
let app: App;
let url: string;
let store: MemoryStore;

beforeAll(async () => {
	const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
	const clock = scaledClock({ start: Date.parse(FIXTURE_MORNING) });
	const metrics = new Metrics();
	store = await MemoryStore.open({ journal: join(await tempDir(), 'journal.ndjson'), now: () => clock.now(), logger, metrics });
	app = await createApp({ store, clock, logger, metrics, metricsToken: METRICS_TOKEN, limits: { signInPerMinute: 100_000 } });
	url = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;

	const key = await issueKey(store, SCHOOL, 'Simulator');
	const wall = await pairDevice(store, SCHOOL);
	secrets.push(key, key.split('.').at(-1) ?? key, wall.token, METRICS_TOKEN);
	const progress = await runSimulation({ url, key, seed: SEED, speed: 'max', schoolId: SCHOOL, floorplan: FLOORPLAN });
	expect(progress.done).toBe(true);
	await aDayOfStaff(key, wall.token);
}, 120_000);
afterAll(() => app?.close());

/** What staff, screens and an operator do around the feed: sign in (once wrongly), look, reveal, scrape, sign out. */
async function aDayOfStaff(key: string, wallToken: string): Promise<void> {
	const coordinator: SignedIn = await signIn({ url, store }, SCHOOL, 'coordinator');
	secrets.push(coordinator.password, coordinator.cookie.split('=').slice(1).join('='), coordinator.csrfToken);
	const wrong = `${coordinator.password}-wrong`;
	secrets.push(wrong);
	await post('/api/v1/session', { email: coordinator.email, password: wrong });

	const named = await connectClient(url, SCHOOL, coordinator);
	const screen = await connectClient(url, SCHOOL, { deviceToken: wallToken });
	const student = buildSchool(plan(), { schoolId: SCHOOL, seed: SEED, date: '2026-11-23' }).students[0];
	await get(`/api/v1/snapshot?school=${SCHOOL}`, { cookie: coordinator.cookie });
	await get(`/api/v1/snapshot?school=${SCHOOL}&token=${wallToken}`, { authorization: `Bearer ${wallToken}` });
	await get(`/api/v1/students/${student?.id ?? 'none'}?school=${SCHOOL}`, { cookie: coordinator.cookie });
	await get(`/wall?school=${SCHOOL}&key=${key}`, {});
	// A body that names a student and carries a key, refused: neither may reach the log.
	await post('/api/v1/events', `{"note": "${student?.givenName ?? ''} ${student?.familyName ?? ''}", "key": "${key}"`, { authorization: `Bearer ${key}` });
	await post('/api/v1/events', [{ id: 'x', schoolId: SCHOOL, type: 'behaviour:recorded', note: student?.familyName }], { authorization: `Bearer ${key}` });
	await post('/api/v1/events', [], { authorization: `Bearer ${wallToken}`, 'x-request-id': 'has spaces in it' });
	await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}`, 'x-request-id': 'scrape-0001' });
	await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN.slice(1)}` });
	await fetch(`${url}/api/v1/session`, { method: 'DELETE', headers: { cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrfToken } });
	named.close();
	screen.close();
}

const plan = () => FloorplanFile.parse(JSON.parse(readFileSync(FLOORPLAN, 'utf8')));

async function get(path: string, headers: Record<string, string>): Promise<void> {
	await (await fetch(`${url}${path}`, { headers, redirect: 'manual' })).arrayBuffer();
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	await (await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text })).arrayBuffer();
}

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the log of a simulated school day', () => {
	it('is JSON lines, each with a level and a time, and each request line with its request id', () => {
		expect(lines.length).toBeGreaterThan(10);
		for (const line of lines) {
			expect(line.endsWith('\n')).toBe(true);
			expect(() => JSON.parse(line) as unknown, line).not.toThrow();
		}
		const entries = parsed();
		for (const entry of entries) {
			expect(['info', 'warn', 'error']).toContain(entry.level);
			expect(typeof entry.time).toBe('string');
			expect(typeof entry.msg).toBe('string');
		}
		const requests = entries.filter((e) => e.msg === 'request');
		expect(requests.length).toBeGreaterThan(10);
		for (const request of requests) {
			expect(request).toMatchObject({ requestId: expect.any(String), method: expect.any(String), path: expect.any(String), status: expect.any(Number) });
			expect(String(request.path)).not.toContain('?');
		}
		expect(requests.some((r) => r.requestId === 'scrape-0001' && r.path === '/metrics' && r.status === 200)).toBe(true);
		expect(requests.some((r) => r.requestId === 'has spaces in it')).toBe(false);
		expect(requests.some((r) => r.path === '/api/v1/events' && r.status === 200)).toBe(true);
	});

	it("never carries a student's given or family name", () => {
		const school = buildSchool(plan(), { schoolId: SCHOOL, seed: SEED, date: '2026-11-23' });
		const names = new Set(school.students.flatMap((s) => [s.givenName, s.familyName]));
		expect(names.size).toBeGreaterThan(20);
		const pattern = new RegExp(`\\b(${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`);
		const named = lines.filter((line) => pattern.test(line));
		expect(named).toEqual([]);
	});

	it('never carries a key, token, cookie or password', () => {
		expect(secrets.length).toBeGreaterThanOrEqual(8);
		for (const secret of secrets) {
			expect(secret.length).toBeGreaterThan(8);
			expect(lines.filter((line) => line.includes(secret))).toEqual([]);
		}
		expect(lines.filter((line) => /authorization|cookie|password|bearer/i.test(line))).toEqual([]);
	});
});
