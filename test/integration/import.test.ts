import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ImportResult } from '../../server/protocol';
import { getSnapshot, postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const DIR = new URL('../../simulators/northfield/', import.meta.url);
const files = (): Record<string, string> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

describe('importing a school over HTTP', () => {
	it('imports the sample set once; the same files again change nothing', async () => {
		const first = await postJson(`${server.url}/api/v1/import?school=northfield`, { files: files() });
		expect(first.status).toBe(200);
		expect(ImportResult.parse(first.body).data).toMatchObject({ accepted: 1, duplicates: 0, summary: { students: 1200 } });
		const again = await postJson(`${server.url}/api/v1/import?school=northfield`, { files: files() });
		expect(ImportResult.parse(again.body).data).toMatchObject({ accepted: 0, duplicates: 1 });
		const snapshot = await getSnapshot(server.url, 'northfield');
		expect(snapshot.position).toBe(1);
		expect(snapshot.view.school[0]?.name).toBe('Northfield Academy');
		expect(JSON.stringify(snapshot)).not.toMatch(/safeguarding|"sen"|medical/);
	});

	it('refuses files with an error, naming file, line and column, and keeps what it had', async () => {
		const before = await getSnapshot(server.url, 'northfield');
		const bad = files();
		bad['timetable.csv'] = (bad['timetable.csv'] as string).replace('MON-P1-7O,Mon,P1,E25,', 'MON-P1-7O,Mon,P1,NOWHERE,');
		bad['school.csv'] = (bad['school.csv'] as string).replace('Northfield Academy', 'Renamed Academy');
		const res = await postJson(`${server.url}/api/v1/import?school=northfield`, { files: bad });
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([{ path: 'timetable.csv:3:4', message: 'room_id "NOWHERE" is not a known room (rooms.csv)' }]);
		const after = await getSnapshot(server.url, 'northfield');
		expect(after.position).toBe(before.position);
		expect(after.view.school[0]?.name).toBe('Northfield Academy');
	});

	it('answers a malformed upload with a clear error', async () => {
		const res = await postJson(`${server.url}/api/v1/import?school=northfield`, { files: ['students.csv'] });
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues?.[0]?.path).toBe('files');
		expect((await postJson(`${server.url}/api/v1/import`, { files: {} })).status).toBe(400);
	});
});
