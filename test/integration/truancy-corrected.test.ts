import { afterEach, describe, expect, it } from 'vitest';
import { TruancyReport, type Delta, type InboundEventInput, type TruancyItem } from '../../server/protocol';
import { ingest, signIn } from '../support/access';
import { connectClient } from '../support/client';
import { dispatchReference } from '../support/dispatch-fixtures';
import { SCHOOL } from '../support/events';
import { getJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(() => server?.close());

const DAY = '2026-11-23';
const lesson = {
	id: 'L1',
	periodId: 'P1',
	roomId: 'M1',
	staffId: 'T1',
	classId: '9N/Ma1',
	subject: 'Maths',
	startsAt: `${DAY}T09:00:00Z`,
	endsAt: `${DAY}T10:00:00Z`,
	studentIds: ['STU1']
};
const periods = [
	{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
	{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' }
];

const register = (id: string, at: string, code: string, takenBy: string): InboundEventInput =>
	({
		id,
		schoolId: SCHOOL,
		type: 'register:taken',
		occurredAt: `${DAY}T${at}:00Z`,
		lessonId: 'L1',
		takenBy,
		marks: [{ studentId: 'STU1', code }]
	}) as InboundEventInput;

const truancyOf = (frame: Delta) => frame.changes.find((c) => c.feed === 'truancy') as { upsert: TruancyItem[]; remove: string[] } | undefined;

describe('a truancy flag a register amendment clears', () => {
	it('drops from the live feed and stays in the day report as corrected, with when and by whom', async () => {
		server = await startTestServer({ clock: new ManualClock(`${DAY}T09:30:00Z`) });
		await ingest(server, dispatchReference(SCHOOL, { periods, lessons: [lesson] }));
		const lead = await signIn(server, SCHOOL, 'slt');
		const desk = await connectClient(server.url, SCHOOL, lead);
		await ingest(server, [
			{
				id: 'am',
				schoolId: SCHOOL,
				type: 'session:marked',
				occurredAt: `${DAY}T08:45:00Z`,
				date: DAY,
				session: 'AM',
				formGroup: '9N',
				takenBy: 'T1',
				marks: [{ studentId: 'STU1', code: '/' }]
			},
			register('p1', '09:05', 'N', 'T1')
		]);
		const flagged = await desk.waitFor((f) => (truancyOf(f)?.upsert.length ?? 0) > 0);
		const id = truancyOf(flagged)?.upsert[0]?.id;

		// The teacher's mistake: STU1 was there all along, and the cover supervisor says so.
		expect((await ingest(server, register('p1-amended', '09:25', '/', 'P2'))).status).toBe(200);
		await desk.waitFor((f) => truancyOf(f)?.remove.includes(id ?? '') ?? false);

		const answer = await getJson(`${server.url}/api/v1/reports/truancy?school=${SCHOOL}&date=${DAY}`, lead);
		expect(answer.status).toBe(200);
		expect(TruancyReport.parse(answer.body).flags).toMatchObject([
			{
				student: { id: 'STU1' },
				reason: 'missing_from_lesson',
				roomId: 'M1',
				since: `${DAY}T09:05:00Z`,
				outcome: 'corrected',
				resolvedAt: `${DAY}T09:25:00Z`,
				correctedBy: { id: 'P2', code: 'RDE' }
			}
		]);
		desk.close();
	});
});
