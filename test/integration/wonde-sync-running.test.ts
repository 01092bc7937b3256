import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../server/protocol';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import { RedisConnectorState } from '../../server/src/connectors/redis-connector-state';
import { silentLogger } from '../../server/src/logger';
import { redisNode } from '../../server/src/redis-node';
import { MemoryStore } from '../../server/src/store/memory-store';
import { fakeWondeSchool, type FakeWondeSchool } from '../support/fake-wonde-school';
import { FakeWonde } from '../support/fake-wonde';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/server';

/** The first 60 students and their marks: enough to see the command and the schedule work. */
function smallSchool(data: FakeWondeSchool): FakeWondeSchool {
	const students = (data.endpoints.students ?? []).slice(0, 60);
	const ids = new Set(students.map((s) => s.id));
	return {
		...data,
		endpoints: {
			...data.endpoints,
			students,
			'attendance/session': (data.endpoints['attendance/session'] ?? []).filter((m) => ids.has(m.student as string)).slice(0, 400),
			lessons: [],
			'lesson-attendance': [],
			behaviours: [],
			achievements: [],
			detentions: []
		}
	};
}

async function events(dataDir: string): Promise<StoredEvent[]> {
	const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') });
	const out: StoredEvent[] = [];
	for await (const e of store.read('northfield')) out.push(e);
	await store.close();
	return out;
}

