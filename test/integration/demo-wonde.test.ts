import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorSchools } from '../../server/src/connectors/connector-schools';
import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import { silentLogger } from '../../server/src/logger';
import type { FakeWonde } from '../../simulators/fake-wonde/fake-wonde';
import { seedDemoAccess, type DemoAccess } from '../../simulators/launch/demo-access';
import { firstDemoSync, importDemoFrame, startDemoWonde } from '../../simulators/launch/demo-wonde';
import { startTestServer, tempDir, type TestServer } from '../support/server';

/**
 * `npm start -- --source wonde` as the launcher wires it (simulators/launch/demo.ts): the fake
 * Wonde serving the demo's school, the school's connector switched on against it by the variables
 * the launcher sets, the demo's people in the log, the first sync asked for by its admin over
 * HTTP, then the school's frame from CSV. The fake stands in for Wonde, which a test cannot reach.
 */
const demo = { schoolId: 'northfield', seed: 7, date: '2026-12-03' };
let fake: FakeWonde;
let server: TestServer;
let access: DemoAccess;

beforeAll(async () => {
	const wonde = await startDemoWonde(demo, silentLogger);
	fake = wonde.fake;
	const dataDir = await tempDir();
	server = await startTestServer({
		dataDir,
		connectors: {
			state: new FileConnectorState(dataDir),
			schools: connectorSchools(wonde.env),
			// The schedule's first run is an hour off: the launcher's own ask is what brings the school in.
			everyMs: 3_600_000,
			firstRunMs: 3_600_000
		}
	});
	access = await seedDemoAccess(server.store, demo);
}, 120_000);
afterAll(async () => {
	await server?.close();
	await fake?.close();
});

describe('the demo with Wonde as its source', () => {
	it('the first sync brings the students, contacts, timetable and term marks in; the frame keeps the staff base rooms', async () => {
		const admin = access.people.find((p) => p.role === 'admin');
		const status = await firstDemoSync({ url: server.url, schoolId: demo.schoolId, email: admin?.email ?? '', password: access.password }, silentLogger);
		expect(status).toMatchObject({ connector: 'wonde', state: 'ok', refused: 0 });
		await importDemoFrame({ ...demo, url: server.url, key: access.key }, silentLogger);
		const state = server.app.projections.state(demo.schoolId);
		expect(state.students.size).toBe(fake.data.students.length);
		expect(state.students.size).toBe(1_200);
		expect(state.contacts.size).toBeGreaterThan(1_000);
		expect(state.lessons.size).toBe(fake.data.endpoints.lessons?.length);
		// The simulator's registers name the same lessons: `slot:date`.
		expect([...state.lessons.keys()].some((id) => id.endsWith(`:${demo.date}`))).toBe(true);
		const marks = [...state.sessionMarks.values()].reduce((n, day) => n + [...day.values()].reduce((m, s) => m + Object.keys(s).length, 0), 0);
		expect(marks).toBe(fake.data.sessionMarks);
		expect([...state.staff.values()].some((s) => s.baseRoomId)).toBe(true);
		expect(state.periods.length).toBeGreaterThan(0);
	}, 120_000);
});
