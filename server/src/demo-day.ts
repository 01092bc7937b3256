import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { schoolDayOnOrBefore, zonedInstant, zonedDate } from '../protocol';
import type { Logger } from './logger';

/**
 * The demo's settings: its school clock starting at 08:30 today (or on the last weekday) and
 * running 60 times faster, unless the environment says otherwise.
 */
export function demoEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv & { CLOCK_SPEED: string; SEED: string } {
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

/** The simulator playing the seeded day into Lookout at `url` over the public API. */
export function startSimulator(url: string, env: ReturnType<typeof demoEnv>, logger: Logger): ChildProcess {
	const simulator = spawn(
		process.execPath,
		['--import', 'tsx', fileURLToPath(new URL('../../simulators/cli.ts', import.meta.url)), '--url', url, '--speed', env.CLOCK_SPEED, '--seed', env.SEED, '--history', '4'],
		{ stdio: 'inherit', env }
	);
	simulator.on('exit', (code) => {
		if (code !== 0 && code !== null) logger.warn(`Lookout: the simulator stopped with code ${code}`);
	});
	return simulator;
}
