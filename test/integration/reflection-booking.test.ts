import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ApiError,
	OpenCoverRequests,
	ReflectionBookingRefused,
	ReflectionBookingResult,
	ReflectionDeskReport,
	ReflectionStudentReport
} from '../../server/protocol';
import { ingest, signIn, type SignedIn } from '../support/access';
import { dispatchReference } from '../support/dispatch-fixtures';
import { getJson, postJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';
import { postReflectionDeskDemo } from '../../simulators/reflection-desk-demo';

const SCHOOL = 'reflection-desk-school';
const DAY = '2026-11-23';
const periods = [
	{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
	{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
	{ id: 'P2', name: 'Period 2', kind: 'lesson', startsAt: '10:00', endsAt: '11:00' },
	{ id: 'P3', name: 'Period 3', kind: 'lesson', startsAt: '11:00', endsAt: '12:00' }
];
const students = ['Amelia Hartley', 'Ben Okafor', 'Chloe Price', 'Dev Shah', 'Erin Walsh'].map((name, i) => {
	const [givenName, familyName] = name.split(' ');
	return { id: `STU${i + 1}`, givenName, familyName, yearGroup: 9, formGroup: '9N' };
});
// T1 teaches 9N Maths in Period 1 (the lesson a booking then misses); Period 2 is English back in M1.
const timetable = [
	{ id: 'tt-ma', weekday: 1, periodId: 'P1', roomId: 'M1', staffId: 'T1', classId: '9N/Ma1', subject: 'Maths', studentIds: students.map((s) => s.id) },
	{ id: 'tt-en', weekday: 1, periodId: 'P2', roomId: 'M1', staffId: 'T1', classId: '9N/En1', subject: 'English', studentIds: students.map((s) => s.id) }
];

let server: TestServer;
let coordinator: SignedIn;
let patrol: SignedIn;
let teacher: SignedIn;
const clock = new ManualClock(`${DAY}T08:00:00Z`);
const url = (path: string) => `${server.url}/api/v1${path}${path.includes('?') ? '&' : '?'}school=${SCHOOL}`;
const book = (body: unknown, person: SignedIn = coordinator) => postJson(url('/reflection/bookings'), body, person.headers);
const desk = async () => ReflectionDeskReport.parse((await getJson(url(`/reports/reflection?from=${DAY}&days=1`), coordinator)).body);
const position = () => server.app.projections.state(SCHOOL).position;
const booking = (studentId: string, periodIds: string[]) => ({ studentId, roomId: 'RR', dates: [DAY], periodIds, reason: 'Defiance in Maths' });

beforeAll(async () => {
	server = await startTestServer({ clock });
	expect((await ingest(server, [dispatchReference(SCHOOL, { periods, students, timetable, reflectionRooms: [{ roomId: 'RR', capacity: 2 }] })])).status).toBe(
		200
	);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'C1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
	teacher = await signIn(server, SCHOOL, 'patrol', { staffId: 'T1' });
});
afterAll(() => server.close());

describe('booking the Reflection Room from the desk', () => {
	it('books one period per event, with the lesson missed from the timetable', async () => {
		const answer = await book(booking('STU1', ['P1']));
		expect(answer.status).toBe(201);
		const { data } = ReflectionBookingResult.parse(answer.body);
		expect(data.bookings).toEqual([expect.objectContaining({ date: DAY, periodId: 'P1', lessonMissed: '9N/Ma1 Maths (M1 Maths, JSM)' })]);
		expect((await book(booking('STU2', ['P1']))).status).toBe(201);
		const period1 = (await desk()).days[0]?.periods.find((p) => p.periodId === 'P1');
		expect(period1?.rooms[0]).toMatchObject({ booked: 2, capacity: 2, gap: true });
	});

	it('refuses the whole request when a period is full, naming it and offering the next free one, and stores nothing', async () => {
		const before = position();
		const answer = await book(booking('STU3', ['P1', 'P2']));
		expect(answer.status).toBe(409);
		const refused = ReflectionBookingRefused.parse(answer.body);
		expect(refused.code).toBe('room_full');
		expect(refused.message).toContain('Period 1 on 2026-11-23');
		expect(refused.message).toContain('nothing was stored');
		expect(refused.full).toEqual([{ date: DAY, periodId: 'P1', name: 'Period 1' }]);
		// Period 2 was asked for already, so the offer is the period after it.
		expect(refused.nextFree).toEqual([{ date: DAY, periodId: 'P3', name: 'Period 3' }]);
		expect(position()).toBe(before);
		const bookings = (await desk()).days[0]?.bookings ?? [];
		expect(bookings.map((b) => b.student.id).sort()).toEqual(['STU1', 'STU2']);
		expect((await book(booking('STU3', ['P3']))).status).toBe(201);
	});

	it('refuses the same student twice in one period', async () => {
		const before = position();
		const answer = await book(booking('STU1', ['P1']));
		expect(answer.status).toBe(409);
		expect(ApiError.parse(answer.body)).toMatchObject({
			code: 'invalid_transition',
			message: expect.stringContaining('Amelia Hartley is already booked in Period 1')
		});
		expect(position()).toBe(before);
	});

	it('gives the last place to exactly one of two bookings sent at once', async () => {
		const answers = await Promise.all([book(booking('STU4', ['P3'])), book(booking('STU5', ['P3']))]);
		expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
		const period3 = (await desk()).days[0]?.periods.find((p) => p.periodId === 'P3');
		expect(period3?.rooms[0]?.booked).toBe(2);
	});

	it('answers a bad body with 400 naming the field, and a patrol phone may not book', async () => {
		const bad = await book({ ...booking('STU4', ['P2']), dates: ['23/11/2026'] });
		expect(bad.status).toBe(400);
		expect(ApiError.parse(bad.body).issues?.[0]?.path).toBe('dates[0]');
		const unknownRoom = await book({ ...booking('STU4', ['P2']), roomId: 'M1' });
		expect(ApiError.parse(unknownRoom.body).issues?.[0]).toMatchObject({ path: 'roomId' });
		const notClosed = await book({ ...booking('STU4', ['P2']), source: { kind: 'oncall', requestId: 'no-such-call' } });
		expect(ApiError.parse(notClosed.body).issues?.[0]).toMatchObject({ path: 'source' });
		expect((await book(booking('STU4', ['P2']), patrol)).status).toBe(403);
	});

	it("keeps each student's history, with the lessons of the day for the form", async () => {
		const answer = await getJson(url(`/reports/reflection/student?student=STU1&date=${DAY}`), coordinator);
		const report = ReflectionStudentReport.parse(answer.body);
		expect(report.bookings).toEqual([expect.objectContaining({ period: 'Period 1', returnsTo: '9N/En1 English (M1 Maths, JSM)', source: 'by hand' })]);
		expect(report.lessons.map((l) => l.periodId)).toEqual(['P1', 'P2']);
		const csv = await fetch(url(`/reports/reflection?from=${DAY}&days=1&format=csv`), { headers: coordinator.headers });
		expect((await csv.text()).split('\r\n')[0]).toMatch(/^date,period,starts_at/);
	});
});

describe('cover for the Reflection Room', () => {
	const slot = { roomId: 'RR', date: DAY, periodId: 'P1' };
	const openFor = async (person: SignedIn) => OpenCoverRequests.parse((await getJson(url('/reflection/cover'), person)).body);

	it('is asked for by the coordinator and taken by a member of staff free that period, from their phone', async () => {
		expect((await postJson(url('/reflection/cover'), slot, coordinator.headers)).status).toBe(201);
		expect((await postJson(url('/reflection/cover'), slot, patrol.headers)).status).toBe(403);
		// T1 teaches Period 1: the request is not on their phone, and they may not take it.
		expect(await openFor(teacher)).toEqual([]);
		const refused = await postJson(url('/reflection/cover/take'), slot, teacher.headers);
		expect([refused.status, ApiError.parse(refused.body).code]).toEqual([409, 'staff_unavailable']);
		expect(await openFor(patrol)).toEqual([expect.objectContaining({ periodId: 'P1', period: 'Period 1', booked: 2 })]);
		expect((await postJson(url('/reflection/cover/take'), slot, patrol.headers)).status).toBe(200);
		const cell = (await desk()).days[0]?.periods.find((p) => p.periodId === 'P1')?.rooms[0];
		expect(cell).toMatchObject({ supervisor: { id: 'P1', code: 'PRO' }, gap: false, cover: { requestedBy: 'CCO', takenBy: { id: 'P1', code: 'PRO' } } });
		const again = await postJson(url('/reflection/cover/take'), slot, coordinator.headers);
		expect([again.status, ApiError.parse(again.body).code]).toEqual([409, 'invalid_transition']);
		expect(await openFor(patrol)).toEqual([]);
		const rota = await fetch(url(`/reports/reflection?from=${DAY}&days=1&format=csv&table=rota`), { headers: coordinator.headers });
		expect(await rota.text()).toContain(`${DAY},Period 1,RR,2,2,PRO,no,CCO,`);
	});
});

describe("the demo's Reflection Room desk", () => {
	it("books the next school day's first period by hand and asks cover for it, through the routes", async () => {
		expect(await postReflectionDeskDemo({ url: server.url, schoolId: SCHOOL, headers: coordinator.headers }, DAY, 11)).toBe(3);
		const next = ReflectionDeskReport.parse((await getJson(url('/reports/reflection?from=2026-11-24&days=1'), coordinator)).body).days[0];
		expect(next?.periods[0]?.rooms[0]).toMatchObject({ booked: 2, gap: true, cover: { requestedBy: 'CCO', takenBy: null } });
	});
});
