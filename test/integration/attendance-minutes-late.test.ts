import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionsReport, MinutesLateReport } from '../../server/protocol';
import { ingest, pairDevice, signIn, type SignedIn } from '../support/access';
import { getJson, postJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'latecomers';
const FILES = {
	'school.csv': 'key,value\nname,Latecomers Academy\ntimezone,Europe/London\nlate_letter_minutes,45\n',
	'periods.csv':
		'id,name,kind,starts_at,ends_at,weekdays,year_groups\nAMREG,Registration,registration,08:40,09:00,,\nP1,Period 1,lesson,09:00,10:00,,\nLUNCH,Lunch,lunch,12:00,12:45,,\nPMREG,Registration,registration,12:45,13:00,,\n',
	'rooms.csv': 'id,name,category,level\nM1,M1 Maths,classroom,0\n',
	'students.csv':
		'id,given_name,family_name,year_group,form_group,sen,medical,safeguarding\nS1,Amelia,Hartley,9,9N,N,N,N\nS2,Ben,Okafor,9,9N,N,N,N\nS3,=Cara,Ueda,9,9N,N,N,N\n',
	'staff.csv': 'id,title,given_name,family_name,code,base_room_id\nT1,Ms,Jo,Smith,JSM,\n'
};
// Monday 23 to Friday 27 November 2026.
const MARKS = [
	'date,session,student_id,code,minutes_late',
	'2026-11-23,AM,S1,L,20',
	'2026-11-23,AM,S2,/,',
	'2026-11-23,AM,S3,U,40',
	'2026-11-24,AM,S1,U,35',
	'2026-11-24,PM,S2,L,5',
	'2026-11-27,AM,S1,/,',
	'2026-11-27,AM,S2,N,'
];

let server: TestServer;
let clock: ManualClock;
let admin: SignedIn;
let coordinator: SignedIn;
let patrol: SignedIn;
let wall: { token: string };

const url = (path: string) => `${server.url}/api/v1${path}${path.includes('?') ? '&' : '?'}school=${SCHOOL}`;
const upload = (marks: string[]) => postJson(url('/import'), { files: { ...FILES, 'session-marks.csv': marks.join('\n') + '\n' } }, admin.headers);
const report = async (who: SignedIn = coordinator) => {
	const answer = await getJson(url('/reports/minutes-late?from=2026-11-23&to=2026-11-27'), who);
	expect(answer.status).toBe(200);
	return MinutesLateReport.parse(answer.body);
};
const csv = async (path: string, who: SignedIn) => {
	const res = await fetch(url(path), { headers: { cookie: who.cookie } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

beforeAll(async () => {
	clock = new ManualClock('2026-11-27T08:50:00Z');
	server = await startTestServer({ clock });
	admin = await signIn(server, SCHOOL, 'admin');
	expect((await upload(MARKS)).status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator');
	patrol = await signIn(server, SCHOOL, 'patrol');
	wall = await pairDevice(server.store, SCHOOL);
});
afterAll(() => server.close());

describe('minutes late, the letter home and same-day corrections over HTTP', () => {
	it('reports marks imported from session-marks.csv: L and U counts, minutes, weekday and session, the threshold from school.csv', async () => {
		const r = await report();
		expect(r).toMatchObject({ school: 'Latecomers Academy', from: '2026-11-23', to: '2026-11-27', today: '2026-11-27', thresholdMinutes: 45 });
		expect(r.students.map((s) => [s.studentId, s.lateL, s.lateU, s.minutes, s.overThreshold])).toEqual([
			['S1', 1, 1, 55, true],
			['S3', 0, 1, 40, false],
			['S2', 1, 0, 5, false]
		]);
		expect(r.byWeekday.map((g) => [g.label, g.lates, g.minutes])).toEqual([
			['Monday', 2, 60],
			['Tuesday', 2, 40]
		]);
		expect(r.letters.map((l) => l.studentId)).toEqual(['S1']);
		expect(r.letters[0]?.text).toContain('Amelia Hartley (9N) arrived late to school 2 times, missing 55 minutes');
	});

	it('exports the table as CSV, a name starting with = kept from running as a formula', async () => {
		const answer = await csv('/reports/minutes-late?from=2026-11-23&to=2026-11-27&format=csv', coordinator);
		expect(answer.status).toBe(200);
		expect(answer.type).toMatch(/^text\/csv/);
		const lines = answer.text.trim().split('\n');
		expect(lines[0]).toBe(
			'student_id,name,form_group,year_group,late_l,late_u,minutes_late,lesson_lates,lesson_minutes,letter_due,letter_sent_at,letter_sent_by'
		);
		expect(lines[1]).toBe('S1,Amelia Hartley,9N,9,1,1,55,0,0,yes,,');
		expect(lines[2]).toBe("S3,'=Cara Ueda,9N,9,0,1,40,0,0,no,,");
	});

	it('refuses a range that runs backwards or a date that is not one', async () => {
		const backwards = await getJson(url('/reports/minutes-late?from=2026-11-27&to=2026-11-23'), coordinator);
		expect(backwards).toMatchObject({ status: 400, body: { code: 'invalid_query', issues: [{ path: 'from' }] } });
		expect((await getJson(url('/reports/minutes-late?from=27/11/2026'), coordinator)).status).toBe(400);
	});

	it("refuses a template with a placeholder it cannot fill, naming it; takes the school's own and fills it", async () => {
		const refused = await postJson(
			url('/attendance/letter-template'),
			{ kind: 'minutes_late', body: 'Dear {{parent}}, {{student}} {{Lates}}' },
			coordinator.headers
		);
		expect(refused.status).toBe(400);
		expect(JSON.stringify(refused.body)).toContain('{{parent}}, {{Lates}}');
		const body = 'Dear parent or carer,\n{{student}} of {{form}} was late {{lates}} times ({{minutes}} minutes) from {{from}} to {{to}}.\n{{school}}, {{date}}';
		const set = await postJson(url('/attendance/letter-template'), { kind: 'minutes_late', body }, coordinator.headers);
		expect(set.status).toBe(200);
		const r = await report();
		expect(r.template).toMatchObject({ body, setAt: '2026-11-27T08:50:00.000Z', setBy: coordinator.session.displayName });
		expect(r.letters[0]?.text).toBe(
			'Dear parent or carer,\nAmelia Hartley of 9N was late 2 times (55 minutes) from 23 November 2026 to 27 November 2026.\nLatecomers Academy, 27 November 2026'
		);
	});

	it('records a letter as sent, stamped by the server with who sent it', async () => {
		clock.advanceTo('2026-11-27T09:10:00Z');
		const sent = await postJson(
			url('/attendance/letters/sent'),
			{ studentId: 'S1', kind: 'minutes_late', from: '2026-11-23', to: '2026-11-27' },
			coordinator.headers
		);
		expect(sent.status).toBe(201);
		const [letter] = (await report()).letters;
		expect(letter?.sent).toEqual([
			{ letterId: (sent.body as { data: { letterId: string } }).data.letterId, at: '2026-11-27T09:10:00.000Z', by: coordinator.session.displayName }
		]);
		const unknown = await postJson(
			url('/attendance/letters/sent'),
			{ studentId: 'NOPE', kind: 'minutes_late', from: '2026-11-23', to: '2026-11-27' },
			coordinator.headers
		);
		expect(unknown).toMatchObject({ status: 404, body: { issues: [{ path: 'studentId' }] } });
	});

	it('lists a mark corrected today by a second import, and records the family told', async () => {
		clock.advanceTo('2026-11-27T11:00:00Z');
		expect((await upload(MARKS.map((line) => (line === '2026-11-27,AM,S2,N,' ? '2026-11-27,AM,S2,M,' : line)))).status).toBe(200);
		const answer = await getJson(url('/reports/corrections?date=2026-11-27'), coordinator);
		const corrections = CorrectionsReport.parse(answer.body);
		expect(corrections.students.map((s) => [s.studentId, s.what, s.told])).toEqual([['S2', 'AM mark N changed to M', null]]);

		const told = await postJson(url('/attendance/parents-told'), { studentId: 'S2', date: '2026-11-27' }, coordinator.headers);
		expect(told.status).toBe(201);
		const after = CorrectionsReport.parse((await getJson(url('/reports/corrections'), coordinator)).body);
		expect(after.students[0]?.told).toEqual({ at: '2026-11-27T11:00:00.000Z', by: coordinator.session.displayName });
		const notCorrected = await postJson(url('/attendance/parents-told'), { studentId: 'S1', date: '2026-11-27' }, coordinator.headers);
		expect(notCorrected.status).toBe(404);

		const sheet = await csv('/reports/corrections?date=2026-11-27&format=csv', coordinator);
		expect(sheet.text.split('\n')[1]).toBe(
			`S2,Ben Okafor,9N,mark,2026-11-27,AM,N,M,,2026-11-27T11:00:00.000Z,import,2026-11-27T11:00:00.000Z,${coordinator.session.displayName}`
		);
	});

	it('is not for patrol phones, wall screens or integration keys', async () => {
		for (const path of ['/reports/minutes-late', '/reports/corrections']) {
			expect((await getJson(url(path), patrol)).status).toBe(403);
			expect((await getJson(url(path), { deviceToken: wall.token })).status).toBe(403);
		}
		const posts: [string, unknown][] = [
			['/attendance/letter-template', { kind: 'minutes_late', body: 'Dear parent' }],
			['/attendance/letters/sent', { studentId: 'S1', kind: 'minutes_late', from: '2026-11-23', to: '2026-11-27' }],
			['/attendance/parents-told', { studentId: 'S2', date: '2026-11-27' }]
		];
		for (const [path, body] of posts) expect((await postJson(url(path), body, patrol.headers)).status).toBe(403);
		const forged = await ingest(server, {
			id: 'forged-letter',
			schoolId: SCHOOL,
			type: 'attendance:letter-sent',
			occurredAt: '2026-11-27T09:00:00Z',
			letterId: 'forged',
			studentId: 'S1',
			kind: 'minutes_late',
			from: '2026-11-23',
			to: '2026-11-27',
			by: 'someone'
		});
		expect(forged.status).toBe(403);
	});
});
