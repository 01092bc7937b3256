import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ContactsAnswer, FirstDayReport } from '../../server/protocol';
import { issueKey, pairDevice, signIn, type SignedIn } from '../support/access';
import { getSnapshot, postJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'brookside';
const DAY = '2026-11-23';

/** A small school's export: three students in one form, marked at the AM register (S1 in, S2 N, S3 nothing). */
const FILES = {
	'school.csv': 'key,value\nname,Brookside School\ntimezone,Europe/London\nfirst_day_calls_by,09:40\n',
	'periods.csv': 'id,name,kind,starts_at,ends_at\nAMREG,Registration,registration,08:40,09:00\nP1,Period 1,lesson,09:00,10:00\nLUNCH,Lunch,lunch,12:00,12:45\n',
	'rooms.csv': 'id,name,category,level\nR1,Room 1,classroom,0\n',
	'students.csv': 'id,given_name,family_name,year_group,form_group\nS1,Amy,Stone,9,9X\nS2,Ben,Tate,9,9X\nS3,Cara,Ueda,9,9X\n',
	'staff.csv': 'id,title,given_name,family_name,code\nP1,Mrs,Jo,Hale,JHA\n',
	'session-marks.csv': `date,session,student_id,code\n${DAY},AM,S1,/\n${DAY},AM,S2,N\n`,
	'contacts.csv':
		'student_id,name,relationship,priority,phones,email,parental_responsibility,lives_with\n' +
		'S2,Dana Tate,Mother,1,07700 900111,dana@example.org,Y,Y\n' +
		'S2,Eric Tate,Father,2,07700 900222; 01632 960222,,Y,N\n' +
		'S3,+44 Cell,Grandmother,1,=1+1,,N,Y\n'
};

let server: TestServer;
let clock: ManualClock;
let admin: SignedIn;
let manager: SignedIn;

beforeAll(async () => {
	clock = new ManualClock(`${DAY}T09:15:00Z`);
	server = await startTestServer({ clock });
	admin = await signIn(server, SCHOOL, 'admin');
	manager = await signIn(server, SCHOOL, 'coordinator', { staffId: 'P1' });
	const imported = await postJson(`${server.url}/api/v1/import?school=${SCHOOL}`, { files: FILES }, admin.headers);
	expect(imported.status, JSON.stringify(imported.body)).toBe(200);
});
afterAll(() => server.close());

const report = async (who: SignedIn = manager) => {
	const res = await fetch(`${server.url}/api/v1/reports/first-day?school=${SCHOOL}`, { headers: { cookie: who.cookie } });
	expect(res.status).toBe(200);
	return FirstDayReport.parse(await res.json());
};
let n = 0;
const logCall = (studentId: string, contactIndex: number, outcome: string, reason?: string, who: SignedIn = manager) =>
	postJson(
		`${server.url}/api/v1/attendance/calls?school=${SCHOOL}`,
		{ callId: `t-${++n}`, studentId, contactIndex, outcome, ...(reason ? { reason } : {}) },
		who.headers
	);

describe('first-day calling over HTTP', () => {
	it('lists the imported school after the AM register closed, with contacts hidden', async () => {
		const list = await report();
		expect(list).toMatchObject({ date: DAY, closesAt: '09:10', callsBy: '09:40', open: true });
		expect(list.toCall.map((s) => [s.studentId, s.code, s.contacts, s.nextRelationship])).toEqual([
			['S2', 'N', 2, 'Mother'],
			['S3', null, 1, 'Grandmother']
		]);
		expect(JSON.stringify(list)).not.toMatch(/07700|Dana|dana@/);
		const snapshot = await getSnapshot(server.url, SCHOOL, manager);
		expect(snapshot.view.firstDayCalls).toEqual([{ id: 'first-day', date: DAY, open: 2, flagged: 0 }]);
		// Outside the named roles a group under five is withheld.
		const wall = await pairDevice(server.store, SCHOOL);
		expect((await getSnapshot(server.url, SCHOOL, { deviceToken: wall.token })).view.firstDayCalls).toEqual([
			{ id: 'first-day', date: DAY, open: null, flagged: 0 }
		]);
	});

	it('shows a family contacts only when asked, writing one audit entry per student', async () => {
		const res = await postJson(`${server.url}/api/v1/attendance/contacts?school=${SCHOOL}`, { studentId: 'S2' }, manager.headers);
		expect(res.status).toBe(200);
		const { contacts } = ContactsAnswer.parse(res.body).data;
		expect(contacts.map((c) => [c.name, c.phones])).toEqual([
			['Dana Tate', ['07700 900111']],
			['Eric Tate', ['07700 900222', '01632 960222']]
		]);
		const audit = await fetch(`${server.url}/api/v1/audit?school=${SCHOOL}`, { headers: { cookie: admin.cookie } });
		const entries = ((await audit.json()) as { data: { action: string; studentId: string | null; actorId: string }[] }).data;
		expect(entries.filter((e) => e.action === 'contacts_revealed')).toEqual([
			expect.objectContaining({ studentId: 'S2', actorId: manager.userId, detail: '2 contact(s) for first-day calling' })
		]);
	});

	it('offers the next contact after a failed call, and takes the student off once reached, with a correction request', async () => {
		expect((await logCall('S2', 0, 'no_answer')).status).toBe(200);
		expect((await report()).toCall[0]).toMatchObject({ studentId: 'S2', nextContactIndex: 1, nextRelationship: 'Father' });
		clock.advanceTo(`${DAY}T09:20:00Z`);
		expect((await logCall('S2', 1, 'reached', 'Dentist at 9, in by break')).status).toBe(200);
		const list = await report();
		expect(list.toCall.map((s) => s.studentId)).toEqual(['S3']);
		expect(list.reached[0]?.calls.map((c) => [c.relationship, c.outcome, c.by, c.at])).toEqual([
			['Mother', 'no_answer', 'JHA', `${DAY}T09:15:00.000Z`],
			['Father', 'reached', 'JHA', `${DAY}T09:20:00.000Z`]
		]);
		expect(list.corrections).toEqual([expect.objectContaining({ studentId: 'S2', session: 'AM', reason: 'Dentist at 9, in by break', by: 'JHA' })]);
		expect((await getSnapshot(server.url, SCHOOL, manager)).view.firstDayCalls[0]).toMatchObject({ open: 1, flagged: 0 });
	});

	it('flags those with nobody reached after the school time', async () => {
		clock.advanceTo(`${DAY}T09:41:00Z`);
		expect((await report()).toCall).toEqual([expect.objectContaining({ studentId: 'S3', flagged: true })]);
	});

	it('exports both tables as CSV, no cell of which runs as a formula', async () => {
		const list = await fetch(`${server.url}/api/v1/reports/first-day?school=${SCHOOL}&format=csv`, { headers: { cookie: manager.cookie } });
		expect(list.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(list.headers.get('content-disposition')).toContain(`${SCHOOL}-first-day-list-${DAY}.csv`);
		const text = await list.text();
		expect(text.split('\r\n').slice(1, 3)).toEqual([
			`${DAY},S3,Cara Ueda,9,9X,none,to_call,Y,0,,,Grandmother`,
			`${DAY},S2,Ben Tate,9,9X,N,reached,N,2,reached,${DAY}T09:20:00.000Z,`
		]);
		const corrections = await (
			await fetch(`${server.url}/api/v1/reports/first-day?school=${SCHOOL}&format=csv&table=corrections`, { headers: { cookie: manager.cookie } })
		).text();
		expect(corrections).toContain(`${DAY},AM,S2,Ben Tate,9X,"Dentist at 9, in by break",JHA,`);
		await logCall('S3', 0, 'reached', '=HYPERLINK("http://evil")');
		const spiked = await (
			await fetch(`${server.url}/api/v1/reports/first-day?school=${SCHOOL}&format=csv&table=corrections`, { headers: { cookie: manager.cookie } })
		).text();
		expect(spiked).toContain(`"'=HYPERLINK(""http://evil"")"`);
	});

	it('refuses a contact the student does not have, and writes down someone not on the staff list by their user id', async () => {
		const long = await postJson(
			`${server.url}/api/v1/attendance/calls?school=${SCHOOL}`,
			{ callId: 'x'.repeat(101), studentId: 'S3', contactIndex: 0, outcome: 'reached' },
			manager.headers
		);
		expect(ApiError.parse(long.body).issues?.[0]?.path).toBe('callId');
		const res = await logCall('S3', 4, 'reached');
		expect(res.status).toBe(400);
		expect(ApiError.parse(res.body).issues).toEqual([{ path: 'contactIndex', message: 'the student has 1 contact(s)' }]);
		const unlinked = await signIn(server, SCHOOL, 'slt');
		expect((await logCall('S3', 0, 'voicemail', undefined, unlinked)).status).toBe(200);
		expect((await report()).reached.find((s) => s.studentId === 'S3')?.calls.at(-1)).toMatchObject({ outcome: 'voicemail', by: unlinked.userId });
	});

	it('is not for patrol, walls or integration keys', async () => {
		const patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
		const wall = await pairDevice(server.store, SCHOOL);
		const asWall = { authorization: `Bearer ${wall.token}` };
		expect((await fetch(`${server.url}/api/v1/reports/first-day?school=${SCHOOL}`, { headers: { cookie: patrol.cookie } })).status).toBe(403);
		expect((await fetch(`${server.url}/api/v1/reports/first-day?school=${SCHOOL}`, { headers: asWall })).status).toBe(403);
		expect((await postJson(`${server.url}/api/v1/attendance/contacts?school=${SCHOOL}`, { studentId: 'S2' }, patrol.headers)).status).toBe(403);
		expect((await logCall('S3', 0, 'reached', undefined, patrol)).status).toBe(403);
		const key = await issueKey(server.store, SCHOOL);
		const sent = await postJson(
			`${server.url}/api/v1/events`,
			{
				id: 'x1',
				schoolId: SCHOOL,
				type: 'attendance:call-logged',
				occurredAt: `${DAY}T09:30:00Z`,
				callId: 'x1',
				studentId: 'S3',
				date: DAY,
				contactIndex: 0,
				outcome: 'reached',
				by: 'P1'
			},
			{ authorization: `Bearer ${key}` }
		);
		expect(sent.status).toBe(403);
		// The wall gets the count, and never a name.
		const snapshot = await getSnapshot(server.url, SCHOOL, { deviceToken: wall.token });
		expect(snapshot.view.firstDayCalls).toEqual([{ id: 'first-day', date: DAY, open: 0, flagged: 0 }]);
	});
});
