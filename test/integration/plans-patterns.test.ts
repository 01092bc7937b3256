import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, BehaviourWeekly, Chronology, CommandResult, PatternsReport } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, deskSchoolFiles } from '../support/attendance-desk-school';
import { postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = DESK_SCHOOL;
let server: TestServer;
let admin: SignedIn;
let coordinator: SignedIn;
let patrol: SignedIn;

async function get(path: string, who: SignedIn = coordinator): Promise<{ status: number; type: string; text: string }> {
	const res = await fetch(`${server.url}/api/v1/${path}`, { headers: { cookie: who.cookie } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
const post = (path: string, body: unknown, who: SignedIn = coordinator) => postJson(`${server.url}/api/v1/${path}?school=${SCHOOL}`, body, who.headers);
async function logged() {
	const all = [];
	for await (const stored of server.store.read(SCHOOL)) all.push(stored);
	return all;
}
const eventsOfType = async (type: string) => (await logged()).filter((s) => s.event.type === type);

const behaviour = (id: string, at: string, studentIds: string[]) => ({
	id,
	schoolId: SCHOOL,
	type: 'behaviour:recorded',
	occurredAt: at,
	polarity: 'negative',
	category: 'disruption',
	severity: 2,
	points: -2,
	locationId: 'M1',
	studentIds,
	staffId: 'T1'
});

const PLAN = {
	planId: 'plan-x1',
	studentId: 'X1',
	kind: 'support',
	targets: ['Arrive to lessons on time', 'Use the time-out card'],
	actions: [
		{ actionId: 'a1', what: 'Weekly mentoring', owner: 'T1', due: '2026-11-23' },
		{ actionId: 'a2', what: 'Call home on Friday', owner: 'T2', due: '2026-11-27' }
	],
	reviewOn: '2026-12-04'
};

beforeAll(async () => {
	// Friday 20 November 2026, 14:00 in London.
	server = await startTestServer({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	admin = await signIn(server, SCHOOL, 'admin');
	const imported = await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files: deskSchoolFiles('2026-11-20') }, admin.headers);
	expect(imported.status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'T1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'T2' });
	const sent = await ingest(server, [
		behaviour('b1', '2026-11-16T09:10:00Z', ['X1', 'Y1']),
		behaviour('b2', '2026-11-18T09:20:00Z', ['X1']),
		behaviour('b3', '2026-10-14T09:20:00Z', ['X1'])
	]);
	expect(sent.status).toBe(200);
});
afterAll(() => server.close());

describe('plans, TAP minutes and a student chronology over HTTP', () => {
	it('records a plan stamped by the server, ticks an action done, and refuses a second tick', async () => {
		const recorded = await post('plans', PLAN);
		expect(recorded.status).toBe(200);
		expect(CommandResult.parse(recorded.body)).toMatchObject({ ok: true, data: { id: 'plan-plan-x1', duplicate: false } });
		const [stored] = await eventsOfType('plan:recorded');
		expect(stored?.event).toMatchObject({ type: 'plan:recorded', by: 'T1', occurredAt: expect.stringMatching(/^2026-11-20T14:00/) as unknown });
		expect((await post('plans/plan-x1/actions/a1/done', {})).status).toBe(200);
		const again = await post('plans/plan-x1/actions/a1/done', {});
		expect(again.status).toBe(409);
		expect((await post('plans/plan-x1/actions/nope/done', {})).status).toBe(404);
	});

	it('minutes a TAP meeting with staff and others by role', async () => {
		const res = await post('tap-minutes', {
			meetingId: 'tap-1',
			studentId: 'X1',
			date: '2026-11-19',
			attendees: [{ staffId: 'T1' }, { role: 'parent/carer', name: 'Ms Stone' }, { role: 'school nurse' }],
			summary: 'Agreed a reduced timetable for two weeks.',
			actions: [{ actionId: 't1', what: 'Refer to the school nurse', owner: 'T2', due: '2026-11-19' }]
		});
		expect(res.status).toBe(200);
	});

	it('refuses a bad body naming the field, and stores nothing', async () => {
		const before = (await logged()).length;
		const noTargets = await post('plans', { ...PLAN, planId: 'plan-bad', targets: [] });
		expect(noTargets.status).toBe(400);
		expect(ApiError.parse(noTargets.body).issues?.[0]?.path).toBe('targets');
		const badOwner = await post('plans', { ...PLAN, planId: 'plan-bad', actions: [{ actionId: 'a1', what: 'x', owner: 'NOBODY', due: '2026-12-01' }] });
		expect(badOwner.status).toBe(400);
		expect(ApiError.parse(badOwner.body).issues).toEqual([{ path: 'actions[0].owner', message: 'is not a member of staff of this school' }]);
		const badAttendee = await post('tap-minutes', {
			meetingId: 'tap-bad',
			studentId: 'X1',
			date: '2026-11-19',
			attendees: [{ who: 'x' }],
			summary: 'x',
			actions: []
		});
		expect(badAttendee.status).toBe(400);
		expect(ApiError.parse(badAttendee.body).issues?.[0]?.path).toMatch(/^attendees\[0\]/);
		expect((await logged()).length).toBe(before);
	});

	it('gives the chronology as JSON and CSV, with overdue actions flagged, and audits each view', async () => {
		const res = await get(`reports/chronology?school=${SCHOOL}&student=X1`);
		expect(res.status).toBe(200);
		const c = Chronology.parse(JSON.parse(res.text));
		expect(c.items.filter((i) => i.kind === 'behaviour').map((i) => i.date)).toEqual(['2026-10-14', '2026-11-16', '2026-11-18']);
		expect(c.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['plan', 'tap']));
		expect(c.plans[0]?.actions.map((a) => [a.actionId, a.doneAt !== null, a.overdue])).toEqual([
			['a1', true, false],
			['a2', false, false]
		]);
		expect(c.tapMeetings[0]?.attendees).toEqual(['Mrs Priya Khan', 'Ms Stone (parent/carer)', 'school nurse']);
		expect(c.tapMeetings[0]?.actions[0]?.overdue).toBe(true);
		expect(c.overdue).toEqual({ actions: 1, reviews: 0 });
		expect(c.weeks.length).toBeGreaterThan(10);
		const csv = await get(`reports/chronology?school=${SCHOOL}&student=X1&format=csv`);
		expect(csv.type).toMatch(/text\/csv/);
		expect(csv.text.split('\r\n')[0]).toBe('kind,date,time,what,detail,staff,status');
		expect(csv.text).toContain('tap_action,2026-11-19,,tap-1,Refer to the school nurse,Mr Dan Jones (T2),overdue');
		const audit = JSON.parse((await get(`audit?school=${SCHOOL}`, admin)).text) as { data: { action: string; studentId: string | null; detail: string }[] };
		const viewed = audit.data.filter((e) => e.action === 'chronology_viewed');
		expect(viewed.map((e) => [e.studentId, e.detail])).toEqual([
			['X1', 'chronology to 2026-11-20 as csv'],
			['X1', 'chronology to 2026-11-20 as json']
		]);
	});

	it('keeps plans, chronologies and patterns from patrol staff', async () => {
		expect((await post('plans', { ...PLAN, planId: 'plan-p' }, patrol)).status).toBe(403);
		expect((await get(`reports/chronology?school=${SCHOOL}&student=X1`, patrol)).status).toBe(403);
		expect((await get(`reports/patterns?school=${SCHOOL}`, patrol)).status).toBe(403);
	});

	it('counts a call closed with the student removed to the Reflection Room, and the minutes they spent there', async () => {
		const step = (n: number, type: string, at: string, extra: Record<string, unknown> = {}) => ({
			id: `r1-${n}`,
			schoolId: SCHOOL,
			type,
			occurredAt: at,
			requestId: 'r1',
			by: 'T2',
			...extra
		});
		const sent = await ingest(server, [
			{
				id: 'r1-0',
				schoolId: SCHOOL,
				type: 'oncall:raised',
				occurredAt: '2026-11-19T09:10:00Z',
				requestId: 'r1',
				locationId: 'M1',
				reason: 'disruption',
				priority: 'routine',
				studentIds: ['X1'],
				raisedBy: 'T1'
			},
			step(1, 'oncall:acknowledged', '2026-11-19T09:11:00Z'),
			step(2, 'oncall:dispatched', '2026-11-19T09:11:30Z', { staffId: 'T2' }),
			step(3, 'oncall:en-route', '2026-11-19T09:12:00Z'),
			step(4, 'oncall:on-scene', '2026-11-19T09:14:00Z'),
			step(5, 'oncall:closed', '2026-11-19T09:20:00Z', { disposition: 'removed_to_reflection' }),
			{
				id: 'bk-1',
				schoolId: SCHOOL,
				type: 'reflection:booked',
				occurredAt: '2026-11-19T09:20:00Z',
				bookingId: 'bk-1',
				studentId: 'X1',
				roomId: 'M1',
				periodId: 'P1',
				startsAt: '2026-11-19T09:00:00Z',
				endsAt: '2026-11-19T10:00:00Z',
				reason: 'Removed from Maths',
				bookedBy: 'T2'
			},
			{ id: 'bk-1-in', schoolId: SCHOOL, type: 'reflection:checked-in', occurredAt: '2026-11-19T09:25:00Z', bookingId: 'bk-1' },
			{ id: 'bk-1-out', schoolId: SCHOOL, type: 'reflection:checked-out', occurredAt: '2026-11-19T10:00:00Z', bookingId: 'bk-1' }
		]);
		expect(sent.status, JSON.stringify(sent.body)).toBe(200);
		const patterns = PatternsReport.parse(JSON.parse((await get(`reports/patterns?school=${SCHOOL}`)).text));
		expect(patterns.removals).toMatchObject({
			removals: { thisHalf: 1, lastHalf: 0 },
			pupilsRemoved: { thisHalf: 1 },
			minutesOutOfLessons: { thisHalf: 35 },
			trend: 'unknown'
		});
		expect(patterns.groups.teacher?.find((r) => r.key === 'T1')?.thisHalf).toEqual({ negative: 2, removals: 1, bookings: 0 });
		const c = Chronology.parse(JSON.parse((await get(`reports/chronology?school=${SCHOOL}&student=X1`)).text));
		expect(c.items.filter((i) => i.kind === 'oncall' || i.kind === 'reflection').map((i) => [i.kind, i.detail])).toEqual([
			['reflection', 'Removed from Maths; checked in and out'],
			['oncall', 'M1 Maths, routine; removed to reflection']
		]);
	});

	it('gives patterns this half term against the last and the weekly report, as JSON and CSV', async () => {
		const patterns = PatternsReport.parse(JSON.parse((await get(`reports/patterns?school=${SCHOOL}`)).text));
		expect(patterns.thisHalf).toMatchObject({ term: 'autumn', half: 2 });
		expect(patterns.groups.teacher).toEqual([
			{ key: 'T1', label: 'PKH', thisHalf: { negative: 2, removals: 1, bookings: 0 }, lastHalf: { negative: 1, removals: 0, bookings: 0 } }
		]);
		expect(patterns.groups.weekday?.map((r) => [r.label, r.thisHalf.negative, r.lastHalf.negative])).toEqual([
			['Monday', 1, 0],
			['Wednesday', 1, 1],
			['Thursday', 0, 0]
		]);
		// Fifteen students, none with SEND recorded: one group of 15; a count of 2 negative events is blanked.
		expect(patterns.characteristics.find((c) => c.key === 'none')).toMatchObject({ students: 15, suppressed: false, thisHalf: { negative: null } });
		const csv = await get(`reports/patterns?school=${SCHOOL}&format=csv`);
		expect(csv.text).toContain('teacher,T1,PKH,2,1,0,1,0,0');
		expect(csv.text).toContain('removals,minutes_out_of_lessons,Minutes in the Reflection Room,,35,,,0,,,,,');
		const weekly = BehaviourWeekly.parse(JSON.parse((await get(`reports/behaviour-weekly?school=${SCHOOL}&week=2026-11-16`)).text));
		expect(weekly.totals.thisWeek).toMatchObject({ negative: 2 });
		expect(weekly.plans).toMatchObject({ recorded: 1, tapMeetings: 1, overdueActions: 1 });
		const weeklyCsv = await get(`reports/behaviour-weekly?school=${SCHOOL}&week=2026-11-16&format=csv`);
		expect(weeklyCsv.type).toMatch(/text\/csv/);
		expect(weeklyCsv.text).toContain('plans,overdue_actions,Overdue actions,1');
	});
});
