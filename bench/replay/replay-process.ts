import { stat } from 'node:fs/promises';
import { createApp } from '../../server/src/app';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { onCallReport } from '../../server/src/domain/oncall/oncall-report';
import { benchCredentials, grantAccess, type SchoolCredentials } from '../lib/access';
import { configFromArgv, fail, tellAndExit } from '../lib/parent';
import { nowMs, within } from '../lib/time';
import { BENCH_LIMITS } from '../servers/bench-limits';
import { startJsonOnly } from '../servers/json-only';
import { dayMinutes, type DayMinute } from './day-batches';
import { postDay } from './post-day';
import { ReplayConfig, type ReplayResult } from './replay-messages';
import { SchoolWatchers } from './school-watchers';
import { trustDay } from './trust-day';

/**
 * A trust's simulated day through the whole pipeline as fast as it goes: posted minute by
 * minute over HTTP, each school with its own key, to a real Lookout (journal on disk) whose
 * ManualClock is moved to each minute first, so timed rules fire as in the day; done when
 * every school's connected client (a signed-in coordinator) holds the frame that shows its
 * school's last event.
 */
const config = configFromArgv(ReplayConfig);

async function baseline(minutes: readonly DayMinute[], keys: ReadonlyMap<string, string>): Promise<number> {
	const server = await startJsonOnly();
	try {
		const started = nowMs();
		await postDay(`http://127.0.0.1:${server.port}`, minutes, keys, () => undefined);
		return nowMs() - started;
	} finally {
		await server.close();
	}
}

type Replayed = Pick<ReplayResult, 'replayMs' | 'frames' | 'journalEvents' | 'oncallP90' | 'oncallCalls'>;

async function replay(minutes: readonly DayMinute[], keys: ReadonlyMap<string, string>, access: readonly SchoolCredentials[]): Promise<Replayed> {
	const clock = new ManualClock((minutes[0]?.at ?? Date.now()) - 60_000);
	const store = await MemoryStore.open({ journal: config.journal, now: () => clock.now() });
	const app = await createApp({ store, clock, logger: silentLogger, limits: BENCH_LIMITS });
	await grantAccess(app.store, access);
	const { port } = await app.listen(0, '127.0.0.1');
	const url = `http://127.0.0.1:${port}`;
	const watchers = await SchoolWatchers.connect(url, access);
	try {
		const started = nowMs();
		// The schools' batches of a minute go out together, so the clock (which only moves
		// forward) moves once, to the minute's latest batch, before any of them: no event comes
		// from the server's future, and a timer due within the minute fires before its posts.
		await postDay(url, minutes, keys, (minute) => clock.advanceTo(minute.at));
		// Every post is answered, so each school's position now covers its last event and any
		// escalation raised before it.
		const finalPositions = new Map(access.map(({ schoolId }) => [schoolId, app.projections.position(schoolId)]));
		const shownAt = await within(30_000, 'the frames with the last events', watchers.reached(finalPositions));
		const first = access[0]?.schoolId ?? '';
		const report = onCallReport(app.projections.state(first), config.date);
		return {
			replayMs: shownAt - started,
			frames: watchers.frames,
			journalEvents: [...finalPositions.values()].reduce((a, b) => a + b, 0),
			oncallP90: report.overall.p90,
			oncallCalls: report.overall.calls
		};
	} finally {
		watchers.close();
		await app.close();
	}
}

async function run(): Promise<void> {
	const days = trustDay(config.schools, config.seed, config.date);
	const minutes = dayMinutes(days);
	const access = benchCredentials({ schoolIds: days.map((d) => d.schoolId), people: 1, walls: 0 });
	const keys = new Map(access.map((a) => [a.schoolId, a.key]));
	const baselineMs = await baseline(minutes, keys);
	const replayed = await replay(minutes, keys, access);
	const result: ReplayResult = {
		type: 'replayed',
		schools: days.length,
		events: days.reduce((sum, d) => sum + d.events, 0),
		batches: days.reduce((sum, d) => sum + d.batches.length, 0),
		...replayed,
		baselineMs,
		journalBytes: (await stat(config.journal)).size
	};
	tellAndExit(result);
}

run().catch(fail);
