import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchChild } from '../lib/child';
import type { Row, Scenario, ScenarioOptions } from '../lib/report';
import { pairedRatio, spread } from '../lib/stats';
import { CONNECTIONS } from '../replay/post-day';
import { RebuildResult, ReplayResult, type RebuildConfig, type ReplayConfig } from '../replay/replay-messages';
import { benchEntry } from './children';

const SEED = 7;
/** A fixed Monday, so every run plays the same day. */
const DATE = '2026-11-23';
/** Issue #9's day is about 50,000 events: a trust of fifty schools, each about 1,000. */
const TRUST_SCHOOLS = 50;
const REPLAY_TARGET_MS = 10_000;
const REBUILD_TARGET_MS = 2_000;

interface Day {
	replay: ReplayResult;
	rebuild: RebuildResult;
}

interface DayRun {
	trust: Day;
	/** The trust's first school alone, for scale. */
	school: Day;
}

async function day(schools: number, tag: string, options: ScenarioOptions): Promise<Day> {
	const dir = await mkdtemp(join(tmpdir(), 'lookout-bench-day-'));
	const profile = options.profileDir ? { cpuProfileDir: options.profileDir } : {};
	try {
		const journal = join(dir, 'journal.ndjson');
		const replayConfig: ReplayConfig = { journal, schools, seed: SEED, date: DATE };
		const replayChild = new BenchChild(`day-replay-${tag}`, benchEntry('replay/replay-process.ts'), replayConfig, ReplayResult, profile);
		const replay = await replayChild.next('replayed', 180_000);
		await replayChild.exit(10_000);
		const rebuildConfig: RebuildConfig = { journal, events: replay.journalEvents, clockAt: `${DATE}T16:00:00Z` };
		const rebuildChild = new BenchChild(`day-rebuild-${tag}`, benchEntry('replay/rebuild-process.ts'), rebuildConfig, RebuildResult, profile);
		const rebuild = await rebuildChild.next('rebuilt', 60_000);
		await rebuildChild.exit(10_000);
		return { replay, rebuild };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

const count = (n: number) => n.toLocaleString('en-GB');

function size(replay: ReplayResult | undefined): string {
	if (!replay) return '';
	return `${count(replay.schools)} school${replay.schools === 1 ? '' : 's'}, ${count(replay.events)} events, ${count(replay.batches)} batches`;
}

/** The replay and the rebuild of one day, judged against the targets or not. */
function dayRows(days: Day[], what: string, judged: boolean): [Row, Row] {
	const first = days[0]?.replay;
	const replay = days.map((d) => d.replay.replayMs);
	const replayBase = days.map((d) => d.replay.baselineMs);
	const rebuild = days.map((d) => d.rebuild.rebuildMs);
	const rebuildBase = days.map((d) => d.rebuild.parseMs);
	const clients =
		first?.schools === 1
			? '1 socket.io-client (a signed-in coordinator)'
			: `${count(first?.schools ?? 0)} socket.io-clients (a signed-in coordinator per school)`;
	const judge = (value: number[], targetMs: number) =>
		judged
			? { target: `< ${targetMs / 1_000} s`, verdict: spread(value).median < targetMs ? ('met' as const) : ('MISSED' as const) }
			: { verdict: '' as const };
	return [
		{
			scenario: 'day',
			figure: `replay ${what} (${size(first)})`,
			source: `Lookout + journal (fsync), ManualClock, ${clients}, posts with each school's key over ${CONNECTIONS} kept-alive connections`,
			unit: 'ms',
			value: spread(replay),
			baseline: { label: 'same posts, express.json only', value: spread(replayBase) },
			ratio: pairedRatio(replay, replayBase),
			...judge(replay, REPLAY_TARGET_MS),
			note: `first post to the last school's client holding the frame with its last event; ${count(first?.frames ?? 0)} frames; journal ${((first?.journalBytes ?? 0) / 1e6).toFixed(2)} MB, ${count(first?.journalEvents ?? 0)} events`
		},
		{
			scenario: 'day',
			figure: `rebuild ${what} on restart`,
			source: 'MemoryStore.open + createApp, fresh process',
			unit: 'ms',
			value: spread(rebuild),
			baseline: { label: 'read + JSON.parse journal', value: spread(rebuildBase) },
			ratio: pairedRatio(rebuild, rebuildBase),
			...judge(rebuild, REBUILD_TARGET_MS)
		}
	];
}

function rows(runs: DayRun[]): Row[] {
	const [trustReplay, trustRebuild] = dayRows(
		runs.map((r) => r.trust),
		"a trust's simulated day",
		true
	);
	const first = runs[0]?.trust.replay;
	const oncall: Row = {
		scenario: 'day',
		figure: `on-call response (raised to on scene) at p90, ${first?.oncallCalls ?? 0} calls of the first school's day`,
		source: "the on-call report of the trust's first school (a result of the simulation, not a speed)",
		unit: 's',
		value: spread([first?.oncallP90.response ?? 0]),
		verdict: '',
		note: `p90 of every step, s: ${Object.entries(first?.oncallP90 ?? {})
			.map(([step, s]) => `${step} ${s ?? '-'}`)
			.join(', ')}`
	};
	return [
		trustReplay,
		oncall,
		trustRebuild,
		...dayRows(
			runs.map((r) => r.school),
			"that trust's first school's day alone",
			false
		)
	];
}

export const dayReplayScenario: Scenario = {
	name: 'day',
	title: "a trust's simulated school day through the pipeline, then rebuilt on restart",
	async run(options) {
		const runs: DayRun[] = [];
		const log = (what: string, d: Day) =>
			options.log(
				`  ${what}: replay ${d.replay.replayMs.toFixed(0)} ms (baseline ${d.replay.baselineMs.toFixed(0)} ms), rebuild ${d.rebuild.rebuildMs.toFixed(0)} ms (parse ${d.rebuild.parseMs.toFixed(0)} ms)`
			);
		for (let run = 1; run <= options.runs; run++) {
			options.log(`day: run ${run}/${options.runs}`);
			const trust = await day(TRUST_SCHOOLS, `trust-${run}`, options);
			log(`trust (${trust.replay.schools} schools)`, trust);
			const school = await day(1, `school-${run}`, options);
			log('one school', school);
			runs.push({ trust, school });
		}
		return { scenario: 'day', title: this.title, rows: rows(runs), runs: { seed: SEED, date: DATE, runs } };
	}
};
