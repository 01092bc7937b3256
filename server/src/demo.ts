import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { schoolDayOnOrBefore, zonedInstant, zonedDate } from '../protocol';
import { ConfigError, loadConfig } from './config';
import { consoleLogger } from './logger';
import { closeOnSignals, startServer } from './server';

/**
 * The demo: Lookout with its embedded defaults, its school clock starting at 08:30 today (or on
 * the last weekday) and
 * running 60 times faster, and the simulator playing a seeded day into it over the public API.
 * Each run starts from an empty log in DATA_DIR (data/demo unless set), so the day replays the same.
 */
const SPEED = process.env.CLOCK_SPEED || '60';
const SEED = process.env.SEED || '7';
// At weekends the demo plays the Friday before: the timetable has no Saturday.
const today = schoolDayOnOrBefore(zonedDate(Date.now(), 'Europe/London'));
const env = {
	...process.env,
	DATA_DIR: process.env.DATA_DIR || 'data/demo',
	CLOCK_SPEED: SPEED,
	CLOCK_START: process.env.CLOCK_START || zonedInstant(today, '08:30', 'Europe/London')
};

try {
	const config = loadConfig(env);
	await rm(config.DATA_DIR, { recursive: true, force: true });
	const { app, url } = await startServer(config, consoleLogger);
	const simulator = spawn(
		process.execPath,
		['--import', 'tsx', fileURLToPath(new URL('../../simulators/cli.ts', import.meta.url)), '--url', url, '--speed', SPEED, '--seed', SEED, '--history', '4'],
		{ stdio: 'inherit', env }
	);
	simulator.on('exit', (code) => {
		if (code !== 0 && code !== null) consoleLogger.warn(`Lookout: the simulator stopped with code ${code}`);
	});
	consoleLogger.info(`Lookout: open ${url}/live/northfield to watch the simulated day (the floorplan: ${url}/hotspots/northfield)`);
	closeOnSignals(app, consoleLogger, () => simulator.kill('SIGTERM'));
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
