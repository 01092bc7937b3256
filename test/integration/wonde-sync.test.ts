import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../server/protocol';
import type { SchoolSource } from '../../server/src/connectors/connector';
import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import type { RetryPolicy } from '../../server/src/connectors/source-fetch';
import { runSync } from '../../server/src/connectors/sync-run';
import { wondeConnector } from '../../server/src/connectors/wonde/wonde-connector';
import { MemoryStore } from '../../server/src/store/memory-store';
import { fakeWondeSchool, wondeDate, type FakeWondeSchool } from '../support/fake-wonde-school';
import { FakeWonde } from '../support/fake-wonde';
import { tempDir } from '../support/server';

const SCHOOL = 'northfield';
/** Backs off in milliseconds rather than seconds, so the retries are seen without the waits; Retry-After is honoured as sent. */
const FAST: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 5,
	maxDelayMs: 5_000,
	timeoutMs: 30_000,
	sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
	random: () => 1
};

async function all(store: MemoryStore, schoolId = SCHOOL): Promise<StoredEvent[]> {
	const out: StoredEvent[] = [];
	for await (const e of store.read(schoolId)) out.push(e);
	return out;
}

/** A fresh store, state folder and fake Wonde over a small school (the first 60 students' records), for the failure cases. */
async function small(data: FakeWondeSchool) {
	const dir = await tempDir();
	const store = await MemoryStore.open({ journal: join(dir, 'journal.ndjson') });
	const state = new FileConnectorState(dir);
	const trimmed: FakeWondeSchool = {
		...data,
		endpoints: {
			employees: data.endpoints.employees ?? [],
			students: (data.endpoints.students ?? []).slice(0, 60),
			'attendance/session': (data.endpoints['attendance/session'] ?? [])
				.filter((m) => (data.endpoints.students ?? []).slice(0, 60).some((s) => s.id === m.student))
				.slice(0, 600),
			'lesson-attendance': [],
			lessons: [],
			behaviours: [],
			achievements: [],
			detentions: []
		}
	};
	const fake = await FakeWonde.start(structuredClone(trimmed));
	const source: SchoolSource = { schoolId: SCHOOL, baseUrl: fake.schoolUrl, token: fake.token };
	return { dir, store, state, fake, source, close: async () => (await fake.close(), await store.close()) };
}

