import { stat } from 'node:fs/promises';
import { io } from 'socket.io-client';
import { createApp } from '../../server/src/app';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { onCallReport } from '../../server/src/domain/oncall-report';
import { importSchool } from '../../server/src/import/school-import';
import { simulateDay } from '../../simulators/day';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { buildSchool } from '../../simulators/school';
import { IngestPoster } from '../load/http-poster';
import { benchCredentials, grantAccess, sessionCookie, type SchoolCredentials } from '../lib/access';
import { configFromArgv, fail, tellAndExit } from '../lib/parent';
import { loadFloorplan } from '../lib/schools';
import { nowMs, within } from '../lib/time';
import { BENCH_LIMITS } from '../servers/bench-limits';
import { startJsonOnly } from '../servers/json-only';
import { dayBatches, type DayBatch } from './day-batches';
import { ReplayConfig, type ReplayResult } from './replay-messages';

/**
 * A whole simulated day through the whole pipeline as fast as it goes: posted minute by
 * minute over HTTP, with the school's key, to a real Lookout (journal on disk) whose
 * ManualClock is moved to each batch's time first, so timed rules fire as in the day; done
 * when a connected client (a signed-in coordinator) holds the frame that shows the last event.
 */
const SCHOOL = 'northfield';
const config = configFromArgv(ReplayConfig);

async function postAll(url: string, batches: readonly DayBatch[], key: string, beforeEach: (b: DayBatch) => void): Promise<void> {
	const poster = new IngestPoster(url, 1);
	try {
		for (const batch of batches) {
			beforeEach(batch);
			const status = await poster.post(batch.body, key);
			if (status !== 200) throw new Error(`a batch of ${batch.count} was refused: HTTP ${status}`);
		}
	} finally {
		poster.close();
	}
}

async function baseline(batches: readonly DayBatch[], key: string): Promise<number> {
	const server = await startJsonOnly();
	try {
		const started = nowMs();
		await postAll(`http://127.0.0.1:${server.port}`, batches, key, () => undefined);
		return nowMs() - started;
	} finally {
		await server.close();
	}
}

type Replayed = Pick<ReplayResult, 'replayMs' | 'frames' | 'journalEvents' | 'oncallP90' | 'oncallCalls'>;

async function replay(batches: readonly DayBatch[], dayEvents: number, access: SchoolCredentials): Promise<Replayed> {
	const clock = new ManualClock((batches[0]?.at ?? Date.now()) - 60_000);
	const store = await MemoryStore.open({ journal: config.journal, now: () => clock.now() });
	const app = await createApp({ store, clock, logger: silentLogger, limits: BENCH_LIMITS });
	await grantAccess(app.store, [access]);
	const total = app.projections.position(SCHOOL) + dayEvents;
	const { port } = await app.listen(0, '127.0.0.1');
	const url = `http://127.0.0.1:${port}`;
	const cookie = sessionCookie(SCHOOL, access.sessionTokens[0] as string);
	const client = io(url, { transports: ['websocket'], auth: { schoolId: SCHOOL }, extraHeaders: { cookie }, reconnection: false });
	try {
		let frames = 0;
		const lastShown = new Promise<number>((resolve) => {
			client.on('school:changed', (frame: { position?: unknown }) => {
				frames += 1;
				if (typeof frame.position === 'number' && frame.position >= total) resolve(nowMs());
			});
		});
		const connected = new Promise((resolve, reject) => {
			client.once('connect', () => resolve(undefined));
			client.once('connect_error', reject);
		});
		await within(10_000, 'socket.io-client connect', connected);
		const started = nowMs();
		await postAll(url, batches, access.key, (b) => clock.advanceTo(b.at));
		const shownAt = await within(30_000, 'the frame with the last event', lastShown);
		const report = onCallReport(app.projections.state(SCHOOL), config.date);
		return { replayMs: shownAt - started, frames, journalEvents: app.projections.position(SCHOOL), oncallP90: report.overall.p90, oncallCalls: report.overall.calls };
	} finally {
		client.disconnect();
		await app.close();
	}
}

async function run(): Promise<void> {
	const school = buildSchool(loadFloorplan(), { schoolId: SCHOOL, seed: config.seed, date: config.date });
	const imported = importSchool(SCHOOL, schoolCsvFiles(school), new Date(`${config.date}T07:00:00Z`));
	if (!imported.ok) throw new Error(`the simulated school does not import: ${imported.errors.join('; ')}`);
	const events = [...imported.events, ...simulateDay(school, config.seed)];
	const batches = dayBatches(events);
	const [access] = benchCredentials({ schoolIds: [SCHOOL], people: 1, walls: 0 });
	if (!access) throw new Error('no credentials were made');
	const baselineMs = await baseline(batches, access.key);
	const replayed = await replay(batches, events.length, access);
	const result: ReplayResult = {
		type: 'replayed',
		events: events.length,
		batches: batches.length,
		...replayed,
		baselineMs,
		journalBytes: (await stat(config.journal)).size
	};
	tellAndExit(result);
}

run().catch(fail);
