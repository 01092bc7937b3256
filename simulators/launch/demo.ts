import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../../server/src/config';
import { demoDate, demoEnv, demoSeed, startSimulator } from './demo-day';
import { demoGreeting } from './demo-greeting';
import { writeDemoLog } from './demo-log';
import { postDemoHistory } from './demo-term';
import { consoleLogger } from '../../server/src/logger';
import { closeOnSignals, startServer } from '../../server/src/server';

/**
 * The demo: Lookout with its embedded defaults, its school clock starting at 08:30 today (or on
 * the last weekday) and running 60 times faster. Its log is written first: the autumn term so
 * far through the import and the attendance desk's follow-up of it (`writeDemoLog`); then
 * the term's past days of behaviour and on-call, and the simulator playing a seeded day into it over the public API.
 * Each run starts from an empty log in DATA_DIR (data/demo unless set), so the day replays the same; its people, their password, the simulator's key and the wall are
 * made afresh each time, straight into the log.
 */
const SCHOOL = 'northfield';
const env = demoEnv();

try {
	const config = loadConfig(env);
	await rm(config.DATA_DIR, { recursive: true, force: true });
	const access = await writeDemoLog(config, { schoolId: SCHOOL, seed: demoSeed(env), date: demoDate(env) }, consoleLogger);
	const { app, url } = await startServer(config, consoleLogger);
	const demo = { url, key: access.key, schoolId: SCHOOL, seed: demoSeed(env), date: demoDate(env) };
	for (const line of demoGreeting(url, SCHOOL, access)) consoleLogger.info(line);
	const simulator: ChildProcess[] = [];
	closeOnSignals(app, consoleLogger, () => simulator.forEach((child) => child.kill('SIGTERM')));
	await postDemoHistory(demo, consoleLogger);
	simulator.push(startSimulator(url, env, access.key, consoleLogger, 0));
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
