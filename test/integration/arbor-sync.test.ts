import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEventInput, StoredEvent } from '../../server/protocol';
import { arborConnector } from '../../server/src/connectors/arbor/arbor-connector';
import { runArborSync } from '../../server/src/connectors/arbor/arbor-sync';
import type { SchoolSource } from '../../server/src/connectors/connector';
import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import type { RetryPolicy } from '../../server/src/connectors/source-fetch';
import { runSync } from '../../server/src/connectors/sync-run';
import { MemoryStore } from '../../server/src/store/memory-store';
import { fakeArborSchool, type FakeArborSchool } from '../support/fake-arbor-school';
import { FakeArbor } from '../support/fake-arbor';
import { tempDir } from '../support/server';

/**
 * The Arbor connector against a fake Arbor (test/support/fake-arbor.ts) over real HTTP: Arbor
 * itself cannot be reached from a test. Its records follow Arbor's documented models; which one
 * each follows, and where the documentation is silent, is said in fake-arbor-school.ts.
 */
const SCHOOL = 'northfield';
const FAST: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 5,
	maxDelayMs: 5_000,
	timeoutMs: 30_000,
	sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
	random: () => 1
};

async function all(store: MemoryStore): Promise<StoredEvent[]> {
	const out: StoredEvent[] = [];
	for await (const e of store.read(SCHOOL)) out.push(e);
	return out;
}

const ofType = <T extends InboundEventInput['type']>(events: readonly { type: string }[], type: T) =>
	events.filter((e): e is Extract<InboundEventInput, { type: T }> => e.type === type);

/** Each lesson's marks as Arbor holds them (its `LESSON` registers' records), by Arbor's event id: `student code`. */
function arborLessonMarks(data: FakeArborSchool): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	for (const r of data.resources['attendance-records'] ?? []) {
		const record = r as unknown as {
			event: { id: number };
			student: { id: number };
			attendanceMark: { code: string };
			attendanceRegister: { attendanceRegisterType: { code: string } };
		};
		if (record.attendanceRegister.attendanceRegisterType.code !== 'LESSON') continue;
		const marks = out.get(String(record.event.id)) ?? new Set<string>();
		marks.add(`${record.student.id} ${record.attendanceMark.code}`);
		out.set(String(record.event.id), marks);
	}
	return out;
}

/** Each lesson's register as Lookout holds it after the sync: the last `register:taken` of the lesson (a later one replaces it whole). */
function heldLessonMarks(events: readonly InboundEventInput[]): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	for (const e of ofType(events, 'register:taken')) out.set(e.lessonId, new Set(e.marks.map((m) => `${m.studentId} ${m.code}`)));
	return out;
}

async function open(data: FakeArborSchool) {
	const dir = await tempDir();
	const store = await MemoryStore.open({ journal: join(dir, 'journal.ndjson') });
	const state = new FileConnectorState(dir);
	const fake = await FakeArbor.start(structuredClone(data));
	const source: SchoolSource = { schoolId: SCHOOL, baseUrl: fake.url, token: fake.credential };
	return { dir, store, state, fake, source, close: async () => (await fake.close(), await store.close()) };
}