describe('running the Wonde sync: the command and the schedule', () => {
	let fake: FakeWonde;
	beforeAll(async () => {
		fake = await FakeWonde.start(smallSchool(await fakeWondeSchool()));
	}, 60_000);
	afterAll(() => fake.close());

	it('npm run sync: --help, a bad flag in one line (exit 2), and no token named as such', async () => {
		const help = await runCli('sync', ['--help']);
		expect(help.code).toBe(0);
		expect(help.out).toMatch(/^usage: npm run sync -- wonde --school <id>/);
		const bad = await runCli('sync', ['wonde', '--school', 'northfield', '--speed', '3']);
		expect(bad.code).toBe(2);
		expect(bad.err.trim().split('\n')).toHaveLength(1);
		expect(bad.err).toMatch(/^sync: Unknown option '--speed'/);
		const noConnector = await runCli('sync', ['--school', 'northfield']);
		expect(noConnector).toMatchObject({ code: 2, err: 'sync: name the connector: wonde or arbor (npm run sync -- --help for usage)\n' });
		const dataDir = await tempDir();
		const noToken = await runCli('sync', ['wonde', '--school', 'northfield', '--wonde-id', fake.data.wondeId], {
			DATA_DIR: dataDir,
			WONDE_TOKEN: '',
			WONDE_API: fake.url
		});
		expect(noToken.code).toBe(1);
		expect(noToken.err).toMatch(/no token; set WONDE_TOKEN \(or WONDE_TOKEN_NORTHFIELD\)/);
	});

	it('npm run sync -- wonde --school: progress per page, a summary, then nothing new the second time', async () => {
		const dataDir = await tempDir();
		const env = { DATA_DIR: dataDir, WONDE_TOKEN: fake.token, WONDE_API: fake.url, WONDE_SCHOOLS: `northfield=${fake.data.wondeId}`, REDIS_URL: '' };
		const first = await runCli('sync', ['wonde', '--school', 'northfield'], env);
		expect(first.err).toBe('');
		expect(first.code).toBe(0);
		expect(first.out).toMatch(/sync: wonde northfield: students page 1: 60 record\(s\), 1 event\(s\) appended, 0 already held, 0 refused/);
		expect(first.out).toMatch(/sync: northfield: ok in [\d.]+ s: \d+ record\(s\) in, 0 refused/);
		expect(first.out).toMatch(/sync: {3}students\s+60 in, +1 event\(s\) appended, 0 refused; cursor 2026-09-01 07:00:00.000000/);
		const stored = (await events(dataDir)).length;
		expect(stored).toBeGreaterThan(3);
		const again = await runCli('sync', ['wonde', '--school', 'northfield'], env);
		expect(again.code).toBe(0);
		expect(again.out).toMatch(/sync: northfield: ok in [\d.]+ s: 0 record\(s\) in, 0 refused/);
		expect((await events(dataDir)).length).toBe(stored);
	});

	it('the revoked key: the command exits 1 naming the state and the endpoint', async () => {
		const dataDir = await tempDir();
		fake.revoke();
		try {
			const run = await runCli('sync', ['wonde', '--school', 'northfield', '--wonde-id', fake.data.wondeId], {
				DATA_DIR: dataDir,
				WONDE_TOKEN: fake.token,
				WONDE_API: fake.url,
				REDIS_URL: ''
			});
			expect(run.code).toBe(1);
			expect(run.err).toMatch(/^sync: stopped: revoked: employees: the source refused the key \(401\)/m);
		} finally {
			fake.revoke(false);
		}
	});

	it('the server syncs each school with a connector on a schedule, and its status is read through the app', async () => {
		const dataDir = await tempDir();
		const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') });
		const state = new FileConnectorState(dataDir);
		const app = await createApp({
			store,
			clock: scaledClock({ start: Date.parse('2026-11-23T09:10:00Z') }),
			logger: silentLogger,
			connectors: {
				state,
				schools: [{ schoolId: 'northfield', wondeId: fake.data.wondeId, token: fake.token, api: fake.url }],
				everyMs: 60_000,
				firstRunMs: 200
			}
		});
		try {
			expect(await app.connectorStatuses('northfield')).toMatchObject([{ connector: 'wonde', state: 'never_run' }]);
			expect(await app.connectorStatuses('southfield')).toEqual([]);
			let status = (await app.connectorStatuses('northfield'))[0];
			for (let i = 0; i < 200 && status?.state !== 'ok'; i++) {
				await new Promise((r) => setTimeout(r, 100));
				status = (await app.connectorStatuses('northfield'))[0];
			}
			// The first run comes soon after the start (30 s at most; here sooner).
			expect(status).toMatchObject({ state: 'ok', refused: 0 });
			expect(status?.recordsIn).toBeGreaterThan(60);
			expect(Date.parse(status?.nextRunAt ?? '')).toBeGreaterThan(Date.parse(status?.lastSuccessAt ?? ''));
			expect(app.projections.state('northfield').students.size).toBe(60);
			// The run is counted for /metrics once it has ended.
			const runs = () => app.metrics.registry.getSingleMetricAsString('lookout_connector_runs_total');
			for (let i = 0; i < 50 && !(await runs()).includes('outcome="ok"'); i++) await new Promise((r) => setTimeout(r, 100));
			expect(await runs()).toContain('lookout_connector_runs_total{connector="wonde",outcome="ok"} 1');
		} finally {
			await app.close();
		}
	}, 60_000);

	it('on Redis, a school with no events yet is synced at the first run, not an interval later', async () => {
		await requireRedis();
		const prefix = `lookout-test-first-sync-${process.pid}`;
		await deleteKeys(prefix);
		// A node as the server makes one: the log, the leases and the adapter on Redis. No node has heard of the school.
		const node = await redisNode({ url: REDIS_TEST_URL, prefix, logger: silentLogger, now: Date.now, leaseMs: 3_000 });
		const app = await createApp({
			...node,
			clock: scaledClock({ start: Date.parse('2026-11-23T09:10:00Z') }),
			logger: silentLogger,
			connectors: {
				state: new RedisConnectorState(REDIS_TEST_URL, prefix),
				schools: [{ schoolId: 'northfield', wondeId: fake.data.wondeId, token: fake.token, api: fake.url }],
				// The next scheduled run is an hour off: only the first run can bring the school in.
				everyMs: 3_600_000,
				firstRunMs: 500
			}
		});
		try {
			let status = (await app.connectorStatuses('northfield'))[0];
			for (let i = 0; i < 200 && status?.state !== 'ok'; i++) {
				await new Promise((r) => setTimeout(r, 100));
				status = (await app.connectorStatuses('northfield'))[0];
			}
			expect(status).toMatchObject({ state: 'ok', refused: 0 });
			expect(node.leases.holds('northfield')).toBe(true);
			expect(app.projections.state('northfield').students.size).toBe(60);
		} finally {
			await app.close();
			await deleteKeys(prefix);
		}
	}, 60_000);

	it('on Redis, the cursors, sent lessons and status live beside the log', async () => {
		await requireRedis();
		const prefix = `lookout-test-connectors-${process.pid}`;
		const state = new RedisConnectorState(REDIS_TEST_URL, prefix);
		try {
			await state.saveCursor('northfield', 'wonde', 'attendance/session', { updatedAfter: '2026-11-20 16:00:00.000000', next: null, passMax: null });
			expect(await state.cursor('northfield', 'wonde', 'attendance/session')).toEqual({
				updatedAfter: '2026-11-20 16:00:00.000000',
				next: null,
				passMax: null
			});
			expect(await state.cursor('northfield', 'wonde', 'students')).toBeNull();
			const sent = { lessons: { L1: { date: '2026-11-20', marks: [{ studentId: 'A', code: '/' as const }] } } };
			await state.saveSentLessons('northfield', 'wonde', sent);
			expect(await state.sentLessons('northfield', 'wonde')).toEqual(sent);
			await state.reset('northfield', 'wonde');
			expect(await state.cursor('northfield', 'wonde', 'attendance/session')).toBeNull();
			expect(await state.sentLessons('northfield', 'wonde')).toEqual({ lessons: {} });
		} finally {
			await state.close();
			await deleteKeys(prefix);
		}
	});
});
