import { z } from 'zod';
import { SchoolId } from '../../protocol';
import { loadConfig, ConfigError } from '../config';
import { silentLogger } from '../logger';
import type { SchoolSource } from '../connectors/connector';
import { openConnectorState } from '../connectors/open-connector-state';
import { runSync } from '../connectors/sync-run';
import { wondeConnector, wondeSchoolUrl } from '../connectors/wonde/wonde-connector';
import { wondeSchools, WondeSettingsError } from '../connectors/wonde/wonde-settings';
import { readCommandLine, refuse } from './command-line';
import { openConfiguredStore, StoreBusyError } from './configured-store';

const USAGE = `usage: npm run sync -- wonde --school <id> [--wonde-id <id>] [--from-start]
Pulls a school's data from Wonde into its log: employees, students with contacts, the timetable's
lessons, session and lesson attendance, behaviours and achievements (detentions are read and
left: the behaviour that led to one is already in). Each page is appended whole or not at all,
and the sync carries on next time from where it stopped.
  wonde         the connector (the only one so far)
  --school      Lookout's school id
  --wonde-id    the school's Wonde id (A1930499544); WONDE_SCHOOLS otherwise (school=wondeId,...)
  --from-start  forget the cursors and read everything again (appends only what is new)
Environment: WONDE_TOKEN (or WONDE_TOKEN_<SCHOOL>) the access token, never a flag so it stays out
of shell history; WONDE_API the base URL (https://api.wonde.com/v1.0); REDIS_URL or DATA_DIR as the
server has them (with the journal, stop the server first: it holds the journal's lock).
Exit 0 when synced, 1 when the sync stopped (revoked, narrowed, failed) or could not start, 2 for bad usage.`;

const { values, positionals } = readCommandLine('sync', USAGE, {
	options: { school: { type: 'string' }, 'wonde-id': { type: 'string' }, 'from-start': { type: 'boolean' } },
	allowPositionals: true
});
if (positionals[0] !== 'wonde' || positionals.length > 1)
	refuse(
		'sync',
		positionals.length === 0 ? 'name the connector: wonde' : `unknown connector ${JSON.stringify(positionals.join(' '))}; the one there is: wonde`
	);
const school = SchoolId.safeParse(values.school ?? '');
if (!school.success) refuse('sync', `--school: ${values.school === undefined ? 'give the school id' : (school.error.issues[0]?.message ?? 'not a school id')}`);
const schoolId = school.data;
const wondeIdFlag = values['wonde-id'];
if (
	wondeIdFlag !== undefined &&
	!z
		.string()
		.regex(/^[A-Za-z0-9]{1,32}$/)
		.safeParse(wondeIdFlag).success
)
	refuse('sync', `--wonde-id: ${JSON.stringify(wondeIdFlag)} is not a Wonde school id such as A1930499544`);

let source: SchoolSource;
let config: ReturnType<typeof loadConfig>;
try {
	config = loadConfig();
	const env = wondeIdFlag ? { ...process.env, WONDE_SCHOOLS: `${schoolId}=${wondeIdFlag}` } : process.env;
	const found = wondeSchools(env).find((s) => s.schoolId === schoolId);
	if (!found) throw new WondeSettingsError(`${schoolId} has no Wonde id: give --wonde-id or add ${schoolId}=<Wonde id> to WONDE_SCHOOLS`);
	source = { schoolId, baseUrl: wondeSchoolUrl(found.wondeId, found.api), token: found.token };
} catch (err) {
	if (err instanceof ConfigError || err instanceof WondeSettingsError) {
		console.error(`sync: ${err.message}`);
		process.exit(1);
	}
	throw err;
}

const started = Date.now();
const state = openConnectorState(config);
try {
	const { store, where } = await openConfiguredStore(config, silentLogger, 'npm run sync');
	try {
		if (values['from-start']) await state.reset(schoolId, 'wonde');
		console.log(`sync: Wonde ${source.baseUrl} into ${schoolId} (${where})`);
		const { status, endpoints, refusals } = await runSync(wondeConnector, source, { store, state, progress: (line) => console.log(`sync: ${line}`) });
		console.log(
			`sync: ${schoolId}: ${status.state} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${status.recordsIn} record(s) in, ${status.refused} refused`
		);
		for (const e of endpoints) {
			console.log(
				`sync:   ${e.endpoint.padEnd(20)} ${String(e.records).padStart(7)} in, ${String(e.appended).padStart(6)} event(s) appended, ${e.refused} refused${e.skipped ? `, ${e.skipped} left alone` : ''}; cursor ${e.cursor ?? '(none)'}`
			);
		}
		for (const r of refusals.slice(0, 50)) console.log(`sync:   refused ${r.endpoint} ${r.sourceId}: ${r.reason}`);
		if (refusals.length > 50) console.log(`sync:   ... and ${refusals.length - 50} more refusal(s), each in the audit log`);
		if (status.state !== 'ok') {
			console.error(`sync: stopped: ${status.state}: ${status.detail ?? ''}`);
			process.exitCode = 1;
		}
	} finally {
		await store.close();
	}
} catch (err) {
	console.error(`sync: ${err instanceof StoreBusyError || err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
} finally {
	await state.close();
}