describe('Wonde sync against a fake Wonde over real HTTP', () => {
	let data: FakeWondeSchool;
	beforeAll(async () => {
		data = await fakeWondeSchool();
	}, 60_000);

	describe('the whole school', () => {
		let dir: string;
		let store: MemoryStore;
		let state: FileConnectorState;
		let fake: FakeWonde;
		let source: SchoolSource;
		beforeAll(async () => {
			dir = await tempDir();
			store = await MemoryStore.open({ journal: join(dir, 'journal.ndjson') });
			state = new FileConnectorState(dir);
			fake = await FakeWonde.start(structuredClone(data));
			source = { schoolId: SCHOOL, baseUrl: fake.schoolUrl, token: fake.token };
		});
		afterAll(async () => {
			await fake.close();
			await store.close();
		});

		it('first sync: 1,500 students with contacts, staff, the lessons of a week and a term of session marks, in pages (figures printed, never failed on time)', async () => {
			const started = performance.now();
			const summary = await runSync(wondeConnector, source, { store, state, retry: FAST });
			const ms = performance.now() - started;
			console.log(
				`wonde first sync: ${summary.status.recordsIn.toLocaleString('en-GB')} records (${data.sessionMarks.toLocaleString('en-GB')} session marks) in ${(ms / 1000).toFixed(2)} s`
			);
			expect(summary.status.state).toBe('ok');
			const students = summary.endpoints.find((e) => e.endpoint === 'students');
			expect(students?.records).toBe(1_500);
			expect(students?.pages).toBe(8);
			const events = await all(store);
			const reference = events.filter((e) => e.event.type === 'reference:updated').map((e) => e.event);
			const ids = new Set(reference.flatMap((e) => (e.type === 'reference:updated' ? (e.students ?? []).map((s) => s.id) : [])));
			expect(ids.size).toBe(1_500);
			const book = reference.flatMap((e) => (e.type === 'reference:updated' ? (e.contacts ?? []) : []));
			expect(book.length).toBeGreaterThan(1_500);
			const marks = events.flatMap((e) => (e.event.type === 'session:marked' ? e.event.marks : []));
			expect(marks.length).toBe(data.sessionMarks);
			expect(events.filter((e) => e.event.type === 'behaviour:recorded')).toHaveLength(500);
			expect(summary.endpoints.find((e) => e.endpoint === 'detentions')?.skipped).toBe(50);
			expect(summary.refusals).toEqual([]);
			const saved = await state.status(SCHOOL, 'wonde');
			expect(saved?.state).toBe('ok');
			expect(saved?.cursors.students).toBe('2026-09-01 07:00:00.000000');
		}, 120_000);

		it('incremental sync with nothing new: asks with updated_after and appends nothing (figures printed)', async () => {
			const before = (await all(store)).length;
			fake.requests.length = 0;
			const started = performance.now();
			const summary = await runSync(wondeConnector, source, { store, state, retry: FAST });
			const ms = performance.now() - started;
			console.log(`wonde incremental sync, nothing new: ${summary.endpoints.length} endpoints in ${ms.toFixed(0)} ms`);
			expect(summary.status.state).toBe('ok');
			expect(fake.requests.every((r) => r.includes('updated_after='))).toBe(true);
			expect((await all(store)).length).toBe(before);
		});

		it('updated_after: a changed student and a corrected mark come in, and only they', async () => {
			const student = data.endpoints.students?.[5] as unknown as { id: string; mis_id: string };
			fake.touch('students', student.id, '2026-11-23 10:00:00.000000', { forename: 'Renamed' });
			const mark = (data.endpoints['attendance/session'] ?? []).find((m) => m.student === student.id) as { id: string };
			fake.touch('attendance/session', mark.id, '2026-11-23 10:05:00.000000', { attendance_code: { data: { code: 'M' } } });
			const before = (await all(store)).length;
			const summary = await runSync(wondeConnector, source, { store, state, retry: FAST });
			expect(summary.endpoints.find((e) => e.endpoint === 'students')?.records).toBe(1);
			expect(summary.endpoints.find((e) => e.endpoint === 'attendance/session')?.records).toBe(1);
			const added = (await all(store)).slice(before).map((e) => e.event);
			expect(added.map((e) => e.type).sort()).toEqual(['reference:updated', 'session:marked']);
			const ref = added.find((e) => e.type === 'reference:updated');
			expect(ref?.type === 'reference:updated' && ref.students?.[0]?.givenName).toBe('Renamed');
			// The whole book goes with it: Lookout's contacts list replaces the school's.
			expect(ref?.type === 'reference:updated' && (ref.contacts?.length ?? 0) > 1_500).toBe(true);
			const marked = added.find((e) => e.type === 'session:marked');
			expect(marked?.type === 'session:marked' && marked.marks).toEqual([{ studentId: student.mis_id, code: 'M' }]);
			expect((await state.status(SCHOOL, 'wonde'))?.cursors['attendance/session']).toBe('2026-11-23 10:05:00.000000');
		});
	});

	it('a 429 is waited out as Retry-After says, then the page is read', async () => {
		const s = await small(data);
		try {
			s.fake.fail({ status: 429, retryAfter: 1, endpoint: 'students' });
			const lines: string[] = [];
			const started = Date.now();
			const summary = await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
			expect(summary.status.state).toBe('ok');
			expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
			expect(lines.some((l) => l.includes('students: answered 429; trying again in 1000 ms'))).toBe(true);
			expect(summary.endpoints.find((e) => e.endpoint === 'students')?.records).toBe(60);
		} finally {
			await s.close();
		}
	});

	it('a 500 backs off and retries; past the bounded attempts the run fails, and the next run carries on', async () => {
		const s = await small(data);
		try {
			s.fake.fail({ status: 500, endpoint: 'students', times: 2 });
			const lines: string[] = [];
			const ok = await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST, progress: (l) => lines.push(l) });
			expect(ok.status.state).toBe('ok');
			const waits = lines.filter((l) => l.includes('answered 500')).map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
			// Exponential: 5 ms, then 10 ms (the jitter pinned at its top here).
			expect(waits).toEqual([5, 10]);

			s.fake.fail({ status: 503, endpoint: 'employees', times: 10 });
			const failed = await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(failed.status.state).toBe('failed');
			expect(failed.status.endpoint).toBe('employees');
			expect(failed.status.detail).toMatch(/503, 4 times/);
			expect(failed.status.lastSuccessAt).toBe(ok.status.lastSuccessAt);
		} finally {
			await s.close();
		}
	});

	it('a revoked key stops the school with status revoked, naming the endpoint, nothing of the page applied, audited', async () => {
		const s = await small(data);
		try {
			s.fake.revoke();
			const summary = await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status).toMatchObject({ state: 'revoked', endpoint: 'employees' });
			expect(summary.status.detail).toMatch(/employees: .*401/);
			const events = await all(s.store);
			expect(events.map((e) => e.event.type)).toEqual(['audit:recorded']);
			expect(events[0]?.event.type === 'audit:recorded' && events[0].event.action).toBe('connector_stopped');
			expect(await s.state.cursor(SCHOOL, 'wonde', 'employees')).toBeNull();
		} finally {
			await s.close();
		}
	});

	it('a narrowed approval (403 on one endpoint) stops there with status narrowed; what came before stays', async () => {
		const s = await small(data);
		try {
			s.fake.narrow('attendance/session');
			const summary = await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status).toMatchObject({ state: 'narrowed', endpoint: 'attendance/session' });
			const types = (await all(s.store)).map((e) => e.event.type);
			expect(types).not.toContain('session:marked');
			expect(types.filter((t) => t === 'reference:updated').length).toBeGreaterThan(0);
		} finally {
			await s.close();
		}
	});

	it('paging and restart: a run cut off mid-pass resumes from the stored next page, and nothing is appended twice', async () => {
		const s = await small(data);
		try {
			// 60 students are one page at 200; at 20 a page they are three.
			const paged = { ...wondeConnector, endpoints: wondeConnector.endpoints.map((e) => ({ ...e, query: { ...e.query, per_page: '20' } })) };
			s.fake.stopAfterPages = 3; // employees (3 pages of 20 of the 38 staff... or fewer) then part of students
			const cut = await runSync(paged, s.source, { store: s.store, state: s.state, retry: { ...FAST, attempts: 1 } });
			expect(cut.status.state).toBe('failed');
			const stopped = cut.status.endpoint as string;
			const cursor = await s.state.cursor(SCHOOL, 'wonde', stopped);
			const before = (await all(s.store)).length;
			s.fake.stopAfterPages = null;
			s.fake.requests.length = 0;
			const resumed = await runSync(paged, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(resumed.status.state).toBe('ok');
			if (cursor?.next) expect(s.fake.requests[0]).toBe(new URL(cursor.next).pathname + new URL(cursor.next).search);
			const events = await all(s.store);
			expect(events.length).toBeGreaterThan(before);
			expect(new Set(events.map((e) => e.event.id)).size).toBe(events.length);
			const students = new Set(events.flatMap((e) => (e.event.type === 'reference:updated' ? (e.event.students ?? []).map((x) => x.id) : [])));
			expect(students.size).toBe(60);
			expect(resumed.endpoints.find((e) => e.endpoint === 'students')?.duplicates).toBe(0);
		} finally {
			await s.close();
		}
	});

	it("a lesson's register split over two pages keeps every mark, a run cut off between the pages too", async () => {
		const s = await small(data);
		try {
			// Two lessons of the fake's shape (Wonde lists lesson marks lesson by lesson): 45 marks, then 10, read 20 a page.
			const students = (s.fake.data.endpoints.students ?? []).map((r) => r.id);
			const mark = (lesson: string, student: string, n: number) => ({
				id: `M${lesson}${n}`,
				created_at: wondeDate('2026-11-20 09:00:00.000000'),
				updated_at: wondeDate('2026-11-20 09:05:00.000000'),
				lesson,
				student,
				attendance_code: { data: { code: n % 9 === 0 ? 'L' : '/' } },
				minutes_late: n % 9 === 0 ? 4 : null
			});
			s.fake.data.endpoints['lesson-attendance'] = [
				...students.slice(0, 45).map((student, n) => mark('L1', student, n)),
				...students.slice(45, 55).map((student, n) => mark('L2', student, n))
			];
			const paged = {
				...wondeConnector,
				endpoints: wondeConnector.endpoints
					.filter((e) => e.name === 'students' || e.name === 'lesson-attendance')
					.map((e) => (e.name === 'students' ? e : { ...e, query: { ...e.query, per_page: '20' } }))
			};
			// The students' page, then the first of marks; the second answers 503.
			s.fake.stopAfterPages = 2;
			const cut = await runSync(paged, s.source, { store: s.store, state: s.state, retry: { ...FAST, attempts: 1 } });
			expect(cut.status).toMatchObject({ state: 'failed', endpoint: 'lesson-attendance' });
			const held = await s.state.cursor(SCHOOL, 'wonde', 'lesson-attendance');
			expect(held?.next).toMatch(/page=2/);
			expect(held?.carry).toHaveLength(20);
			const registers = async () => (await all(s.store)).flatMap((e) => (e.event.type === 'register:taken' ? [e.event] : []));
			expect(await registers()).toEqual([]);
			s.fake.stopAfterPages = null;
			const resumed = await runSync(paged, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(resumed.status.state).toBe('ok');
			expect(resumed.endpoints.find((e) => e.endpoint === 'lesson-attendance')).toMatchObject({ pages: 2, records: 35 });
			const taken = await registers();
			expect(taken.map((r) => [r.lessonId, r.marks.length])).toEqual([
				['L1', 45],
				['L2', 10]
			]);
			expect(taken[0]?.marks.filter((m) => m.code === 'L').every((m) => m.minutesLate === 4)).toBe(true);
			expect((await s.state.cursor(SCHOOL, 'wonde', 'lesson-attendance'))?.carry).toBeUndefined();
			// Read again from the start: the same registers, appended once.
			await s.state.reset(SCHOOL, 'wonde');
			await runSync(paged, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(await registers()).toHaveLength(2);
		} finally {
			await s.close();
		}
	});

	it("a lesson mark corrected at the source comes with the lesson's other marks, so the register keeps every student; one older than 14 days comes alone", async () => {
		const s = await small(data);
		try {
			const students = s.fake.data.endpoints.students ?? [];
			const mark = (lesson: string, student: string, n: number, day: string) => ({
				id: `M${lesson}${n}`,
				created_at: wondeDate(`${day} 09:00:00.000000`),
				updated_at: wondeDate(`${day} 09:05:00.000000`),
				lesson,
				student,
				attendance_code: { data: { code: '/' } },
				minutes_late: null
			});
			// L1 three weeks before the others, past the 14 days whose registers are kept.
			s.fake.data.endpoints['lesson-attendance'] = [
				...students.slice(0, 10).map((r, n) => mark('L1', r.id, n, '2026-10-30')),
				...students.slice(0, 30).map((r, n) => mark('L2', r.id, n, '2026-11-20'))
			];
			const only = { ...wondeConnector, endpoints: wondeConnector.endpoints.filter((e) => e.name === 'students' || e.name === 'lesson-attendance') };
			expect((await runSync(only, s.source, { store: s.store, state: s.state, retry: FAST })).status.state).toBe('ok');
			const registers = async (lesson: string) =>
				(await all(s.store)).flatMap((e) => (e.event.type === 'register:taken' && e.event.lessonId === lesson ? [e.event] : []));
			expect((await registers('L2'))[0]?.marks).toHaveLength(30);
			// Kept: the 14 days up to the latest lesson; L1 is pruned.
			expect(Object.keys((await s.state.sentLessons(SCHOOL, 'wonde')).lessons)).toEqual(['L2']);

			const student = students[7] as unknown as { id: string; mis_id: string };
			s.fake.touch('lesson-attendance', 'ML27', '2026-11-20 11:00:00.000000', { attendance_code: { data: { code: 'L' } }, minutes_late: 6 });
			s.fake.touch('lesson-attendance', 'ML13', '2026-11-20 11:00:00.000000', { attendance_code: { data: { code: 'M' } } });
			const before = (await all(s.store)).length;
			const summary = await runSync(only, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.endpoints.find((e) => e.endpoint === 'lesson-attendance')).toMatchObject({ records: 2, appended: 2 });
			expect((await all(s.store)).length).toBe(before + 2);
			const l2 = (await registers('L2')).at(-1);
			expect(l2?.marks).toHaveLength(30);
			expect(new Set(l2?.marks.map((m) => m.studentId)).size).toBe(30);
			expect(l2?.marks.find((m) => m.studentId === student.mis_id)).toEqual({ studentId: student.mis_id, code: 'L', minutesLate: 6 });
			expect(l2?.marks.filter((m) => m.code === '/')).toHaveLength(29);
			// L1 is older than the window: its corrected mark comes alone, as the docs say.
			expect((await registers('L1')).at(-1)?.marks).toEqual([{ studentId: (students[3] as unknown as { mis_id: string }).mis_id, code: 'M' }]);

			// Nothing new: nothing appended.
			await runSync(only, s.source, { store: s.store, state: s.state, retry: FAST });
			expect((await all(s.store)).length).toBe(before + 2);
		} finally {
			await s.close();
		}
	});

	it('a record the contract refuses is counted with its reason, audited, and the rest of the page applied', async () => {
		const s = await small(data);
		try {
			const template = (data.endpoints.students ?? [])[0] as Record<string, unknown>;
			s.fake.add('students', { ...template, id: 'A0000000001', mis_id: 'bad id with spaces', updated_at: wondeDate('2026-09-01 07:00:00.000000') } as never);
			s.fake.add('attendance/session', {
				id: 'S0000000001',
				created_at: wondeDate('2026-09-01 07:00:00.000000'),
				updated_at: wondeDate('2026-09-08 09:20:00.000000'),
				student: (data.endpoints.students?.[0] as { id: string }).id,
				session: 'AM',
				date: wondeDate('2026-09-08 00:00:00.000000'),
				attendance_code: { data: { code: 'H' } }
			});
			const summary = await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST });
			expect(summary.status.state).toBe('ok');
			expect(summary.status.refused).toBe(2);
			expect(summary.refusals).toEqual([
				{ endpoint: 'students', sourceId: 'A0000000001', reason: expect.stringMatching(/^id letters, digits/) as unknown },
				{ endpoint: 'attendance/session', sourceId: 'S0000000001', reason: expect.stringMatching(/code unknown attendance code "H"/) as unknown }
			]);
			const audits = (await all(s.store)).flatMap((e) => (e.event.type === 'audit:recorded' && e.event.action === 'connector_refused' ? [e.event.detail] : []));
			expect(audits).toHaveLength(2);
			expect(audits[0]).toMatch(/^wonde students A0000000001: /);
			// Read again, the page appends nothing more: not the good records, not the audits.
			const before = (await all(s.store)).length;
			await s.state.reset(SCHOOL, 'wonde');
			await runSync(wondeConnector, s.source, { store: s.store, state: s.state, retry: FAST });
			expect((await all(s.store)).length).toBe(before);
		} finally {
			await s.close();
		}
	});
});
