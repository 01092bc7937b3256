import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ImportResult } from '../../server/protocol';
import { ingest, signIn, type SignedIn } from '../support/access';
import { getSnapshot, postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const DIR = new URL('../../simulators/northfield/', import.meta.url);
const files = (): Record<string, string> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));

let server: TestServer;
/** The school's admin, who uploads its export from the dashboard. */
let admin: SignedIn;
beforeAll(async () => {
	server = await startTestServer();
	admin = await signIn(server, 'northfield', 'admin');
});
afterAll(() => server.close());

const upload = (body: unknown, query = '?school=northfield') => postJson(`${server.url}/api/v1/import${query}`, body, admin.headers);
const get = (path: string) => fetch(`${server.url}/api/v1/${path}`, { headers: { cookie: admin.cookie } });

describe('importing a school over HTTP', () => {
	it('imports the sample set once; the same files again change nothing', async () => {
		const before = await getSnapshot(server.url, 'northfield', admin);
		const first = await upload({ files: files() });
		expect(first.status).toBe(200);
		expect(ImportResult.parse(first.body).data).toMatchObject({ accepted: 1, duplicates: 0, summary: { students: 1200 } });
		const snapshot = await getSnapshot(server.url, 'northfield', admin);
		// The reference data and the audit entry saying who imported it.
		expect(snapshot.position).toBe(before.position + 2);
		expect(snapshot.view.school[0]?.name).toBe('Northfield Academy');
		// Special category flags stay out of the live view, even for a role that is sent names.
		expect(JSON.stringify(snapshot)).not.toMatch(/safeguarding|"sen"|medical/);
		const again = await upload({ files: files() });
		expect(ImportResult.parse(again.body).data).toMatchObject({ accepted: 0, duplicates: 1 });
		const after = await getSnapshot(server.url, 'northfield', admin);
		// Only the second upload's audit entry is written.
		expect(after.position).toBe(snapshot.position + 1);
		expect(after.view).toEqual(snapshot.view);
	});

	it('refuses files with an error, naming file, line and column, and keeps what it had', async () => {
		const before = await getSnapshot(server.url, 'northfield', admin);
		const bad = files();
		bad['timetable.csv'] = (bad['timetable.csv'] as string).replace('MON-P1-7O,Mon,P1,E25,', 'MON-P1-7O,Mon,P1,NOWHERE,');
		bad['school.csv'] = (bad['school.csv'] as string).replace('Northfield Academy', 'Renamed Academy');
		const res = await upload({ files: bad });
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([{ path: 'timetable.csv:3:4', message: 'room_id "NOWHERE" is not a known room (rooms.csv)' }]);
		const after = await getSnapshot(server.url, 'northfield', admin);
		expect(after.position).toBe(before.position);
		expect(after.view.school[0]?.name).toBe('Northfield Academy');
	});

	it('answers a malformed upload with a clear error', async () => {
		const res = await upload({ files: ['students.csv'] });
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues?.[0]?.path).toBe('files');
		expect((await upload({ files: {} }, '')).status).toBe(400);
	});
});

describe('reports', () => {
	it('gives the day of a school: lateness per student and form, truancy flags with their outcome', async () => {
		const student = 'STU00001';
		await ingest(server, [
			{
				id: 'am',
				schoolId: 'northfield',
				type: 'session:marked',
				occurredAt: '2026-11-23T08:45:00Z',
				date: '2026-11-23',
				session: 'AM',
				formGroup: '7N',
				takenBy: 'T001',
				marks: [{ studentId: student, code: 'L', minutesLate: 12 }]
			},
			{
				id: 'late',
				schoolId: 'northfield',
				type: 'student:arrived-late',
				occurredAt: '2026-11-23T08:52:00Z',
				studentId: student,
				session: 'AM',
				minutesLate: 12
			},
			{
				id: 'p1',
				schoolId: 'northfield',
				type: 'register:taken',
				occurredAt: '2026-11-23T09:04:00Z',
				lessonId: 'MON-P1-7N:2026-11-23',
				takenBy: 'T001',
				marks: [{ studentId: student, code: 'N' }]
			},
			{ id: 'found', schoolId: 'northfield', type: 'student:found', occurredAt: '2026-11-23T09:20:00Z', studentId: student, locationId: 'YARD', by: 'P002' }
		]);
		const lateness = (await (await get('reports/lateness?school=northfield&date=2026-11-23')).json()) as {
			students: { student: { id: string }; sessionMinutes: number }[];
			formGroups: { formGroup: string }[];
		};
		expect(lateness.students[0]).toMatchObject({ student: { id: student }, sessionMinutes: 12 });
		expect(lateness.formGroups[0]?.formGroup).toBe('7N');
		const truancy = (await (await get('reports/truancy?school=northfield&date=2026-11-23')).json()) as { flags: { outcome: string; resolvedAt: string }[] };
		expect(truancy.flags).toMatchObject([{ outcome: 'found', resolvedAt: '2026-11-23T09:20:00.000Z' }]);
		expect((await get('reports/truancy?school=northfield&date=23/11/2026')).status).toBe(400);
		// A school nobody here has a role in is refused before it is looked up.
		expect((await get('reports/truancy?school=nowhere')).status).toBe(403);
	});
});

describe('floorplans', () => {
	it('serves a school its own plan, checked, and no plan to a school without one', async () => {
		const plan = await get('floorplan?school=northfield');
		expect(plan.status).toBe(200);
		const body = (await plan.json()) as { features: { id: string }[] };
		expect(body.features.some((f) => f.id === 'RR')).toBe(true);
		const elsewhere = await signIn(server, 'another-school', 'coordinator');
		expect((await fetch(`${server.url}/api/v1/floorplan?school=another-school`, { headers: { cookie: elsewhere.cookie } })).status).toBe(404);
		// A school named like a path is refused before any file is looked for.
		expect((await get('floorplan?school=../etc')).status).toBe(400);
	});
});
