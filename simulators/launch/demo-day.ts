import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { schoolDayOnOrBefore, zonedInstant, zonedDate } from '../../server/protocol';
import { ConfigError } from '../../server/src/config';
import type { Logger } from '../../server/src/logger';

/**
 * The demo's settings: its school clock starting at 08:30 today (or on the last weekday) and
 * running 60 times faster, unless the environment says otherwise.
 */
export function demoEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv & { CLOCK_SPEED: string; SEED: string; CLOCK_START: string } {
	// At weekends the demo plays the Friday before: the timetable has no Saturday.
	const today = schoolDayOnOrBefore(zonedDate(Date.now(), 'Europe/London'));
	return {
		...env,
		DATA_DIR: env.DATA_DIR || 'data/demo',
		CLOCK_SPEED: env.CLOCK_SPEED || '60',
		SEED: env.SEED || '7',
		CLOCK_START: env.CLOCK_START || zonedInstant(today, '08:30', 'Europe/London')
	};
}

/** The simulator's seed; the demo's people are chosen from the same day, so both must agree. */
export function demoSeed(env: ReturnType<typeof demoEnv>): number {
	const seed = Number(env.SEED);
	if (!Number.isInteger(seed) || seed < 0) throw new ConfigError([`SEED=${JSON.stringify(env.SEED)}: a whole number, 0 or more`]);
	return seed;
}

/** The school day the demo plays: the school clock's date at its start. */
export function demoDate(env: ReturnType<typeof demoEnv>): string {
	return zonedDate(Date.parse(env.CLOCK_START), 'Europe/London');
}

/**
 * The simulator playing the seeded day into Lookout at `url` over the public API, with the
 * school's integration key (in its environment, so it stays out of the process list), after
 * `historyWeeks` of past days (none when the launch has sent the past itself).
 */
export function startSimulator(url: string, env: ReturnType<typeof demoEnv>, key: string, logger: Logger, historyWeeks = 4): ChildProcess {
	const simulator = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			fileURLToPath(new URL('../cli.ts', import.meta.url)),
			'--url',
			url,
			'--speed',
			env.CLOCK_SPEED,
			'--seed',
			env.SEED,
			'--history',
			String(historyWeeks)
		],
		{ stdio: 'inherit', env: { ...env, LOOKOUT_KEY: key } }
	);
	simulator.on('exit', (code) => {
		if (code !== 0 && code !== null) logger.warn(`Lookout: the simulator stopped with code ${code}`);
	});
	return simulator;
}
