import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../server/protocol';
import { REVEALS_PER_HOUR, REVEALS_UNUSUAL } from '../../server/src/domain/access/reveals';
import { signIn, type SignedIn } from '../support/access';
import { call, dispatchCall, errorOf, ingestOk, schoolReference, type TestStudent } from '../support/principals';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'reveal-school';
const HOUR = 60 * 60_000;
const STUDENTS: TestStudent[] = Array.from({ length: 80 }, (_, i) => ({
	id: `S${String(i + 1).padStart(2, '0')}`,
	givenName: `Given${i + 1}`,
	familyName: `Family${i + 1}`,
	yearGroup: 9,
	formGroup: '9N'
}));
const ids = (from: number, count: number) => STUDENTS.slice(from, from + count).map((s) => s.id);

let server: TestServer;
let now = 0;
let patrol: SignedIn;

beforeEach(async () => {
	now = Date.parse('2026-11-23T09:00:00Z');
	server = await startTestServer({ now: () => now });
	await ingestOk(server, schoolReference(SCHOOL, { students: STUDENTS, staff: ['T1', 'C1', 'P1', 'P2'] }));
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
});
afterEach(() => server.close());

const reveal = (studentIds: string[], person = patrol) => call(server.url, 'POST', '/students/reveal', { headers: person.headers, body: { studentIds } });
const step = (person: SignedIn, body: Record<string, unknown>) => call(server.url, 'POST', `/oncall?school=${SCHOOL}`, { headers: person.headers, body });

async function auditActions(actorId: string): Promise<string[]> {
	const admin = await signIn(server, SCHOOL, 'admin');
	const answer = await call(server.url, 'GET', '/audit', { headers: admin.headers });
	return AuditEntry.array()
		.parse((answer.body as { data: unknown }).data)
		.filter((e) => e.actorId === actorId)
		.map((e) => e.action);
}

describe('revealing names through a call', () => {
	it('refuses the names on a call the patrol member raised and sent themselves to', async () => {
		const raised = await step(patrol, {
			id: 'own-1',
			type: 'oncall:raised',
			requestId: 'own',
			locationId: 'M1',
			reason: 'disruption',
			priority: 'urgent',
			studentIds: ids(0, 40),
			raisedBy: 'P1'
		});
		expect(raised.status).toBe(200);
		expect((await step(patrol, { id: 'own-2', type: 'oncall:acknowledged', requestId: 'own', by: 'P1' })).status).toBe(200);
		expect((await step(patrol, { id: 'own-3', type: 'oncall:dispatched', requestId: 'own', staffId: 'P1', by: 'P1' })).status).toBe(200);
		const answer = await reveal(ids(0, 40));
		expect(answer.status).toBe(403);
		expect(errorOf(answer)).toMatchObject({ code: 'forbidden', issues: [{ path: 'studentIds' }] });
		expect(answer.text).not.toContain('Family1');
		expect(await auditActions(patrol.userId)).not.toContain('student_revealed');
	});

	it('refuses the students the patrol member added by raising a call merged into another’s, and names the others', async () => {
		const clock = await call(server.url, 'GET', '/clock');
		await ingestOk(server, {
			id: 'theirs-1',
			schoolId: SCHOOL,
			type: 'oncall:raised',
			occurredAt: (clock.body as { now: string }).now,
			requestId: 'theirs',
			locationId: 'M1',
			reason: 'disruption',
			priority: 'urgent',
			studentIds: ['S01'],
			raisedBy: 'T1'
		});
		// Raised from the same room a moment later: merged into the teacher's call, its students with it.
		const merged = await step(patrol, {
			id: 'mine-1',
			type: 'oncall:raised',
			requestId: 'mine',
			locationId: 'M1',
			reason: 'disruption',
			priority: 'urgent',
			studentIds: ['S02', 'S03'],
			raisedBy: 'P1'
		});
		expect(merged.status).toBe(200);
		const coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'C1' });
		expect((await step(coordinator, { id: 'theirs-2', type: 'oncall:acknowledged', requestId: 'theirs', by: 'C1' })).status).toBe(200);
		expect((await step(coordinator, { id: 'theirs-3', type: 'oncall:dispatched', requestId: 'theirs', staffId: 'P1', by: 'C1' })).status).toBe(200);
		expect((await reveal(['S01'])).status).toBe(200);
		expect((await reveal(['S02'])).status).toBe(403);
		expect((await reveal(['S01', 'S03'])).status).toBe(403);
	});
});

describe('how many names one person may reveal', () => {
	async function sendTo(requestId: string, studentIds: string[], room: string): Promise<void> {
		await dispatchCall(server, SCHOOL, requestId, 'P1', studentIds, room);
	}
	async function close(requestId: string): Promise<void> {
		const base = { schoolId: SCHOOL, requestId, by: 'P1' };
		await ingestOk(server, [
			{ ...base, id: `${requestId}-4`, type: 'oncall:en-route', occurredAt: '2026-11-23T09:07:00Z' },
			{ ...base, id: `${requestId}-5`, type: 'oncall:on-scene', occurredAt: '2026-11-23T09:08:00Z' },
			{ ...base, id: `${requestId}-6`, type: 'oncall:closed', occurredAt: '2026-11-23T09:09:00Z', disposition: 'resolved_in_class' }
		]);
	}

	it('flags an unusual number to the admins once, refuses past the hour’s limit with 429, and allows again an hour on', async () => {
		expect(REVEALS_UNUSUAL).toBeLessThan(40);
		expect(REVEALS_PER_HOUR).toBeLessThan(80);
		await sendTo('big', ids(0, 40), 'M1');
		expect((await reveal(ids(0, 40))).status).toBe(200);
		// The same names again are not more names.
		expect((await reveal(ids(0, 40))).status).toBe(200);
		await close('big');
		const rest = ids(40, 40);
		await sendTo('bigger', rest, 'S1');
		now += 10 * 60_000;
		const refused = await reveal(rest);
		expect(refused.status).toBe(429);
		expect(errorOf(refused)).toMatchObject({ code: 'rate_limited', issues: [{ path: 'studentIds' }] });
		expect(Number(refused.headers.get('retry-after'))).toBe(50 * 60);
		expect(refused.text).not.toContain('Family41');
		const actions = await auditActions(patrol.userId);
		expect(actions.filter((a) => a === 'reveals_unusual')).toHaveLength(1);
		expect(actions.filter((a) => a === 'student_revealed')).toHaveLength(80);
		now += HOUR;
		expect((await reveal(rest)).status).toBe(200);
	});

	it('writes no flag for a few names', async () => {
		await sendTo('small', ids(0, 3), 'M1');
		expect((await reveal(ids(0, 3))).status).toBe(200);
		expect(await auditActions(patrol.userId)).not.toContain('reveals_unusual');
	});
});
