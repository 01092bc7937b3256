import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../server/protocol';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { fakeArborSchool } from '../support/fake-arbor-school';
import { FakeArbor } from '../support/fake-arbor';
import { fakeWondeSchool } from '../support/fake-wonde-school';
import { FakeWonde } from '../support/fake-wonde';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/server';

/**
 * Running the Arbor sync as a school runs it: `npm run sync -- arbor` and the server's schedule,
 * against the fake Arbor (test/support/fake-arbor.ts; Arbor cannot be reached from a test), and
 * beside Wonde for a school with both switched on.
 */
async function events(dataDir: string): Promise<StoredEvent[]> {
	const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') });
	const out: StoredEvent[] = [];
	for await (const e of store.read('northfield')) out.push(e);
	await store.close();
	return out;
}

describe('running the Arbor sync: the command and the schedule', () => {
	let arbor: FakeArbor;
	beforeAll(async () => {
		arbor = await FakeArbor.start(await fakeArborSchool());
	}, 60_000);
	afterAll(() => arbor.close());

	const env = (dataDir: string) => ({
		DATA_DIR: dataDir,
		REDIS_URL: '',
		ARBOR_SCHOOLS: `northfield=${arbor.url}`,
		ARBOR_USER: arbor.user,
		ARBOR_PASSWORD: arbor.password,
		WONDE_SCHOOLS: ''
	});

	it('npm run sync: --help names both connectors; a bad connector or flag in one line (exit 2); a missing API user named', async () => {
		const help = await runCli('sync', ['--help']);
		expect(help.code).toBe(0);
		expect(help.out).toMatch(/^usage: npm run sync -- wonde --school <id>/);
		expect(help.out).toMatch(/^ {7}npm run sync -- arbor --school <id> \[--arbor-host <host>\]/m);
		const unknown = await runCli('sync', ['sims', '--school', 'northfield']);
		expect(unknown).toMatchObject({ code: 2, err: 'sync: unknown connector "sims"; the ones there are: wonde, arbor (npm run sync -- --help for usage)\n' });
		const crossed = await runCli('sync', ['arbor', '--school', 'northfield', '--wonde-id', 'A1930499544']);
		expect(crossed).toMatchObject({ code: 2, err: 'sync: --wonde-id: only for the wonde connector (npm run sync -- --help for usage)\n' });
		const noUser = await runCli('sync', ['arbor', '--school', 'northfield', '--arbor-host', 'northfield.uk.arbor.sc'], {
			DATA_DIR: await tempDir(),
			ARBOR_USER: '',
			ARBOR_PASSWORD: ''
		});
		expect(noUser.code).toBe(1);
		expect(noUser.err).toMatch(/no API user; set ARBOR_USER and ARBOR_PASSWORD \(or ARBOR_USER_NORTHFIELD and ARBOR_PASSWORD_NORTHFIELD\)/);
		const notOn = await runCli('sync', ['arbor', '--school', 'southfield'], env(await tempDir()));
		expect(notOn).toMatchObject({ code: 1, err: 'sync: southfield has no Arbor connector: give --arbor-host or add southfield=<host> to ARBOR_SCHOOLS\n' });
	});

	it('npm run sync -- arbor --school: progress per page, a summary, then nothing new the second time', async () => {
		const dataDir = await tempDir();
		const first = await runCli('sync', ['arbor', '--school', 'northfield'], env(dataDir));
		expect(first.err).toBe('');
		expect(first.code).toBe(0);
		expect(first.out).toMatch(/^sync: Arbor http:\/\/127\.0\.0\.1:\d+\/rest-v2 into northfield/m);
		expect(first.out).toMatch(/sync: arbor northfield: emergency-alerts page 1: \d+ record\(s\), \d+ event\(s\) appended, 0 already held, 0 refused/);
		expect(first.out).toMatch(/sync: northfield: ok in [\d.]+ s: \d+ record\(s\) in, 0 refused/);
		expect(first.out).toMatch(/sync: {3}attendance-records\s+\d+ in/);
		const stored = await events(dataDir);
		expect(stored.some((e) => e.event.type === 'oncall:raised')).toBe(true);
		expect(stored.some((e) => e.event.type === 'register:taken')).toBe(true);
		const again = await runCli('sync', ['arbor', '--school', 'northfield'], env(dataDir));
		expect(again.code).toBe(0);
		expect(again.out).toMatch(/sync: northfield: ok in [\d.]+ s: 0 record\(s\) in, 0 refused/);
		expect((await events(dataDir)).length).toBe(stored.length);
	}, 60_000);

	it('the revoked API user: the command exits 1 naming the state and the resource', async () => {
		arbor.revoke();
		try {
			const run = await runCli('sync', ['arbor', '--school', 'northfield'], env(await tempDir()));
			expect(run.code).toBe(1);
			expect(run.err).toMatch(/^sync: stopped: revoked: students: the source refused the key \(401\)/m);
		} finally {
			arbor.revoke(false);
		}
	});

	it('the server syncs a school with both Wonde and Arbor switched on, each on the schedule, each with its status', async () => {
		const wondeData = await fakeWondeSchool();
		const wonde = await FakeWonde.start({
			...wondeData,
			endpoints: {
				...wondeData.endpoints,
				students: (wondeData.endpoints.students ?? []).slice(0, 30),
				'attendance/session': [],
				lessons: [],
				'lesson-attendance': [],
				behaviours: [],
				achievements: [],
				detentions: []
			}
		});
		const dataDir = await tempDir();
		const app = await createApp({
			store: await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') }),
			clock: scaledClock({ start: Date.parse('2026-11-23T09:10:00Z') }),
			logger: silentLogger,
			connectors: {
				state: new FileConnectorState(dataDir),
				schools: [
					{ schoolId: 'northfield', wondeId: wonde.data.wondeId, token: wonde.token, api: wonde.url },
					{ schoolId: 'northfield', connector: 'arbor', baseUrl: arbor.url, credential: arbor.credential }
				],
				everyMs: 60_000,
				firstRunMs: 200
			}
		});
		try {
			expect((await app.connectorStatuses('northfield')).map((s) => [s.connector, s.state])).toEqual([
				['wonde', 'never_run'],
				['arbor', 'never_run']
			]);
			let statuses = await app.connectorStatuses('northfield');
			for (let i = 0; i < 300 && !statuses.every((s) => s.state === 'ok'); i++) {
				await new Promise((r) => setTimeout(r, 100));
				statuses = await app.connectorStatuses('northfield');
			}
			expect(statuses.map((s) => [s.connector, s.state, s.refused])).toEqual([
				['wonde', 'ok', 0],
				['arbor', 'ok', 0]
			]);
			expect(app.projections.state('northfield').students.size).toBe(30);
			expect(arbor.requests.some((r) => r.startsWith('GET /rest-v2/emergency-alerts'))).toBe(true);
		} finally {
			await app.close();
			await wonde.close();
		}
	}, 60_000);
});
