import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AttendanceReport, CommandResult, PaReport, RagReport } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { ingest, pairDevice, signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, deskSchoolFiles } from '../support/attendance-desk-school';
import { postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = DESK_SCHOOL;
let server: TestServer;
let coordinator: SignedIn;
let patrol: SignedIn;
let wall: string;

/** A GET as this person (or the wall's token), with the body as text. */
async function get(path: string, who: SignedIn | string = coordinator): Promise<{ status: number; type: string; text: string }> {
	const headers: Record<string, string> = typeof who === 'string' ? { authorization: `Bearer ${who}` } : { cookie: who.cookie };
	const res = await fetch(`${server.url}/api/v1/${path}`, { headers });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
const json = async (path: string) => JSON.parse((await get(path)).text) as unknown;

beforeAll(async () => {
	// Friday 20 November 2026, 14:00 in London: the school's clock for what is logged.
	server = await startTestServer({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	const admin = await signIn(server, SCHOOL, 'admin');
	const imported = await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files: deskSchoolFiles('2026-11-20') }, admin.headers);
	expect(imported.status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'T1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'T2' });
	wall = (await pairDevice(server.store, SCHOOL)).token;
});
afterAll(() => server.close());

describe('the attendance desk over HTTP: terms, attendance, the PA tracker and the weekly RAG', () => {
	it('refuses terms.csv with overlapping half terms, naming the line', async () => {
		const admin = await signIn(server, SCHOOL, 'admin');
		const files = deskSchoolFiles('2026-09-04', ['term,half,starts,ends', 'autumn,1,2026-09-02,2026-10-23', 'autumn,2,2026-10-20,2026-12-18']);
		const res = await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files }, admin.headers);
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([{ path: 'terms.csv:3:3', message: 'starts 2026-10-20, inside the half term of line 2 (to 2026-10-23)' }]);
	});

	it('counts attendance per form over a range; a form of three is suppressed; the CSV matches', async () => {
		const report = AttendanceReport.parse(await json(`reports/attendance?school=${SCHOOL}&from=2026-11-16&to=2026-11-20&by=form`));
		expect(report.rows.map((r) => [r.key, r.students, r.suppressed])).toEqual([
			['9X', 6, false],
			['9Y', 6, false],
			['10Z', 3, true]
		]);
		// 9X: 60 sessions; X3 off all week (10, authorised), X4 Wednesday and Friday (4), X6 Monday and Tuesday (4, authorised).
		expect(report.rows[0]?.figures).toMatchObject({ possible: 60, attended: 42, authorised: 14, unauthorised: 4 });
		expect(report.rows[2]?.figures).toBeNull();
		const csv = await get(`reports/attendance?school=${SCHOOL}&from=2026-11-16&to=2026-11-20&by=form&format=csv`);
		expect(csv.type).toMatch(/text\/csv/);
		expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
			'from,to,by,key,label,students,suppressed,possible,attended,authorised,unauthorised,attendance_percent,absence_percent,persistence,persistent_students,severe_students',
			'2026-11-16,2026-11-20,form,9X,9X,6,N,60,42,14,4,70,30,,3,1'
		]);
		expect(csv.text).toContain('2026-11-16,2026-11-20,form,10Z,10Z,3,Y,,,,,,,,,');
		// Without a start: the academic year of terms.csv, from 2 September.
		expect(AttendanceReport.parse(await json(`reports/attendance?school=${SCHOOL}&to=2026-11-20&by=school`)).range.from).toBe('2026-09-02');
	});

	it('tracks PA, SA and at-risk students by the terms imported, and logs an intervention stamped by the server', async () => {
		const before = PaReport.parse(await json(`reports/pa?school=${SCHOOL}`));
		expect(before).toMatchObject({ date: '2026-11-20', calendar: 'terms', halfTerm: { term: 'autumn', half: 2 } });
		expect(before.students.map((s) => [s.studentId, s.status])).toEqual([
			['X3', 'severe'],
			['X2', 'persistent'],
			['X4', 'at_risk']
		]);
		const body = {
			interventionId: 'int-1',
			studentId: 'X2',
			kind: 'letter_1',
			date: '2026-10-19',
			outcome: 'Letter 1 sent; mother phoned back',
			nextReviewOn: '2026-11-02'
		};
		const logged = await postJson(`${server.url}/api/v1/attendance/interventions?school=${SCHOOL}`, body, coordinator.headers);
		expect(logged.status).toBe(200);
		expect(CommandResult.parse(logged.body)).toMatchObject({ ok: true, data: { duplicate: false } });
		const after = PaReport.parse(await json(`reports/pa?school=${SCHOOL}`));
		const x2 = after.students.find((s) => s.studentId === 'X2');
		expect(x2?.interventions).toMatchObject([
			{
				kind: 'letter_1',
				by: 'PKH',
				overdue: true,
				before: { rate: 0.8 },
				after: { rate: 1 },
				afterComplete: true,
				loggedAt: expect.stringMatching(/^2026-11-20T14:/) as string
			}
		]);
		expect(after.counts.overdueReviews).toBe(1);
		const csv = await get(`reports/pa?school=${SCHOOL}&format=csv`);
		expect(csv.text).toContain('2026-11-20,X2,"Tate, Ben",9,9X,persistent,86.8,13.2,86.8,13.2,');
		expect(csv.text).toContain(',1,letter_1,2026-10-19,2026-11-02,1\r\n');
	});

	it('refuses an intervention dated after today or reviewed before it, and one sent by an integration key', async () => {
		const future = { interventionId: 'int-2', studentId: 'X2', kind: 'home_visit', date: '2026-11-23', outcome: 'Planned' };
		const res = await postJson(`${server.url}/api/v1/attendance/interventions?school=${SCHOOL}`, future, coordinator.headers);
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([{ path: 'date', message: 'is after today (2026-11-20)' }]);
		const backwards = { interventionId: 'int-3', studentId: 'X2', kind: 'home_visit', outcome: 'Seen', nextReviewOn: '2026-11-01' };
		expect((await postJson(`${server.url}/api/v1/attendance/interventions?school=${SCHOOL}`, backwards, coordinator.headers)).status).toBe(400);
		const sent = await ingest(server, {
			id: 'int-key',
			schoolId: SCHOOL,
			type: 'attendance:intervention-logged',
			occurredAt: '2026-11-20T14:00:00.000Z',
			interventionId: 'int-key',
			studentId: 'X2',
			kind: 'letter_2',
			date: '2026-11-20',
			by: 'T1',
			outcome: 'From a key'
		});
		expect(sent.status).toBe(403);
	});

	it('bands the week per form, marks a form’s report as sent and lists when', async () => {
		const report = RagReport.parse(await json(`reports/rag?school=${SCHOOL}&week=2026-11-18`));
		expect(report).toMatchObject({ week: { from: '2026-11-16', to: '2026-11-22' }, bands: { green: 96, amber: 90 }, tutorsKnown: false });
		expect(report.groups.map((g) => g.formGroup)).toEqual(['9X', '9Y', '10Z']);
		expect(report.groups[0]?.students.find((s) => s.studentId === 'X6')).toMatchObject({ week: { rate: 0.6, band: 'red' }, dipped: true });
		const sent = await postJson(`${server.url}/api/v1/attendance/rag-sent?school=${SCHOOL}`, { week: '2026-11-18', formGroup: '9X' }, coordinator.headers);
		expect(sent.status).toBe(200);
		const after = RagReport.parse(await json(`reports/rag?school=${SCHOOL}&week=2026-11-16`));
		expect(after.groups[0]?.sent).toEqual([{ at: expect.stringMatching(/^2026-11-20T14:/) as string, by: 'PKH' }]);
		expect(after.groups[1]?.sent).toEqual([]);
		const unknown = await postJson(`${server.url}/api/v1/attendance/rag-sent?school=${SCHOOL}`, { week: '2026-11-18', formGroup: '7Q' }, coordinator.headers);
		expect(unknown.status).toBe(404);
		const csv = await get(`reports/rag?school=${SCHOOL}&week=2026-11-18&format=csv`);
		expect(csv.text).toContain('2026-11-16,9X,X6,"Xu, Finn",60,red,');
	});

	it('is not for patrol staff or the walls', async () => {
		for (const path of ['reports/attendance', 'reports/pa', 'reports/rag']) {
			expect((await get(`${path}?school=${SCHOOL}`, patrol)).status).toBe(403);
			expect((await get(`${path}?school=${SCHOOL}`, wall)).status).toBe(403);
		}
		const body = { interventionId: 'int-4', studentId: 'X2', kind: 'letter_2', outcome: 'x' };
		expect((await postJson(`${server.url}/api/v1/attendance/interventions?school=${SCHOOL}`, body, patrol.headers)).status).toBe(403);
		expect((await postJson(`${server.url}/api/v1/attendance/rag-sent?school=${SCHOOL}`, { week: '2026-11-18', formGroup: '9X' }, patrol.headers)).status).toBe(
			403
		);
	});
});
