import { z } from 'zod';
import { SchoolId } from '../../protocol';
import type { ConnectorName } from '../../protocol/connectors';
import { loadConfig, ConfigError } from '../config';
import { silentLogger } from '../logger';
import { connectorOf, connectorSchools, ConnectorSettingsError, runConnector, sourceOf, type ConnectorSchool } from '../connectors/connector-schools';
import { openConnectorState } from '../connectors/open-connector-state';
import { readCommandLine, refuse } from './command-line';
import { openConfiguredStore, StoreBusyError } from './configured-store';

const USAGE = `usage: npm run sync -- wonde --school <id> [--wonde-id <id>] [--from-start]
       npm run sync -- arbor --school <id> [--arbor-host <host>] [--from-start]
Pulls a school's data from its MIS into its log, as the server's schedule does. Each page is
appended whole or not at all, and the sync carries on next time from where it stopped.
  wonde         employees, students with contacts, the timetable's lessons, session and lesson
                attendance, behaviours and achievements (detentions are read and left: the
                behaviour that led to one is already in)
  arbor         emergency alerts as on-call calls (their status sent back), behavioural incidents,
                internal exclusions as Reflection Room bookings, session and lesson attendance
  --school      Lookout's school id
  --wonde-id    the school's Wonde id (A1930499544); WONDE_SCHOOLS otherwise (school=wondeId,...)
  --arbor-host  the school's Arbor host (northfield.uk.arbor.sc); ARBOR_SCHOOLS otherwise (school=host,...)
  --from-start  forget the cursors and read everything again (appends only what is new)
Environment: WONDE_TOKEN (or WONDE_TOKEN_<SCHOOL>) Wonde's access token; WONDE_API its base URL
(https://api.wonde.com/v1.0); ARBOR_USER and ARBOR_PASSWORD (or ARBOR_USER_<SCHOOL> and
ARBOR_PASSWORD_<SCHOOL>) Arbor's API user; secrets are never flags, so they stay out of shell
history. REDIS_URL or DATA_DIR as the server has them (with the journal, stop the server first:
it holds the journal's lock).
Exit 0 when synced, 1 when the sync stopped (revoked, narrowed, failed) or could not start, 2 for bad usage.`;

const CONNECTORS: readonly ConnectorName[] = ['wonde', 'arbor'];
const NAMES: Record<ConnectorName, string> = { wonde: 'Wonde', arbor: 'Arbor' };

const { values, positionals } = readCommandLine('sync', USAGE, {
	options: { school: { type: 'string' }, 'wonde-id': { type: 'string' }, 'arbor-host': { type: 'string' }, 'from-start': { type: 'boolean' } },
	allowPositionals: true
});
const connector = CONNECTORS.find((c) => c === positionals[0]);
if (!connector || positionals.length > 1)
	refuse(
		'sync',
		positionals.length === 0
			? 'name the connector: wonde or arbor'
			: `unknown connector ${JSON.stringify(positionals.join(' '))}; the ones there are: wonde, arbor`
	);
const school = SchoolId.safeParse(values.school ?? '');
if (!school.success) refuse('sync', `--school: ${values.school === undefined ? 'give the school id' : (school.error.issues[0]?.message ?? 'not a school id')}`);
const schoolId = school.data;
const wondeIdFlag = values['wonde-id'];
const arborHostFlag = values['arbor-host'];
if (wondeIdFlag !== undefined && connector !== 'wonde') refuse('sync', '--wonde-id: only for the wonde connector');
if (arborHostFlag !== undefined && connector !== 'arbor') refuse('sync', '--arbor-host: only for the arbor connector');
if (
	wondeIdFlag !== undefined &&
	!z
		.string()
		.regex(/^[A-Za-z0-9]{1,32}$/)
		.safeParse(wondeIdFlag).success
)
	refuse('sync', `--wonde-id: ${JSON.stringify(wondeIdFlag)} is not a Wonde school id such as A1930499544`);
if (arborHostFlag !== undefined && (arborHostFlag === '' || /[,\s]/.test(arborHostFlag)))
	refuse('sync', `--arbor-host: ${JSON.stringify(arborHostFlag)} is not a host such as northfield.uk.arbor.sc`);

let found: ConnectorSchool;
let config: ReturnType<typeof loadConfig>;
try {
	config = loadConfig();
	const env = { ...process.env };
	if (wondeIdFlag) env.WONDE_SCHOOLS = `${schoolId}=${wondeIdFlag}`;
	if (arborHostFlag) env.ARBOR_SCHOOLS = `${schoolId}=${arborHostFlag}`;
	// Only the connector asked for is read: a mistake in the other's settings is not this command's.
	if (connector === 'wonde') delete env.ARBOR_SCHOOLS;
	else delete env.WONDE_SCHOOLS;
	const match = connectorSchools(env).find((s) => s.schoolId === schoolId && connectorOf(s) === connector);
	if (!match) {
		const hint =
			connector === 'wonde' ? `give --wonde-id or add ${schoolId}=<Wonde id> to WONDE_SCHOOLS` : `give --arbor-host or add ${schoolId}=<host> to ARBOR_SCHOOLS`;
		throw new ConnectorSettingsError(`${schoolId} has no ${NAMES[connector]} connector: ${hint}`);
	}
	found = match;
} catch (err) {
	if (err instanceof ConfigError || err instanceof ConnectorSettingsError) {
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
		if (values['from-start']) await state.reset(schoolId, connector);
		console.log(`sync: ${NAMES[connector]} ${sourceOf(found).baseUrl} into ${schoolId} (${where})`);
		const { status, endpoints, refusals } = await runConnector(found, { store, state, progress: (line) => console.log(`sync: ${line}`) });
		console.log(
			`sync: ${schoolId}: ${status.state} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${status.recordsIn} record(s) in, ${status.refused} refused`
		);
		for (const e of endpoints) {
			console.log(
				`sync:   ${e.endpoint.padEnd(21)} ${String(e.records).padStart(7)} in, ${String(e.appended).padStart(6)} event(s) appended, ${e.refused} refused${e.skipped ? `, ${e.skipped} left alone` : ''}; cursor ${e.cursor ?? '(none)'}`
			);
		}
		for (const r of refusals.slice(0, 50)) console.log(`sync:   refused ${r.endpoint} ${r.sourceId}: ${r.reason}`);
		if (refusals.length > 50) console.log(`sync:   ... and ${refusals.length - 50} more refusal(s), each in the audit log`);
		if (status.state !== 'ok') {
			console.error(`sync: stopped: ${status.state}: ${status.detail ?? ''}`);
			process.exitCode = 1;
		} else if (status.detail) console.log(`sync: ${status.detail}`);
	} finally {
		await store.close();
	}
} catch (err) {
	console.error(`sync: ${err instanceof StoreBusyError || err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
} finally {
	await state.close();
}
