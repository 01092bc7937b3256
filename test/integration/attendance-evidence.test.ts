import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, EvidencePack } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { pairDevice, signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, deskSchoolFiles } from '../support/attendance-desk-school';
import { postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = DESK_SCHOOL;
const CONTACTS =
	'student_id,name,relationship,priority,phones,email,parental_responsibility,lives_with\nX2,Dana Tate,Mother,1,07700 900111,dana@example.org,Y,Y\n';
let server: TestServer;
let admin: SignedIn;
let coordinator: SignedIn;
let patrol: SignedIn;
let wall: string;

/** A GET as this person (or the wall's token), with the body as text. */
async function get(path: string, who: SignedIn | string = coordinator): Promise<{ status: number; type: string; text: string }> {
	const headers: Record<string, string> = typeof who === 'string' ? { authorization: `Bearer ${who}` } : { cookie: who.cookie };
	const res = await fetch(`${server.url}/api/v1/${path}`, { headers });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

interface AuditLine {
	action: string;
	studentId: string | null;
	actorId: string;
	detail: string;
}
const packsAudited = async () =>
	(JSON.parse((await get(`audit?school=${SCHOOL}`, admin)).text) as { data: AuditLine[] }).data.filter((e) => e.action === 'evidence_pack_produced');

beforeAll(async () => {
	// Friday 20 November 2026, 14:00 in London: the school's clock for what is logged.
	server = await startTestServer({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	admin = await signIn(server, SCHOOL, 'admin');
	const files = { ...deskSchoolFiles('2026-11-20'), 'contacts.csv': CONTACTS };
	const imported = await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files }, admin.headers);
	expect(imported.status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'T1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'T2' });
	wall = (await pairDevice(server.store, SCHOOL)).token;
	const call = { callId: 'ev-1', studentId: 'X2', contactIndex: 0, outcome: 'reached', reason: 'Unwell, back on Monday' };
	expect((await postJson(`${server.url}/api/v1/attendance/calls?school=${SCHOOL}`, call, coordinator.headers)).status).toBe(200);
	const meeting = {
		interventionId: 'ev-int-1',
		studentId: 'X2',
		kind: 'parental_meeting',
		date: '2026-10-19',
		outcome: 'Met mother about Mondays',
		nextReviewOn: '2026-11-02'
	};
	expect((await postJson(`${server.url}/api/v1/attendance/interventions?school=${SCHOOL}`, meeting, coordinator.headers)).status).toBe(200);
});
afterAll(() => server.close());

describe('the evidence pack for the Local Authority over HTTP', () => {
	it('gives the year to date with codes by week and the chronology named by staff, without a phone number', async () => {
		const res = await get(`reports/evidence?school=${SCHOOL}&student=X2`);
		expect(res.status).toBe(200);
		const pack = EvidencePack.parse(JSON.parse(res.text));
		expect(pack).toMatchObject({
			school: 'Desk Test Academy',
			student: { studentId: 'X2', name: 'Tate, Ben', formGroup: '9X' },
			range: { from: '2026-09-02', to: '2026-11-20' },
			producedBy: 'Mrs Priya Khan',
			persistence: 'persistent',
			unauthorisedCodes: { N: 14, O: 0, G: 0, U: 0 }
		});
		expect(pack.weeks.find((w) => w.monday === '2026-10-19')?.days.map((d) => `${d.am}${d.pm}`)).toEqual(['NN', '//', '//', '//', '//']);
		expect(pack.chronology.map((e) => [e.kind, e.date, e.staff, e.outcome])).toEqual([
			['intervention', '2026-10-19', 'Mrs Priya Khan', 'Met mother about Mondays'],
			['call', '2026-11-20', 'Mrs Priya Khan', 'Reached']
		]);
		expect(pack.chronology[1]).toMatchObject({ relationship: 'Mother', reason: 'Unwell, back on Monday', time: expect.stringMatching(/^14:/) as string });
		expect(pack.chronology[0]?.impact).toMatchObject({ before: { rate: 0.8 }, after: { rate: 1 } });
		expect(res.text).not.toMatch(/07700|Dana|example\.org/);
	});

	it('gives the same as CSV, a row per week and per entry', async () => {
		const res = await get(`reports/evidence?school=${SCHOOL}&student=X2&from=2026-10-12&to=2026-11-20&format=csv`);
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/text\/csv/);
		const lines = res.text.trimEnd().split('\r\n');
		expect(lines[0]).toMatch(/^kind,date,time,student_id,what,staff,relationship,outcome,reason,next_review_on,mon_am,mon_pm,/);
		expect(lines).toContain('week,2026-10-12,,X2,Week from 2026-10-12,,,,,,N,N,/,/,/,/,/,/,/,/,10,8,0,2,80,20,,,');
		expect(lines.find((l) => l.startsWith('intervention,'))).toBe(
			'intervention,2026-10-19,,X2,Parental meeting,Mrs Priya Khan,,Met mother about Mondays,,2026-11-02,,,,,,,,,,,,,,,,,80,100,Y'
		);
		expect(lines.find((l) => l.startsWith('call,'))).toMatch(
			/^call,2026-11-20,14:\d\d,X2,First-day call,Mrs Priya Khan,Mother,Reached,"Unwell, back on Monday",/
		);
		expect(lines.filter((l) => l.startsWith('week,'))).toHaveLength(6);
		expect(res.text).not.toMatch(/07700|Dana/);
	});

	it('writes every pack produced to the audit log, naming the student, range and format', async () => {
		// Newest first, as the audit log lists.
		const audited = await packsAudited();
		expect(audited).toEqual([
			expect.objectContaining({ studentId: 'X2', actorId: coordinator.userId, detail: 'evidence pack 2026-10-12 to 2026-11-20 as csv' }),
			expect.objectContaining({ studentId: 'X2', actorId: coordinator.userId, detail: 'evidence pack 2026-09-02 to 2026-11-20 as json' })
		]);
	});

	it('names the field of a bad request, and writes nothing to the audit log for it', async () => {
		const before = (await packsAudited()).length;
		const unknown = await get(`reports/evidence?school=${SCHOOL}&student=Q9`);
		expect(unknown.status).toBe(404);
		expect(ApiError.parse(JSON.parse(unknown.text)).issues).toEqual([{ path: 'student', message: 'not a student of this school' }]);
		const badFrom = await get(`reports/evidence?school=${SCHOOL}&student=X2&from=2026-13-01`);
		expect(badFrom.status).toBe(400);
		expect(ApiError.parse(JSON.parse(badFrom.text)).issues?.map((i) => i.path)).toEqual(['from']);
		const backwards = await get(`reports/evidence?school=${SCHOOL}&student=X2&from=2026-11-20&to=2026-11-01`);
		expect(ApiError.parse(JSON.parse(backwards.text)).issues).toEqual([{ path: 'from', message: 'is after 2026-11-01' }]);
		const future = await get(`reports/evidence?school=${SCHOOL}&student=X2&to=2026-12-01`);
		expect(ApiError.parse(JSON.parse(future.text)).issues).toEqual([{ path: 'to', message: 'is after today (2026-11-20)' }]);
		expect((await get(`reports/evidence?school=${SCHOOL}`)).status).toBe(400);
		expect(await packsAudited()).toHaveLength(before);
	});

	it('is not for patrol staff or the walls', async () => {
		expect((await get(`reports/evidence?school=${SCHOOL}&student=X2`, patrol)).status).toBe(403);
		expect((await get(`reports/evidence?school=${SCHOOL}&student=X2`, wall)).status).toBe(403);
		expect((await get(`reports/evidence?school=${SCHOOL}&student=X2&format=csv`, patrol)).status).toBe(403);
	});
});