describe('Arbor sync against a fake Arbor over real HTTP', () => {
	let data: FakeArborSchool;
	beforeAll(async () => {
		data = await fakeArborSchool();
	}, 60_000);

	describe('a school day', () => {
		let s: Awaited<ReturnType<typeof open>>;
		beforeAll(async () => {
			s = await open(data);
		});
		afterAll(async () => s.close());

		it('first sync: alerts as calls, incidents as behaviour, exclusions as bookings, registers as the simulator took them', async () => {
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status.state).toBe('ok');
			expect(summary.refusals).toEqual([]);
			const events = (await all(s.store)).map((e) => e.event);
			const id = (simId: string) => String(data.arborIdOf.get(simId));

			const raised = ofType(data.day, 'oncall:raised');
			const calls = ofType(events, 'oncall:raised');
			expect(calls).toHaveLength(raised.length);
			expect(calls.map((c) => [c.locationId, c.raisedBy, c.occurredAt])).toEqual(raised.map((r) => [r.locationId, id(r.raisedBy), r.occurredAt]));
			expect(calls.map((c) => c.reason)).toEqual(raised.map((r) => r.reason));

			const negative = ofType(data.day, 'behaviour:recorded').filter((b) => b.polarity === 'negative');
			const behaviour = ofType(events, 'behaviour:recorded');
			expect(behaviour.map((b) => [b.category, b.locationId, b.studentIds, b.staffId, b.severity])).toEqual(
				negative.map((b) => [b.category, b.locationId, b.studentIds.map(id), id(b.staffId), b.severity])
			);

			const booked = ofType(data.day, 'reflection:booked');
			expect(ofType(events, 'reflection:booked').map((b) => [b.studentId, b.roomId, b.periodId, b.startsAt, b.endsAt, b.reason, b.bookedBy])).toEqual(
				booked.map((b) => [id(b.studentId), b.roomId, b.periodId, b.startsAt, b.endsAt, b.reason, id(b.bookedBy)])
			);

			const sessionMarks = ofType(events, 'session:marked').flatMap((e) =>
				e.marks.map((m) => `${e.date}|${e.session}|${m.studentId}|${m.code}|${m.minutesLate ?? ''}`)
			);
			const expected = new Map<string, string>();
			for (const e of ofType(data.day, 'session:marked'))
				for (const m of e.marks) expected.set(`${e.date}|${e.session}|${id(m.studentId)}`, `${m.code}|${m.minutesLate ?? ''}`);
			expect(new Set(sessionMarks)).toEqual(new Set([...expected].map(([k, v]) => `${k}|${v}`)));
			// Every lesson's register comes in whole, those whose records straddle two pages of 500 too.
			expect(heldLessonMarks(events)).toEqual(arborLessonMarks(data));
			expect(arborLessonMarks(data).size).toBe(new Set(ofType(data.day, 'register:taken').map((r) => r.lessonId)).size);
			expect(summary.endpoints.find((e) => e.endpoint === 'students')?.skipped).toBe(data.school.students.length);
			// Listings give identities and links: every object was read once at its own href.
			expect(s.fake.objectsServed).toBe(Object.values(data.resources).reduce((n, list) => n + list.length, 0));
			expect(s.fake.requests.filter((r) => /^GET \/rest-v2\/students\/\d+$/.test(r))).toHaveLength(data.school.students.length);
		}, 60_000);

		it('incremental with nothing new: asks with filters.lastModifiedDatetime.after, reads no object and appends nothing', async () => {
			const before = (await all(s.store)).length;
			const objects = s.fake.objectsServed;
			s.fake.requests.length = 0;
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status.state).toBe('ok');
			expect(s.fake.requests.filter((r) => r.startsWith('GET')).every((r) => r.includes('filters.lastModifiedDatetime.after='))).toBe(true);
			expect(s.fake.objectsServed).toBe(objects);
			expect((await all(s.store)).length).toBe(before);
		});

		it("an on-call status goes back to Arbor as the call moves, once; Arbor's changed alert is not a second call", async () => {
			const call = ofType(
				(await all(s.store)).map((e) => e.event),
				'oncall:raised'
			)[0];
			if (!call) throw new Error('no call synced');
			const at = Date.parse('2026-11-23T15:30:00Z');
			await s.store.append([
				{ id: 'ack-1', schoolId: SCHOOL, occurredAt: new Date(at).toISOString(), type: 'oncall:acknowledged', requestId: call.requestId, by: '20001' },
				{
					id: 'close-1',
					schoolId: SCHOOL,
					occurredAt: new Date(at + 60_000).toISOString(),
					type: 'oncall:closed',
					requestId: call.requestId,
					by: '20001',
					disposition: 'resolved_in_class'
				}
			]);
			const before = (await all(s.store)).length;
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.statusBack?.sent).toEqual([{ alertId: call.requestId.replace('arbor-alert-', ''), status: 'RESOLVED' }]);
			expect(s.fake.updates).toEqual([
				{
					id: Number(call.requestId.replace('arbor-alert-', '')),
					body: {
						entityType: 'EmergencyAlert',
						status: 'RESOLVED',
						statusModifiedDatetime: '2026-11-23 15:31:00',
						statusModifiedStaff: { entityType: 'Staff', id: 20001 }
					}
				}
			]);
			const again = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(again.endpoints.find((e) => e.endpoint === 'emergency-alerts')?.records).toBe(1);
			expect(again.statusBack?.sent).toEqual([]);
			expect(s.fake.updates).toHaveLength(1);
			expect((await all(s.store)).length).toBe(before);
		});

		it("a lesson mark corrected in Arbor comes with the lesson's other marks: the register keeps every student; nothing new appends nothing", async () => {
			const records = (s.fake.data.resources['attendance-records'] ?? []) as unknown as {
				id: number;
				event: { id: number };
				student: { id: number };
				attendanceRegister: { attendanceRegisterType: { code: string } };
			}[];
			const lessonRecords = records.filter((r) => r.attendanceRegister.attendanceRegisterType.code === 'LESSON');
			const record = lessonRecords[Math.floor(lessonRecords.length / 2)];
			if (!record) throw new Error('no lesson record');
			const lessonId = String(record.event.id);
			const others = lessonRecords.filter((r) => r.event.id === record.event.id).length;
			expect(others).toBeGreaterThan(5);
			s.fake.touch('attendance-records', record.id, '2026-11-23 23:00:00', { attendanceMark: { entityType: 'AttendanceMark', id: 2, code: 'M' } });
			const before = (await all(s.store)).length;
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.endpoints.find((e) => e.endpoint === 'attendance-records')).toMatchObject({ records: 1, appended: 1 });
			const events = (await all(s.store)).map((e) => e.event);
			expect(events.length).toBe(before + 1);
			const held = heldLessonMarks(events).get(lessonId);
			expect(held?.size).toBe(others);
			expect(held?.has(`${record.student.id} M`)).toBe(true);
			expect(heldLessonMarks(events)).toEqual(arborLessonMarks(s.fake.data));

			await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect((await all(s.store)).length).toBe(before + 1);
		});
	});

	it('paging, then a run cut off mid-pass resumes from the stored next page; nothing appended twice', async () => {
		const s = await open(data);
		try {
			const paged = { ...arborConnector, endpoints: arborConnector.endpoints.map((e) => ({ ...e, query: { ...e.query, 'page-size': '100' } })) };
			s.fake.stopAfterPages = 15;
			const cut = await runSync(paged, s.source, { store: s.store, state: s.state, retry: { ...FAST, attempts: 1 } });
			expect(cut.status.state).toBe('failed');
			const stopped = cut.status.endpoint as string;
			const cursor = await s.state.cursor(SCHOOL, 'arbor', stopped);
			expect(cursor?.next).toMatch(/page=\d+/);
			s.fake.stopAfterPages = null;
			s.fake.requests.length = 0;
			const resumed = await runSync(paged, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(resumed.status.state).toBe('ok');
			// Endpoints already through start again from their cursors; the one cut off resumes at its stored next page.
			const resumedAt = new URL(cursor?.next as string);
			expect(s.fake.requests.find((r) => r.startsWith(`GET ${resumedAt.pathname}`))).toBe(`GET ${resumedAt.pathname}${resumedAt.search}`);
			expect(resumed.endpoints.find((e) => e.endpoint === 'students')?.pages).toBeGreaterThan(0);
			const events = await all(s.store);
			expect(new Set(events.map((e) => e.event.id)).size).toBe(events.length);
			expect(resumed.endpoints.reduce((n, e) => n + e.duplicates, 0)).toBe(0);
			expect(heldLessonMarks(events.map((e) => e.event))).toEqual(arborLessonMarks(data));
			expect(
				ofType(
					events.map((e) => e.event),
					'oncall:raised'
				)
			).toHaveLength(ofType(data.day, 'oncall:raised').length);
		} finally {
			await s.close();
		}
	});

	it("a lesson's register split over two pages keeps every mark, a run cut off between the pages too", async () => {
		const s = await open(data);
		try {
			const lessonRecords = (data.resources['attendance-records'] ?? []).filter(
				(r) =>
					(r as unknown as { attendanceRegister: { attendanceRegisterType: { code: string } } }).attendanceRegister.attendanceRegisterType.code === 'LESSON'
			);
			const first = (lessonRecords[0] as unknown as { event: { id: number } }).event.id;
			const size = lessonRecords.filter((r) => (r as unknown as { event: { id: number } }).event.id === first).length;
			expect(size).toBeGreaterThan(4);
			// Pages of half the first lesson's marks: it straddles the first two pages of its resource.
			const pageSize = String(Math.ceil(size / 2));
			s.fake.data.resources['attendance-records'] = lessonRecords;
			const paged = {
				...arborConnector,
				endpoints: arborConnector.endpoints
					.filter((e) => e.name === 'students' || e.name === 'attendance-records')
					.map((e) => (e.name === 'students' ? e : { ...e, query: { ...e.query, 'page-size': pageSize } }))
			};
			// The students' pages, then the first page of marks; the second answers 503.
			s.fake.stopAfterPages = Math.ceil((data.resources.students ?? []).length / 500) + 1;
			const cut = await runSync(paged, s.source, { store: s.store, state: s.state, retry: { ...FAST, attempts: 1 } });
			expect(cut.status).toMatchObject({ state: 'failed', endpoint: 'attendance-records' });
			const held = await s.state.cursor(SCHOOL, 'arbor', 'attendance-records');
			expect(held?.next).toMatch(/page=2/);
			expect(held?.carry).toHaveLength(Number(pageSize));
			// The first page's marks wait with the cursor: nothing of the lesson is applied yet.
			expect(
				ofType(
					(await all(s.store)).map((e) => e.event),
					'register:taken'
				).filter((r) => r.lessonId === String(first))
			).toEqual([]);
			s.fake.stopAfterPages = null;
			const resumed = await runSync(paged, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(resumed.status.state).toBe('ok');
			const events = (await all(s.store)).map((e) => e.event);
			expect(ofType(events, 'register:taken').filter((r) => r.lessonId === String(first))).toHaveLength(1);
			expect(heldLessonMarks(events)).toEqual(arborLessonMarks({ ...data, resources: { 'attendance-records': lessonRecords } }));
			expect((await s.state.cursor(SCHOOL, 'arbor', 'attendance-records'))?.carry).toBeUndefined();
		} finally {
			await s.close();
		}
	});

	it('a 429 is waited out as Retry-After says, then the page is read', async () => {
		const s = await open(data);
		try {
			s.fake.fail({ status: 429, retryAfter: 1, resource: 'emergency-alerts' });
			const lines: string[] = [];
			const started = Date.now();
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
			expect(summary.status.state).toBe('ok');
			expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
			expect(lines.some((l) => l.includes('emergency-alerts: answered 429; trying again in 1000 ms'))).toBe(true);
		} finally {
			await s.close();
		}
	});

	it('a 500 backs off and retries; past the attempts the run fails and keeps its last success', async () => {
		const s = await open(data);
		try {
			s.fake.fail({ status: 500, resource: 'behavioural-incidents', times: 2 });
			const lines: string[] = [];
			const ok = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
			expect(ok.status.state).toBe('ok');
			expect(lines.filter((l) => l.includes('answered 500')).map((l) => Number(/in (\d+) ms/.exec(l)?.[1]))).toEqual([5, 10]);
			s.fake.fail({ status: 503, resource: 'students', times: 10 });
			const failed = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(failed.status).toMatchObject({ state: 'failed', endpoint: 'students', lastSuccessAt: ok.status.lastSuccessAt });
			expect(failed.status.detail).toMatch(/503, 4 times/);
		} finally {
			await s.close();
		}
	});

	it('a revoked API user stops the school with status revoked; nothing applied but the audit', async () => {
		const s = await open(data);
		try {
			s.fake.revoke();
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status).toMatchObject({ state: 'revoked', endpoint: 'students' });
			expect((await all(s.store)).map((e) => e.event.type)).toEqual(['audit:recorded']);
			expect(await s.state.cursor(SCHOOL, 'arbor', 'students')).toBeNull();
			expect((await s.state.status(SCHOOL, 'arbor'))?.state).toBe('revoked');
		} finally {
			await s.close();
		}
	});

	it('a narrowed permission (403 on one resource) stops there with status narrowed; nothing of it half-applied', async () => {
		const s = await open(data);
		try {
			s.fake.narrow('internal-exclusions');
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status).toMatchObject({ state: 'narrowed', endpoint: 'internal-exclusions' });
			const types = (await all(s.store)).map((e) => e.event.type);
			expect(types).not.toContain('reflection:booked');
			expect(types).not.toContain('session:marked');
			expect(types).toContain('behaviour:recorded');
			expect(summary.statusBack).toBeNull();
		} finally {
			await s.close();
		}
	});

	it('a refused record is reported with its reason and audited; the rest of its page is applied', async () => {
		const s = await open(data);
		try {
			const template = data.resources['behavioural-incidents']?.[0] as Record<string, unknown>;
			s.fake.add('behavioural-incidents', { ...template, id: 1, location: null, lastModifiedDatetime: '2026-11-23 16:00:00' } as never);
			s.fake.add('attendance-records', {
				...(data.resources['attendance-records']?.[0] as Record<string, unknown>),
				id: 2,
				attendanceMark: { entityType: 'AttendanceMark', id: 9, code: 'H' },
				lastModifiedDatetime: '2026-11-23 16:00:00'
			} as never);
			const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status.state).toBe('ok');
			expect(summary.refusals).toEqual([
				{ endpoint: 'behavioural-incidents', sourceId: '1', reason: 'location is empty: Lookout places every behaviour event in a room' },
				{ endpoint: 'attendance-records', sourceId: '2', reason: expect.stringMatching(/^attendanceMark\.code unknown attendance code "H"/) as unknown }
			]);
			expect((await s.state.status(SCHOOL, 'arbor'))?.refused).toBe(2);
			const audits = (await all(s.store)).flatMap((e) => (e.event.type === 'audit:recorded' ? [e.event.detail] : []));
			expect(audits).toEqual([expect.stringMatching(/^arbor behavioural-incidents 1: /), expect.stringMatching(/^arbor attendance-records 2: /)]);
			expect(
				ofType(
					(await all(s.store)).map((e) => e.event),
					'behaviour:recorded'
				)
			).toHaveLength(data.resources['behavioural-incidents']?.length ?? 0);
		} finally {
			await s.close();
		}
	});

	it('a status Arbor will not take is retried, shown in the status by alert, and sent at the next run', async () => {
		const s = await open(data);
		try {
			await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			const call = ofType(
				(await all(s.store)).map((e) => e.event),
				'oncall:raised'
			)[0];
			if (!call) throw new Error('no call synced');
			await s.store.append([
				{ id: 'ack-2', schoolId: SCHOOL, occurredAt: '2026-11-23T15:30:00.000Z', type: 'oncall:acknowledged', requestId: call.requestId, by: '20002' }
			]);
			s.fake.fail({ status: 500, resource: 'emergency-alerts', method: 'PUT', times: 4 });
			const failed = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(failed.status.state).toBe('ok');
			expect(failed.status.detail).toMatch(/status back to Arbor: 1 alert\(s\) not updated/);
			const alertId = call.requestId.replace('arbor-alert-', '');
			expect((await s.state.status(SCHOOL, 'arbor'))?.refusals).toEqual([
				{ endpoint: 'emergency-alerts/status', sourceId: alertId, reason: 'ACKNOWLEDGED not sent: Arbor answered 500, 4 times; sent again at the next run' }
			]);
			expect(s.fake.updates).toEqual([]);
			const next = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
			expect(next.statusBack?.sent).toEqual([{ alertId, status: 'ACKNOWLEDGED' }]);
			expect(next.status.detail).toBeNull();
			expect(s.fake.updates.map((u) => u.body.status)).toEqual(['ACKNOWLEDGED']);
		} finally {
			await s.close();
		}
	});

	describe('reading each listed object at its href', () => {
		it('a 429 on an object is waited out as Retry-After says, then the object is read', async () => {
			const s = await open(data);
			try {
				s.fake.fail({ status: 429, retryAfter: 1, resource: 'emergency-alerts', on: 'object' });
				const lines: string[] = [];
				const started = Date.now();
				const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
				expect(summary.status.state).toBe('ok');
				expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
				expect(lines.some((l) => l.includes('emergency-alerts: answered 429; trying again in 1000 ms'))).toBe(true);
				expect(
					ofType(
						(await all(s.store)).map((e) => e.event),
						'oncall:raised'
					)
				).toHaveLength(ofType(data.day, 'oncall:raised').length);
			} finally {
				await s.close();
			}
		}, 60_000);

		it('a 500 on an object backs off and retries; past the attempts the run fails there, nothing of the page applied', async () => {
			const s = await open(data);
			try {
				s.fake.fail({ status: 500, resource: 'behavioural-incidents', on: 'object', times: 2 });
				const lines: string[] = [];
				const ok = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
				expect(ok.status.state).toBe('ok');
				// Reads run eight at a time: the two 500s may fall on two objects (each its first back-off) or on one (5, then 10).
				const waits = lines.filter((l) => l.includes('answered 500')).map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
				expect(waits).toHaveLength(2);
				expect(waits.every((w) => w === 5 || w === 10)).toBe(true);
				expect(
					ofType(
						(await all(s.store)).map((e) => e.event),
						'behaviour:recorded'
					)
				).toHaveLength(data.resources['behavioural-incidents']?.length ?? 0);
				const before = (await all(s.store)).length;
				const cursor = await s.state.cursor(SCHOOL, 'arbor', 'behavioural-incidents');
				const incident = data.resources['behavioural-incidents']?.[0] as { id: number };
				s.fake.touch('behavioural-incidents', incident.id, '2026-11-23 17:00:00', { incidentName: 'changed' });
				s.fake.fail({ status: 503, resource: 'behavioural-incidents', on: 'object', times: 10 });
				const failed = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
				expect(failed.status).toMatchObject({ state: 'failed', endpoint: 'behavioural-incidents', lastSuccessAt: ok.status.lastSuccessAt });
				expect(failed.status.detail).toMatch(new RegExp(`/rest-v2/behavioural-incidents/${incident.id}: the source answered 503, 4 times`));
				expect((await all(s.store)).length).toBe(before);
				expect(await s.state.cursor(SCHOOL, 'arbor', 'behavioural-incidents')).toEqual(cursor);
			} finally {
				await s.close();
			}
		}, 60_000);

		it('a key revoked between a listing and its objects stops the school with status revoked; nothing applied but the audit', async () => {
			const s = await open(data);
			try {
				s.fake.revoke('objects');
				const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
				expect(summary.status).toMatchObject({ state: 'revoked', endpoint: 'students' });
				expect(summary.status.detail).toMatch(/^students: the source refused the key \(401\)/);
				expect(s.fake.pagesServed).toBe(1);
				expect((await all(s.store)).map((e) => e.event.type)).toEqual(['audit:recorded']);
				expect(await s.state.cursor(SCHOOL, 'arbor', 'students')).toBeNull();
			} finally {
				await s.close();
			}
		});

		it('a 403 on the objects of one resource stops there with status narrowed; nothing of it half-applied', async () => {
			const s = await open(data);
			try {
				s.fake.narrow('internal-exclusions', 'objects');
				const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST });
				expect(summary.status).toMatchObject({ state: 'narrowed', endpoint: 'internal-exclusions' });
				const types = (await all(s.store)).map((e) => e.event.type);
				expect(types).not.toContain('reflection:booked');
				expect(types).not.toContain('session:marked');
				expect(types).toContain('behaviour:recorded');
				expect(await s.state.cursor(SCHOOL, 'arbor', 'internal-exclusions')).toBeNull();
			} finally {
				await s.close();
			}
		}, 60_000);

		it('an object deleted between the listing and its read is skipped and counted, not a failure', async () => {
			const s = await open(data);
			try {
				const alert = data.resources['emergency-alerts']?.[0] as { id: number };
				s.fake.deleteAfterListing('emergency-alerts', alert.id);
				const lines: string[] = [];
				const summary = await runArborSync(s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
				expect(summary.status.state).toBe('ok');
				expect(summary.refusals).toEqual([]);
				const alerts = summary.endpoints.find((e) => e.endpoint === 'emergency-alerts');
				expect(alerts).toMatchObject({ gone: 1, records: (data.resources['emergency-alerts']?.length ?? 0) - 1 });
				expect(lines.some((l) => /emergency-alerts page 1: .*, 1 deleted at the source before they were read$/.test(l))).toBe(true);
				expect(
					ofType(
						(await all(s.store)).map((e) => e.event),
						'oncall:raised'
					).map((c) => c.requestId)
				).not.toContain(`arbor-alert-${alert.id}`);
				expect(
					ofType(
						(await all(s.store)).map((e) => e.event),
						'oncall:raised'
					)
				).toHaveLength(ofType(data.day, 'oncall:raised').length - 1);
			} finally {
				await s.close();
			}
		}, 60_000);
	});
});
