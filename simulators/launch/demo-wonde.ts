import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { join } from 'node:path';
import { ApiError, FloorplanFile, ImportResult } from '../../server/protocol';
import { ConnectorStatus } from '../../server/protocol/connectors';
import type { Config } from '../../server/src/config';
import type { Logger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { FakeWonde } from '../fake-wonde/fake-wonde';
import { fakeWondeSchool } from '../fake-wonde/fake-wonde-school';
import { buildSchool } from '../school';
import { schoolCsvFiles } from '../school-csv';
import { seedDemoAccess, type DemoAccess } from './demo-access';
import { signInOverHttp } from './demo-log';

const FLOORPLAN = fileURLToPath(new URL('../../floorplans/demo-school.geojson', import.meta.url));
/** What Wonde does not carry, so the school's own files still bring it: the school and its settings, periods, rooms, the rota, terms. */
const FRAME = ['school.csv', 'periods.csv', 'rooms.csv', 'reflection-rooms.csv', 'staff.csv', 'rota.csv', 'terms.csv'];
const WONDE_ID = 'A1930499544';

export interface DemoSchool {
	schoolId: string;
	seed: number;
	date: string;
}

/**
 * A fake Wonde (simulators/fake-wonde/) on a free port serving the demo's school as Wonde would:
 * its students with their contacts, staff, this week's lessons (with the simulator's lesson ids),
 * the term's session marks to yesterday, yesterday's lesson marks and some behaviour. The
 * variables switch the school's Wonde connector on against it.
 */
export async function startDemoWonde(demo: DemoSchool, logger: Logger): Promise<{ fake: FakeWonde; env: Record<string, string> }> {
	const data = await fakeWondeSchool({ schoolId: demo.schoolId, seed: demo.seed, date: demo.date, sixthForm: false, wondeId: WONDE_ID });
	const fake = await FakeWonde.start(data);
	const count = (endpoint: string) => (data.endpoints[endpoint] ?? []).length.toLocaleString('en-GB');
	logger.info(
		`Lookout: a fake Wonde at ${fake.url} serves ${demo.schoolId} as school ${WONDE_ID}: ${count('students')} students with contacts, ${count('employees')} staff, ${count('lessons')} lessons this week, ${count('attendance/session')} session marks of the term, ${count('lesson-attendance')} lesson marks, ${count('behaviours')} behaviours, ${count('achievements')} achievements`
	);
	return { fake, env: { WONDE_SCHOOLS: `${demo.schoolId}=${WONDE_ID}`, WONDE_TOKEN: fake.token, WONDE_API: fake.url } };
}

/**
 * The school's frame through the CSV import: what a school sets in Lookout itself because Wonde
 * has no word for it (settings, periods with their kinds, rooms as the floorplan names them, the
 * Reflection Room, staff's base rooms, the on-call rota, terms). No students, timetable or marks:
 * those come from Wonde. The import asks for `students.csv`; it goes with its header only.
 */
export async function importDemoFrame(target: { url: string; key: string; schoolId: string; seed: number; date: string }, logger: Logger): Promise<void> {
	const plan = FloorplanFile.parse(JSON.parse(await readFile(FLOORPLAN, 'utf8')));
	const all = schoolCsvFiles(buildSchool(plan, { schoolId: target.schoolId, seed: target.seed, date: target.date }));
	const files = Object.fromEntries(FRAME.flatMap((name) => (all[name] === undefined ? [] : [[name, all[name]]])));
	files['students.csv'] = `${(all['students.csv'] ?? '').split('\n')[0] ?? ''}\n`;
	const res = await fetch(`${target.url}/api/v1/import?school=${target.schoolId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
		body: JSON.stringify({ files })
	});
	const body: unknown = await res.json();
	if (!res.ok) throw new Error(`the school's frame was refused (HTTP ${res.status}): ${ApiError.parse(body).message}`);
	ImportResult.parse(body);
	logger.info(`Lookout: the school's frame imported from CSV (${Object.keys(files).join(', ')}); students, timetable and marks come from Wonde`);
}

/**
 * The first sync, asked for at once as the school's admin would ask from the connectors page
 * (`POST /api/v1/connectors/wonde/run`) rather than waiting the 30 s of the schedule, followed
 * until it ends; then the schedule keeps the school in step.
 */
export async function firstDemoSync(target: { url: string; schoolId: string; email: string; password: string }, logger: Logger): Promise<ConnectorStatus> {
	const started = Date.now();
	const headers = await signInOverHttp(target.url, target.email, target.password);
	try {
		const run = await fetch(`${target.url}/api/v1/connectors/wonde/run?school=${target.schoolId}`, { method: 'POST', headers });
		// 409: the schedule's first run got there first; it is followed the same way.
		if (!run.ok && run.status !== 409) throw new Error(`the first Wonde sync could not start: HTTP ${run.status} ${ApiError.parse(await run.json()).message}`);
		logger.info(`Lookout: the first Wonde sync of ${target.schoolId} is under way`);
		let told = Date.now();
		for (;;) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			const res = await fetch(`${target.url}/api/v1/connectors?school=${target.schoolId}`, { headers });
			const { data } = z.object({ data: z.array(ConnectorStatus) }).parse(await res.json());
			const status = data.find((s) => s.connector === 'wonde');
			if (!status) throw new Error('the Wonde connector is not switched on');
			if (status.state === 'running') {
				if (Date.now() - told >= 5_000) logger.info(`Lookout:   still syncing, ${((Date.now() - started) / 1000).toFixed(0)} s`);
				if (Date.now() - told >= 5_000) told = Date.now();
				continue;
			}
			logger.info(
				`Lookout: the first Wonde sync ended ${status.state} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${status.recordsIn.toLocaleString('en-GB')} records in, ${status.refused} refused${status.detail ? ` (${status.detail})` : ''}; next run ${status.nextRunAt ?? 'on the schedule'}`
			);
			return status;
		}
	} finally {
		await fetch(`${target.url}/api/v1/session`, { method: 'DELETE', headers });
	}
}

/** With Wonde as the source, the log starts with the demo's people, key and wall only: the rest comes through the sync and the frame's import. */
export async function writeDemoAccessLog(config: Config, demo: DemoSchool, logger: Logger): Promise<DemoAccess> {
	const store = await MemoryStore.open({ journal: join(config.DATA_DIR, 'journal.ndjson'), logger, writer: 'Lookout' });
	try {
		return await seedDemoAccess(store, demo);
	} finally {
		await store.close();
	}
}
