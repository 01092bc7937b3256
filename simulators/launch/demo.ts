import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../../server/src/config';
import { demoDate, demoEnv, demoSeed, startSimulator } from './demo-day';
import { demoGreeting } from './demo-greeting';
import { firstDemoSync, importDemoFrame, startDemoWonde, writeDemoAccessLog } from './demo-wonde';
import { readCommandLine, refuse } from '../command-line';
import { writeDemoLog } from './demo-log';
import { postDemoHistory } from './demo-term';
import { consoleLogger } from '../../server/src/logger';
import { closeOnSignals, startServer } from '../../server/src/server';

/**
 * The demo: Lookout with its embedded defaults, its school clock starting at 08:30 today (or on
 * the last weekday) and running 60 times faster. With `--source wonde` the school comes from a
 * fake Wonde through the connector instead of the CSV import (see demo-wonde.ts). Its log is written first: the autumn term so
 * far through the import and the attendance desk's follow-up of it (`writeDemoLog`); then
 * the term's past days of behaviour and on-call, and the simulator playing a seeded day into it over the public API.
 * Each run starts from an empty log in DATA_DIR (data/demo unless set), so the day replays the same; its people, their password, the simulator's key and the wall are
 * made afresh each time, straight into the log.
 */
const SCHOOL = 'northfield';
const USAGE = `usage: npm start [-- --source csv|wonde]
The demo: Lookout with a simulated school day at Northfield Academy, at 60 times real speed.
  --source csv    the school and its autumn term so far through the CSV import (the default)
  --source wonde  a fake Wonde on a free port, the school's Wonde connector switched on against it,
                  and its first sync bringing in the students, contacts, timetable and the term's
                  marks; the school's frame (settings, periods, rooms, rota) still from its CSV files
Environment: DATA_DIR (data/demo), CLOCK_SPEED (60), CLOCK_START (08:30 today), SEED (7), PORT (3000).`;
const { values } = readCommandLine('start', USAGE, { options: { source: { type: 'string', default: 'csv' } } });
if (values.source !== 'csv' && values.source !== 'wonde') refuse('start', `--source: ${JSON.stringify(values.source)} is not csv or wonde`);
const env = demoEnv();

try {
	const config = loadConfig(env);
	await rm(config.DATA_DIR, { recursive: true, force: true });
	const school = { schoolId: SCHOOL, seed: demoSeed(env), date: demoDate(env) };
	const wonde = values.source === 'wonde' ? await startDemoWonde(school, consoleLogger) : null;
	if (wonde) Object.assign(process.env, wonde.env);
	const access = wonde ? await writeDemoAccessLog(config, school, consoleLogger) : await writeDemoLog(config, school, consoleLogger);
	const { app, url } = await startServer(config, consoleLogger);
	const demo = { url, key: access.key, ...school };
	for (const line of demoGreeting(url, SCHOOL, access)) consoleLogger.info(line);
	const simulator: ChildProcess[] = [];
	closeOnSignals(app, consoleLogger, () => {
		simulator.forEach((child) => child.kill('SIGTERM'));
		void wonde?.fake.close();
	});
	if (wonde) {
		const admin = access.people.find((p) => p.role === 'admin');
		if (!admin) throw new Error('the demo has no admin');
		const first = await firstDemoSync({ url, schoolId: SCHOOL, email: admin.email, password: access.password }, consoleLogger);
		if (first.state !== 'ok') throw new Error(`the first Wonde sync ended ${first.state}: ${first.detail ?? ''}`);
		await importDemoFrame(demo, consoleLogger);
	}
	await postDemoHistory(demo, consoleLogger);
	simulator.push(startSimulator(url, env, access.key, consoleLogger, 0));
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
