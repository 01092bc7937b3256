import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandResult, CorrectionsReport, Snapshot, type InboundEventInput } from '../../server/protocol';
import { ingest, signIn, type SignedIn } from '../support/access';
import { dispatchReference } from '../support/dispatch-fixtures';
import { getJson, postJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'cancel-school';
const DAY = '2026-11-23';
const periods = [
	{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
	{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
	{ id: 'P3', name: 'Period 3', kind: 'lesson', startsAt: '11:00', endsAt: '12:00' }
];
const students = [
	{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley', yearGroup: 9, formGroup: '9N' },
	{ id: 'STU2', givenName: 'Ben', familyName: 'Okafor', yearGroup: 9, formGroup: '9N' }
];

const booking = (bookingId: string, studentId: string, periodId = 'P3'): InboundEventInput =>
	({
		id: `book-${bookingId}`,
		schoolId: SCHOOL,
		type: 'reflection:booked',
		occurredAt: `${DAY}T08:30:00Z`,
		bookingId,
		studentId,
		roomId: 'RR',
		periodId,
		startsAt: periodId === 'P3' ? `${DAY}T11:00:00Z` : `${DAY}T09:00:00Z`,
		endsAt: periodId === 'P3' ? `${DAY}T12:00:00Z` : `${DAY}T10:00:00Z`,
		reason: 'Truancy from registration',
		bookedBy: 'T1'
	}) as InboundEventInput;

const marks = (id: string, code: string, occurredAt: string): InboundEventInput =>
	({
		id,
		schoolId: SCHOOL,
		type: 'session:marked',
		occurredAt,
		date: DAY,
		session: 'AM',
		formGroup: '9N',
		takenBy: 'T1',
		marks: [{ studentId: 'STU1', code }]
	}) as InboundEventInput;

let server: TestServer;
let coordinator: SignedIn;
const clock = new ManualClock(`${DAY}T10:30:00Z`);
const url = (path: string) => `${server.url}/api/v1${path}${path.includes('?') ? '&' : '?'}school=${SCHOOL}`;
const cancel = (bookingId: string, body: unknown, person: SignedIn = coordinator) =>
	postJson(url(`/reflection/bookings/${bookingId}/cancel`), body, person.headers);
const corrections = async () => CorrectionsReport.parse((await getJson(url('/reports/corrections'), coordinator)).body);

beforeAll(async () => {
	server = await startTestServer({ clock });
	const events = [
		dispatchReference(SCHOOL, { periods, students }),
		marks('am', 'N', `${DAY}T08:45:00Z`),
		booking('bk-1', 'STU1'),
		booking('bk-2', 'STU2'),
		booking('bk-3', 'STU2', 'P1'),
		{ id: 'bk-3-in', schoolId: SCHOOL, type: 'reflection:checked-in', occurredAt: `${DAY}T09:02:00Z`, bookingId: 'bk-3' },
		{ id: 'bk-3-out', schoolId: SCHOOL, type: 'reflection:checked-out', occurredAt: `${DAY}T10:00:00Z`, bookingId: 'bk-3' },
		// The office corrects STU1's morning mark: the truancy the booking was for never was.
		marks('am-corrected', 'M', `${DAY}T10:20:00Z`)
	];
	expect((await ingest(server, events)).status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'C1' });
});
afterAll(() => server.close());

describe('a Reflection Room booking cancelled from the desk', () => {
	it('stores the cancel, clears the booking from the room and lists it with the mark corrected, once per student', async () => {
		const answer = await cancel('bk-1', { reason: 'AM mark corrected: at the dentist' });
		expect(answer.status).toBe(200);
		expect(CommandResult.parse(answer.body)).toMatchObject({ ok: true, data: { duplicate: false } });

		const report = await corrections();
		expect(report.notes).toEqual([]);
		expect(report.students).toHaveLength(1);
		expect(report.students[0]).toMatchObject({
			studentId: 'STU1',
			corrections: [{ session: 'AM', from: 'N', to: 'M' }],
			sanctions: [{ bookingId: 'bk-1', reason: 'AM mark corrected: at the dentist', by: 'CCO', at: `${DAY}T10:30:00.000Z` }],
			what: 'AM mark N changed to M; Reflection Room booking for Period 3 on Mon 23 Nov cleared: AM mark corrected: at the dentist',
			told: null
		});

		clock.advanceTo(`${DAY}T11:05:00Z`);
		const snapshot = Snapshot.parse((await getJson(`${server.url}/api/v1/snapshot?school=${SCHOOL}`, coordinator)).body);
		const room = snapshot.view.reflection.find((r) => r.id === 'RR');
		expect(room?.periods.find((p) => p.periodId === 'P3')?.booked).toBe(1);

		const told = await postJson(url('/attendance/parents-told'), { studentId: 'STU1', date: DAY }, coordinator.headers);
		expect(told.status).toBe(201);
		const after = await corrections();
		expect(after.students[0]?.told).toMatchObject({ at: `${DAY}T11:05:00.000Z` });
		const sheet = await fetch(url('/reports/corrections?format=csv'), { headers: { cookie: coordinator.cookie } });
		const lines = (await sheet.text()).trim().split('\n');
		expect(lines.map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
			'student_id,name,form_group,kind',
			'STU1,Amelia Hartley,9N,mark',
			'STU1,Amelia Hartley,9N,sanction'
		]);
	});

	it('refuses a body without a reason, naming the field, and stores nothing', async () => {
		const before = await corrections();
		for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(201) }, { reason: 'ok', extra: 1 }]) {
			const answer = await cancel('bk-2', body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
			expect(answer.body).toMatchObject({ ok: false, code: 'invalid_body' });
			if (!('extra' in body)) expect(answer.body).toMatchObject({ issues: [{ path: 'reason' }] });
		}
		expect(await corrections()).toEqual(before);
	});

	it('answers 404 naming the bookingId for a booking Lookout does not know, and 409 for one served or already cancelled', async () => {
		const unknown = await cancel('bk-nobody', { reason: 'Mark corrected' });
		expect(unknown).toMatchObject({
			status: 404,
			body: { code: 'not_found', issues: [{ path: 'bookingId', message: 'no Reflection Room booking has id bk-nobody' }] }
		});
		expect((await cancel('bk-3', { reason: 'Mark corrected' })).body).toMatchObject({ code: 'invalid_transition', issues: [{ path: 'bookingId' }] });
		expect((await cancel('bk-1', { reason: 'Again' })).status).toBe(409);
		expect((await corrections()).students.flatMap((s) => s.sanctions.map((c) => c.bookingId))).toEqual(['bk-1']);
	});

	it('is not for patrol staff', async () => {
		const patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
		const answer = await cancel('bk-2', { reason: 'Mark corrected' }, patrol);
		expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
	});

	it("takes the cancel from the school's own system with its integration key, and refuses one for an unknown booking", async () => {
		const sent = {
			id: 'mis-cancel-bk-2',
			schoolId: SCHOOL,
			type: 'reflection:cancelled',
			occurredAt: `${DAY}T11:10:00Z`,
			bookingId: 'bk-2',
			by: 'T1',
			reason: 'Withdrawn in the behaviour system: booked for the wrong student'
		};
		expect(await ingest(server, sent)).toMatchObject({ status: 200, body: { data: { accepted: 1 } } });
		expect(await ingest(server, sent)).toMatchObject({ status: 200, body: { data: { accepted: 0, duplicates: 1 } } });
		const refused = await ingest(server, [{ ...sent, id: 'mis-cancel-ghost', bookingId: 'ghost' }]);
		expect(refused).toMatchObject({ status: 404, body: { code: 'not_found', issues: [{ path: '[0].bookingId', index: 0 }] } });

		const report = await corrections();
		expect(report.students.map((s) => [s.studentId, s.sanctions.map((c) => c.by)])).toEqual([
			['STU1', ['CCO']],
			['STU2', ['JSM']]
		]);
	});
});
