import { readFile } from 'node:fs/promises';
import { createApp } from '../../server/src/app';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { configFromArgv, fail, tellAndExit } from '../lib/parent';
import { nowMs } from '../lib/time';
import { RebuildConfig, type RebuildResult } from './replay-messages';

/**
 * A restart on a day's journal, in a fresh process as a real restart would be: the figure is
 * MemoryStore.open (reads and checks every line) plus createApp (replays the projections).
 * Module loading is done before the clock starts.
 */
const config = configFromArgv(RebuildConfig);

async function parseOnly(): Promise<number> {
	const started = nowMs();
	let lines = 0;
	for (const line of (await readFile(config.journal, 'utf8')).split('\n')) {
		if (line === '') continue;
		JSON.parse(line);
		lines += 1;
	}
	if (lines !== config.events) throw new Error(`the journal holds ${lines} lines, not ${config.events}`);
	return nowMs() - started;
}

async function run(): Promise<void> {
	const parseMs = await parseOnly();
	const started = nowMs();
	const store = await MemoryStore.open({ journal: config.journal });
	const app = await createApp({ store, clock: new ManualClock(config.clockAt), logger: silentLogger });
	const rebuildMs = nowMs() - started;
	await app.close();
	if (app.rebuilt.events !== config.events) throw new Error(`rebuilt ${app.rebuilt.events} events, not ${config.events}`);
	const result: RebuildResult = { type: 'rebuilt', events: app.rebuilt.events, rebuildMs, parseMs };
	tellAndExit(result);
}

run().catch(fail);
