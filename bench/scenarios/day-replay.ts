import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchChild } from '../lib/child';
import type { Row, Scenario, ScenarioOptions } from '../lib/report';
import { pairedRatio, spread } from '../lib/stats';
import { RebuildResult, ReplayResult, type RebuildConfig, type ReplayConfig } from '../replay/replay-messages';
import { benchEntry } from './children';

const SEED = 7;
/** A fixed Monday, so every run plays the same day. */
const DATE = '2026-11-23';
const REPLAY_TARGET_MS = 10_000;
const REBUILD_TARGET_MS = 2_000;

interface DayRun {
	replay: ReplayResult;
	rebuild: RebuildResult;
}

async function dayRun(run: number, options: ScenarioOptions): Promise<DayRun> {
	const dir = await mkdtemp(join(tmpdir(), 'lookout-bench-day-'));
	const profile = options.profileDir ? { cpuProfileDir: options.profileDir } : {};
	try {
		const journal = join(dir, 'journal.ndjson');
		const replayConfig: ReplayConfig = { journal, seed: SEED, date: DATE };
		const replayChild = new BenchChild(`day-replay-${run}`, benchEntry('replay/replay-process.ts'), replayConfig, ReplayResult, profile);
		const replay = await replayChild.next('replayed', 120_000);
		await replayChild.exit(10_000);
		const rebuildConfig: RebuildConfig = { journal, events: replay.journalEvents, clockAt: `${DATE}T16:00:00Z` };
		const rebuildChild = new BenchChild(`day-rebuild-${run}`, benchEntry('replay/rebuild-process.ts'), rebuildConfig, RebuildResult, profile);
		const rebuild = await rebuildChild.next('rebuilt', 60_000);
		await rebuildChild.exit(10_000);
		return { replay, rebuild };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

function rows(runs: DayRun[]): Row[] {
	const first = runs[0]?.replay;
	const size = first ? `${first.events.toLocaleString('en-GB')} events, ${first.batches} batches` : '';
	const replay = runs.map((r) => r.replay.replayMs);
	const replayBase = runs.map((r) => r.replay.baselineMs);
	const rebuild = runs.map((r) => r.rebuild.rebuildMs);
	const rebuildBase = runs.map((r) => r.rebuild.parseMs);
	return [
		{
			scenario: 'day',
			figure: `replay a simulated day (${size})`,
			source: 'Lookout + journal (fsync), ManualClock, 1 socket.io-client (a signed-in coordinator), posts with the school key',
			unit: 'ms',
			value: spread(replay),
			baseline: { label: 'same posts, express.json only', value: spread(replayBase) },
			ratio: pairedRatio(replay, replayBase),
			target: `< ${REPLAY_TARGET_MS / 1_000} s`,
			verdict: spread(replay).median < REPLAY_TARGET_MS ? 'met' : 'MISSED',
			note: `first post to the client holding the frame with the last event; ${first?.frames ?? 0} frames; journal ${((first?.journalBytes ?? 0) / 1e6).toFixed(2)} MB`
		},
		{
			scenario: 'day',
			figure: `on-call response (raised to on scene) at p90, ${first?.oncallCalls ?? 0} calls of the simulated day`,
			source: 'the on-call report of the replayed day (a result of the simulation, not a speed)',
			unit: 's',
			value: spread([first?.oncallP90.response ?? 0]),
			verdict: '',
			note: `p90 of every step, s: ${Object.entries(first?.oncallP90 ?? {})
				.map(([step, s]) => `${step} ${s ?? '-'}`)
				.join(', ')}`
		},
		{
			scenario: 'day',
			figure: 'rebuild that day on restart',
			source: 'MemoryStore.open + createApp, fresh process',
			unit: 'ms',
			value: spread(rebuild),
			baseline: { label: 'read + JSON.parse journal', value: spread(rebuildBase) },
			ratio: pairedRatio(rebuild, rebuildBase),
			target: `< ${REBUILD_TARGET_MS / 1_000} s`,
			verdict: spread(rebuild).median < REBUILD_TARGET_MS ? 'met' : 'MISSED'
		}
	];
}

export const dayReplayScenario: Scenario = {
	name: 'day',
	title: 'a simulated school day through the pipeline, then rebuilt on restart',
	async run(options) {
		const runs: DayRun[] = [];
		for (let run = 1; run <= options.runs; run++) {
			options.log(`day: run ${run}/${options.runs}`);
			const result = await dayRun(run, options);
			runs.push(result);
			options.log(`  replay ${result.replay.replayMs.toFixed(0)} ms (baseline ${result.replay.baselineMs.toFixed(0)} ms), rebuild ${result.rebuild.rebuildMs.toFixed(0)} ms (parse ${result.rebuild.parseMs.toFixed(0)} ms)`);
		}
		return { scenario: 'day', title: this.title, rows: rows(runs), runs: { seed: SEED, date: DATE, runs } };
	}
};
