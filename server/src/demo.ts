import { rm } from 'node:fs/promises';
import { ConfigError, loadConfig } from './config';
import { demoEnv, startSimulator } from './demo-day';
import { consoleLogger } from './logger';
import { closeOnSignals, startServer } from './server';
import { pairWall } from './wall-admin';

/**
 * The demo: Lookout with its embedded defaults, its school clock starting at 08:30 today (or on
 * the last weekday) and running 60 times faster, and the simulator playing a seeded day into it
 * over the public API. Each run starts from an empty log in DATA_DIR (data/demo unless set), so
 * the day replays the same.
 */
const env = demoEnv();

try {
	const config = loadConfig(env);
	await rm(config.DATA_DIR, { recursive: true, force: true });
	const { app, url } = await startServer(config, consoleLogger);
	const simulator = startSimulator(url, env, consoleLogger);
	consoleLogger.info(`Lookout: open ${url}/live/northfield to watch the simulated day (the floorplan: ${url}/hotspots/northfield)`);
	consoleLogger.info(`Lookout: dispatch console ${url}/dispatch/northfield, patrol phone ${url}/patrol/northfield, raise a call ${url}/raise/northfield`);
	const wall = await pairWall(url, 'northfield', 'Demo wall');
	consoleLogger.info(`Lookout: the wall screen (paired as "Demo wall"): ${wall.address}`);
	closeOnSignals(app, consoleLogger, () => simulator.kill('SIGTERM'));
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
