import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, SuspensionReport, type InboundEvent } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, deskSchoolFiles } from '../support/attendance-desk-school';
import { postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = DESK_SCHOOL;
let server: TestServer;
let coordinator: SignedIn;
let patrol: SignedIn;

async function get(path: string): Promise<string> {
	const res = await fetch(`${server.url}/api/v1/${path}`, { headers: { cookie: coordinator.cookie } });
	return res.text();
}
const report = async () => SuspensionReport.parse(JSON.parse(await get(`reports/suspensions?school=${SCHOOL}`)));
const row = async (id: string) => (await report()).suspensions.find((s) => s.suspensionId === id);
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
	reasons: ['VA'],
	decisionMaker: 'Mrs K Head',
	notes: '',
	...extra
});

async function recorded(body: unknown): Promise<string> {
	const res = await post('suspensions', body);
	expect(res.status).toBe(201);
	return (res.body as { data: { suspensionId: string } }).data.suspensionId;
}

async function attendanceOf(studentId: string, date: string) {
	const rows = JSON.parse(await get(`reports/attendance?school=${SCHOOL}&from=${date}&to=${date}&by=student`)) as {
		rows: { key: string; figures: { authorised: number; unauthorised: number } }[];
	};
	return rows.rows.find((r) => r.key === studentId)?.figures;
}

beforeAll(async () => {
	// Friday 20 November 2026, 14:00 in London.
	server = await startTestServer({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	const admin = await signIn(server, SCHOOL, 'admin');
	expect((await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files: deskSchoolFiles('2026-11-20') }, admin.headers)).status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'T1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'T2' });
});
afterAll(() => server.close());

describe('amending and withdrawing suspensions over HTTP', () => {
	it('amends one: the log, the totals and the attendance desk’s E follow; parents told before are to be told again', async () => {
		// X4 missed Wednesday 18 November (O): suspended that day, it reads E.
		const id = await recorded(suspension('X4', '2026-11-18', 2));
		expect(await attendanceOf('X4', '2026-11-18')).toMatchObject({ authorised: 2, unauthorised: 0 });
		expect((await post(`suspensions/${id}/notified`, { who: 'parents', how: 'phone' })).status).toBe(201);
		const amended = await post(`suspensions/${id}/amend`, { ...suspension('X4', '2026-11-19', 2), why: 'the day was wrong' });
		expect(amended.status, JSON.stringify(amended.body)).toBe(201);
		expect(await attendanceOf('X4', '2026-11-18')).toMatchObject({ authorised: 0, unauthorised: 2 });
		const r = await row(id);
		expect(r).toMatchObject({ starts: { date: '2026-11-19' }, ends: '2026-11-19', amended: { why: 'the day was wrong', by: 'Mrs Priya Khan', times: 1 } });
		expect(r?.notifications.find((n) => n.who === 'parents')).toMatchObject({ retell: true, due: '2026-11-20' });
		expect(r?.letter).toContain('from 19 November 2026 to 19 November 2026');
		// The same again stores nothing.
		const before = (await logged()).length;
		const again = await post(`suspensions/${id}/amend`, { ...suspension('X4', '2026-11-19', 2), why: 'the day was wrong' });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ ok: true, data: { unchanged: true } });
		expect((await logged()).length).toBe(before);
	});

	it('refuses an amendment by field: another student, another kind, no reasons; and one past 45 days naming sessions', async () => {
		const id = await recorded(suspension('X2', '2026-11-23', 2));
		const before = (await logged()).length;
		const other = await post(`suspensions/${id}/amend`, suspension('X3', '2026-11-23', 2, { kind: 'permanent_exclusion' }));
		expect(other.status).toBe(400);
		expect(ApiError.parse(other.body).issues?.map((i) => i.path)).toEqual(['studentId', 'kind']);
		const bad = await post(`suspensions/${id}/amend`, suspension('X2', '2026-11-23', 2, { reasons: [] }));
		expect(ApiError.parse(bad.body).issues?.map((i) => i.path)).toEqual(['reasons']);
		const long = await recorded(suspension('Y1', '2026-09-07', 88));
		const short = await recorded(suspension('Y1', '2026-11-23', 1));
		expect((await logged()).length).toBe(before + 2);
		const over = await post(`suspensions/${short}/amend`, suspension('Y1', '2026-11-23', 3));
		expect(over.status).toBe(400);
		expect(ApiError.parse(over.body).issues?.[0]).toMatchObject({ path: 'sessions', message: expect.stringMatching(/44 already given/) as unknown });
		expect((await post(`suspensions/${short}/amend`, suspension('Y1', '2026-11-23', 2))).status).toBe(201);
		expect((await report()).totals.find((t) => t.studentId === 'Y1')).toMatchObject({ yearDays: 45, yearLimit: 'crossed' });
		expect(long).toBeTruthy();
	});

	it('withdraws one: out of the totals, in the log marked withdrawn with who, when and why; a second withdrawal stores nothing', async () => {
		const id = await recorded(suspension('X1', '2026-11-16', 12));
		expect((await report()).totals.find((t) => t.studentId === 'X1')).toMatchObject({ termDays: 6, provisionFrom: '2026-11-23' });
		const res = await post(`suspensions/${id}/withdraw`, { reason: 'reinstated_by_governors', note: 'Governors’ meeting' });
		expect(res.status).toBe(201);
		expect((await report()).totals.find((t) => t.studentId === 'X1')).toBeUndefined();
		expect(await row(id)).toMatchObject({ withdrawn: { reason: 'reinstated_by_governors', note: 'Governors’ meeting', by: 'Mrs Priya Khan' }, runDays: 0 });
		const before = (await logged()).length;
		expect((await post(`suspensions/${id}/withdraw`, { reason: 'not_served' })).body).toMatchObject({ ok: true, data: { duplicate: true } });
		expect((await logged()).length).toBe(before);
		const la = await get(`reports/suspensions/la-return?school=${SCHOOL}&term=autumn`);
		expect(la.split('\r\n').find((l) => l.startsWith('X1,') && l.includes('2026-11-16'))).toMatch(/,withdrawn,,2026-11-20,reinstated_by_governors$/);
	});

	it('refuses amending a withdrawn one (409), an unknown id (404 naming it) and a bad reason (400); keeps patrol and keys out', async () => {
		const id = await recorded(suspension('X3', '2026-11-24', 2));
		expect((await post(`suspensions/${id}/withdraw`, { reason: 'because' })).status).toBe(400);
		expect((await post(`suspensions/${id}/withdraw`, { reason: 'not_served' })).status).toBe(201);
		const late = await post(`suspensions/${id}/amend`, suspension('X3', '2026-11-24', 1));
		expect(late.status).toBe(409);
		expect(ApiError.parse(late.body)).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/withdrawn/) as unknown });
		const unknown = await post('suspensions/susp-nobody/withdraw', { reason: 'not_served' });
		expect(unknown.status).toBe(404);
		expect(ApiError.parse(unknown.body).message).toContain('"susp-nobody"');
		expect((await post(`suspensions/${id}/withdraw`, { reason: 'not_served' }, patrol)).status).toBe(403);
		const sent = await ingest(server, {
			id: 'sneak-w',
			schoolId: SCHOOL,
			type: 'suspension:withdrawn',
			occurredAt: '2026-11-20T10:00:00Z',
			suspensionId: id,
			reason: 'not_served',
			by: 'T1'
		});
		expect(sent.status).toBe(403);
	});
});
