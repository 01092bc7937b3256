import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, SuspensionReport, SuspensionStudents, type InboundEvent } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, deskSchoolFiles } from '../support/attendance-desk-school';
import { postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = DESK_SCHOOL;
let server: TestServer;
let coordinator: SignedIn;
let patrol: SignedIn;

async function get(path: string, who: SignedIn = coordinator): Promise<{ status: number; type: string; text: string }> {
	const res = await fetch(`${server.url}/api/v1/${path}`, { headers: { cookie: who.cookie } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
const report = async (query = '') => SuspensionReport.parse(JSON.parse((await get(`reports/suspensions?school=${SCHOOL}${query}`)).text));
const post = (path: string, body: unknown, who: SignedIn = coordinator) => postJson(`${server.url}/api/v1/${path}?school=${SCHOOL}`, body, who.headers);

async function logged(): Promise<InboundEvent[]> {
	const events: InboundEvent[] = [];
	for await (const { event } of server.store.read(SCHOOL)) events.push(event);
	return events;
}

const suspension = (studentId: string, date: string, sessions: number, extra: Record<string, unknown> = {}) => ({
	studentId,
	kind: 'suspension',
	starts: { date, session: 'AM' },
	sessions,
	reasons: ['VA', 'DB'],
	decisionMaker: 'Mrs K Head',
	notes: 'Swore at a teacher on the corridor',
	...extra
});

beforeAll(async () => {
	// Friday 20 November 2026, 14:00 in London.
	server = await startTestServer({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	const admin = await signIn(server, SCHOOL, 'admin');
	expect((await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files: deskSchoolFiles('2026-11-20') }, admin.headers)).status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'T1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'T2' });
});
afterAll(() => server.close());

describe('suspensions over HTTP', () => {
	it('records a suspension stamped by the server, and the attendance desk reads its sessions as E', async () => {
		const res = await post('suspensions', suspension('X1', '2026-11-18', 4));
		expect(res.status).toBe(201);
		const r = await report();
		expect(r.suspensions[0]).toMatchObject({ studentId: 'X1', name: 'Amy Stone', ends: '2026-11-19', days: 2, recordedBy: 'Mrs Priya Khan' });
		// X4 missed Wednesday 18 November (O); suspended that day, the register reads E. X1 was in: present stands.
		expect((await post('suspensions', suspension('X4', '2026-11-18', 2))).status).toBe(201);
		const attendance = JSON.parse((await get(`reports/attendance?school=${SCHOOL}&from=2026-11-18&to=2026-11-18&by=student`)).text) as {
			rows: { key: string; figures: { authorised: number; unauthorised: number } }[];
		};
		expect(attendance.rows.find((row) => row.key === 'X4')?.figures).toMatchObject({ authorised: 2, unauthorised: 0 });
		expect(attendance.rows.find((row) => row.key === 'X1')?.figures).toMatchObject({ authorised: 0, unauthorised: 0 });
	});

	it('refuses a suspension by field: an unknown reason, a fourth reason, no decision maker; nothing stored', async () => {
		const before = (await logged()).length;
		const res = await post('suspensions', suspension('X2', '2026-11-23', 2, { reasons: ['VA', 'XX', 'DB', 'TH'], decisionMaker: '' }));
		expect(res.status).toBe(400);
		const paths = ApiError.parse(res.body).issues?.map((i) => i.path);
		expect(paths).toEqual(['reasons', 'decisionMaker']);
		expect((await logged()).length).toBe(before);
	});

	it('refuses a suspension that takes the year over 45 days, naming sessions, and stores nothing', async () => {
		expect((await post('suspensions', suspension('Y1', '2026-09-07', 88))).status).toBe(201);
		const before = (await logged()).length;
		const res = await post('suspensions', suspension('Y1', '2026-11-23', 3));
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([
			expect.objectContaining({
				path: 'sessions',
				message: expect.stringMatching(/over the limit of 45: 44 already given, 1 day\(s\) \(2 sessions\) left/) as unknown
			})
		]);
		expect((await logged()).length).toBe(before);
		expect((await post('suspensions', suspension('Y1', '2026-11-23', 2))).status).toBe(201);
		expect((await report()).totals.find((t) => t.studentId === 'Y1')).toMatchObject({ yearDays: 45, yearLimit: 'crossed' });
	});

	it('records parents told, refusing a time in the future; flags the LA overdue', async () => {
		const { suspensionId } = (await report()).suspensions.find((s) => s.studentId === 'X1')!;
		expect((await post(`suspensions/${suspensionId}/notified`, { who: 'parents', how: 'phone', at: '2026-11-21T09:00:00Z' })).status).toBe(400);
		expect((await post(`suspensions/no-such/notified`, { who: 'parents', how: 'phone' })).status).toBe(404);
		expect((await post(`suspensions/${suspensionId}/notified`, { who: 'parents', how: 'letter' })).status).toBe(201);
		const row = (await report()).suspensions.find((s) => s.suspensionId === suspensionId)!;
		expect(row.notifications.map((n) => [n.who, n.told?.how ?? null, n.overdue])).toEqual([
			['parents', 'letter', false],
			['local_authority', null, false],
			['governors', null, false]
		]);
	});

	it('writes the log and the LA return as CSV with the columns an LA asks for', async () => {
		const log = await get(`reports/suspensions?school=${SCHOOL}&format=csv`);
		expect(log.type).toMatch(/text\/csv/);
		expect(log.text.split('\r\n')[0]).toMatch(
			/^suspension_id,student_id,student,form,kind,start_date,start_session,end_date,sessions,lunchtime,days,reason_1,reason_2,reason_3,decision_maker,/
		);
		const totals = await get(`reports/suspensions?school=${SCHOOL}&format=csv&table=totals`);
		expect(totals.text).toContain('Y1,Gina Abbott,9Y,autumn,45,45,N,N,crossed,crossed,crossed');
		const la = await get(`reports/suspensions/la-return?school=${SCHOOL}&term=autumn`);
		const lines = la.text.trim().split('\r\n');
		expect(lines[0]).toBe(
			'upn,student,form,category,start_date,start_session,end_date,sessions,lunchtime,reason_1,reason_2,reason_3,decision_maker,parents_told,la_told,governors_told,status,amended_on,withdrawn_on,withdrawal_reason'
		);
		expect(lines).toContain('X1,Amy Stone,9X,SUSP,2026-11-18,AM,2026-11-19,4,N,VA,DB,,Mrs K Head,2026-11-20,,,current,,,');
	});

	it('sets the school’s letter, refusing a placeholder it cannot fill by name', async () => {
		const bad = await post('suspensions/letter-template', { body: 'Dear {{parent}}, {{student}} is suspended.' });
		expect(bad.status).toBe(400);
		expect(ApiError.parse(bad.body).issues?.[0]?.message).toMatch(/\{\{parent\}\}/);
		expect((await post('suspensions/letter-template', { body: 'Dear parent, {{student}} is suspended from {{from}} to {{to}} for {{reasons}}.' })).status).toBe(
			200
		);
		const row = (await report()).suspensions.find((s) => s.studentId === 'X1')!;
		expect(row.letter).toBe(
			'Dear parent, Amy Stone is suspended from 18 November 2026 to 19 November 2026 for verbal abuse or threatening behaviour against an adult; persistent disruptive behaviour.'
		);
	});

	it('keeps patrol out, and an integration key may not send suspensions', async () => {
		expect((await get(`reports/suspensions?school=${SCHOOL}`, patrol)).status).toBe(403);
		expect((await post('suspensions', suspension('X2', '2026-11-23', 2), patrol)).status).toBe(403);
		const sent = await ingest(server, {
			id: 'sneak',
			schoolId: SCHOOL,
			type: 'suspension:recorded',
			occurredAt: '2026-11-20T10:00:00Z',
			suspensionId: 's',
			by: 'T1',
			...suspension('X2', '2026-11-23', 2)
		});
		expect(sent.status).toBe(403);
		expect(JSON.stringify(sent.body)).toContain('written by Lookout itself');
	});

	it('the log answers only the students it concerns; the record form finds others by search, audited, and patrol may not', async () => {
		const text = (await get(`reports/suspensions?school=${SCHOOL}`)).text;
		expect(JSON.parse(text)).not.toHaveProperty('students');
		const found = await get(`suspensions/students?school=${SCHOOL}&q=amy`);
		expect(found.status).toBe(200);
		expect(SuspensionStudents.parse(JSON.parse(found.text))).toEqual({ students: [{ studentId: 'X1', name: 'Amy Stone', formGroup: '9X' }], more: false });
		const audit = (await logged()).filter((e) => e.type === 'audit:recorded' && e.action === 'suspensions_viewed').at(-1);
		expect(audit).toMatchObject({ actorId: coordinator.userId, detail: 'student picker "amy": 1 student(s)' });
		const short = await get(`suspensions/students?school=${SCHOOL}&q=a`);
		expect(short.status).toBe(400);
		expect(ApiError.parse(JSON.parse(short.text)).issues).toEqual([{ path: 'q', message: 'type two characters or more' }]);
		expect((await get(`suspensions/students?school=${SCHOOL}&q=amy`, patrol)).status).toBe(403);
	});

	it('writes each look at the log to the audit log', async () => {
		const audits = (await logged()).filter((e) => e.type === 'audit:recorded' && e.action === 'suspensions_viewed');
		expect(audits.length).toBeGreaterThanOrEqual(5);
		expect(audits.at(-1)).toMatchObject({ actorId: coordinator.userId, actorRole: 'coordinator' });
	});
});
