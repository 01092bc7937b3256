import { afterEach, describe, expect, it } from 'vitest';
import { ingest, signIn } from '../support/access';
import { connectClient } from '../support/client';
import { behaviour, reference, SCHOOL } from '../support/events';
import { getSnapshot } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(() => server?.close());

describe('frames', () => {
	it('batches a burst into at most 20 frames a second, numbered without gaps', async () => {
		server = await startTestServer();
		await ingest(server, reference());
		const coordinator = await signIn(server, SCHOOL, 'coordinator');
		const client = await connectClient(server.url, SCHOOL, coordinator);
		// The log also holds the key and the sign-in: count from where it stands now.
		const base = (await getSnapshot(server.url, SCHOOL, coordinator)).position;
		const started = Date.now();
		for (let r = 0; r < 50; r++) {
			await ingest(
				server,
				Array.from({ length: 10 }, (_, i) => behaviour(`burst-${r}-${i}`))
			);
		}
		const last = await client.waitFor((f) => f.position === base + 500);
		const elapsed = Date.now() - started;
		const frames = client.frames.filter((f) => f.epoch === last.epoch);
		expect(frames.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
		expect(frames.length).toBeLessThan(500);
		expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => frames[0]!.seq + i));
		const rooms = (await getSnapshot(server.url, SCHOOL, coordinator)).view.rooms;
		expect(rooms.find((r) => r.id === 'M1')?.negativeToday).toBe(500);
		client.close();
	});

	it("never sends one school's events to another school's clients", async () => {
		server = await startTestServer();
		const inA = await signIn(server, 'school-a', 'coordinator');
		const inB = await signIn(server, 'school-b', 'coordinator');
		const a = await connectClient(server.url, 'school-a', inA);
		const b = await connectClient(server.url, 'school-b', inB);
		// One request per school: a key sends only its own school's events.
		await ingest(server, [reference('school-a'), reference('school-b')]);
		const baseA = (await getSnapshot(server.url, 'school-a', inA)).position;
		const baseB = (await getSnapshot(server.url, 'school-b', inB)).position;
		for (let i = 0; i < 20; i++) {
			await ingest(server, [behaviour(`from-a-${i}`, { schoolId: 'school-a' }), behaviour(`from-b-${i}`, { schoolId: 'school-b' })]);
		}
		await a.waitFor((f) => f.position === baseA + 20);
		await b.waitFor((f) => f.position === baseB + 20);
		const behaviourIds = (frames: typeof a.frames) =>
			frames.flatMap((f) => f.changes.flatMap((c) => (c.feed === 'behaviour' ? c.upsert.map((i) => i.id) : [])));
		expect(a.frames.every((f) => f.schoolId === 'school-a')).toBe(true);
		expect(b.frames.every((f) => f.schoolId === 'school-b')).toBe(true);
		expect(new Set(behaviourIds(a.frames))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `from-a-${i}`)));
		expect(new Set(behaviourIds(b.frames))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `from-b-${i}`)));
		a.close();
		b.close();
	});

	it('sends timed changes from the clock with no new event: a register falls overdue, then goes to the wall', async () => {
		const clock = new ManualClock('2026-11-23T08:55:00Z');
		server = await startTestServer({ clock });
		const lesson = {
			id: 'L1',
			periodId: 'P1',
			roomId: 'M1',
			staffId: 'T1',
			classId: '9N/Ma',
			subject: 'Maths',
			startsAt: '2026-11-23T09:00:00Z',
			endsAt: '2026-11-23T10:00:00Z',
			studentIds: ['STU1']
		};
		await ingest(server, reference(SCHOOL, [lesson]));
		const client = await connectClient(server.url, SCHOOL, await signIn(server, SCHOOL, 'coordinator'));
		const status = (s: string) => (f: { changes: { feed: string; upsert: unknown[] }[] }) =>
			f.changes.some((c) => c.feed === 'registers' && c.upsert.some((i) => (i as { status: string }).status === s));

		clock.advanceTo('2026-11-23T09:00:00Z');
		await client.waitFor(status('due'));
		clock.advanceTo('2026-11-23T09:10:00Z');
		await client.waitFor(status('overdue'));
		clock.advanceTo('2026-11-23T09:20:00Z');
		await client.waitFor(status('escalated'));

		await ingest(server, {
			id: 'reg-L1',
			schoolId: SCHOOL,
			type: 'register:taken',
			occurredAt: '2026-11-23T09:21:00Z',
			lessonId: 'L1',
			takenBy: 'T1',
			marks: [{ studentId: 'STU1', code: '/' }]
		});
		await client.waitFor((f) => f.changes.some((c) => c.feed === 'registers' && c.remove.includes('L1')));
		client.close();
	});
});
