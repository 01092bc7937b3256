import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditEntry } from '../../server/protocol';
import { ConnectorStatus } from '../../server/protocol/connectors';
import { signIn, type SignedIn } from '../support/access';
import { REFUSED_MARK, REFUSED_STUDENT, startWithConnector } from '../support/connectors-fixture';
import { call, credentialsFor, errorOf, type MatrixRole } from '../support/principals';
import { setTrust } from '../support/trust';

const SCHOOL = 'northfield';
const Statuses = z.object({ ok: z.literal(true), data: z.array(ConnectorStatus) });
const Started = z.object({ ok: z.literal(true), data: ConnectorStatus });

let env: Awaited<ReturnType<typeof startWithConnector>>;
let admin: SignedIn;

beforeAll(async () => {
	env = await startWithConnector(SCHOOL);
	await setTrust(env.server.store, SCHOOL, 'north-trust');
	await setTrust(env.server.store, 'northfield-sixth', 'north-trust');
	await setTrust(env.server.store, 'elsewhere', 'other-trust');
	admin = await signIn(env.server, SCHOOL, 'admin');
}, 60_000);
afterAll(() => env?.close());

const statuses = async (who: SignedIn = admin) => {
	const answer = await call(env.server.url, 'GET', `/connectors?school=${SCHOOL}`, { headers: who.headers });
	expect(answer.status, answer.text).toBe(200);
	return Statuses.parse(answer.body).data;
};
const wonde = async () => (await statuses()).find((s) => s.connector === 'wonde');
const runNow = (who: SignedIn = admin, connector = 'wonde') =>
	call(env.server.url, 'POST', `/connectors/${connector}/run?school=${SCHOOL}`, { headers: who.headers });

/** Polls the status, as the page does, until the run ends. */
async function ended(): Promise<ConnectorStatus> {
	for (let i = 0; i < 300; i++) {
		const status = await wonde();
		if (status && status.state !== 'running') return status;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('the run did not end in 15 s');
}

describe('GET /connectors and POST /connectors/:connector/run, against a fake Wonde over real HTTP', () => {
	it('the admin sees each connector switched on, never run, with when the schedule runs it next', async () => {
		const [status, ...rest] = await statuses();
		expect(rest).toEqual([]);
		expect(status).toMatchObject({ connector: 'wonde', schoolId: SCHOOL, state: 'never_run', recordsIn: 0, refused: 0, refusals: [] });
		// The schedule is an hour off in this test.
		expect(Date.parse(status?.nextRunAt ?? '') - Date.now()).toBeGreaterThan(55 * 60_000);
	});

	it('a trust admin of the school sees it too; the school is theirs to run', async () => {
		const trustAdmin = await signIn(env.server, 'northfield-sixth', 'trust_admin');
		expect(await statuses(trustAdmin)).toHaveLength(1);
	});

	it.each(['slt', 'coordinator', 'patrol', 'wall', 'integration', 'admin_other_trust', 'anonymous'] as const satisfies readonly MatrixRole[])(
		'%s is refused both routes',
		async (role) => {
			const schools = { a: SCHOOL, sameTrust: 'northfield-sixth', otherTrust: 'elsewhere', patrolStaffId: 'P1' };
			const { headers } = await credentialsFor(env.server, schools, role);
			const expected = role === 'anonymous' ? 401 : 403;
			const read = await call(env.server.url, 'GET', `/connectors?school=${SCHOOL}`, { headers });
			expect(read.status, read.text).toBe(expected);
			const run = await call(env.server.url, 'POST', `/connectors/wonde/run?school=${SCHOOL}`, { headers });
			expect(run.status, run.text).toBe(expected);
			expect(errorOf(run).code).toBe(role === 'anonymous' ? 'unauthenticated' : 'forbidden');
		}
	);

	it('a bad query names the field: the format, a malformed school, no school at all', async () => {
		const format = await call(env.server.url, 'GET', `/connectors?school=${SCHOOL}&format=xml`, { headers: admin.headers });
		expect(format.status).toBe(400);
		expect(errorOf(format)).toMatchObject({ code: 'invalid_query', issues: [{ path: 'format' }] });
		const malformed = await call(env.server.url, 'GET', `/connectors?school=North%20Field`, { headers: admin.headers });
		expect(malformed.status).toBe(400);
		expect(errorOf(malformed).issues?.[0]?.path).toBe('school');
		const none = await call(env.server.url, 'GET', `/connectors`, { headers: admin.headers });
		expect(none.status).toBe(400);
		expect(errorOf(none).issues?.[0]?.path).toBe('school');
		const noSchoolRun = await call(env.server.url, 'POST', `/connectors/wonde/run`, { headers: admin.headers });
		expect(noSchoolRun.status).toBe(400);
		expect(errorOf(noSchoolRun).issues?.[0]?.path).toBe('school');
	});

	it('run now of a connector the school has not switched on, or that Lookout does not have, is a 404 naming it', async () => {
		const arbor = await runNow(admin, 'arbor');
		expect(arbor.status).toBe(404);
		expect(errorOf(arbor)).toMatchObject({ code: 'not_found', message: 'northfield has no arbor connector switched on', issues: [{ path: 'connector' }] });
		const sims = await runNow(admin, 'sims');
		expect(sims.status).toBe(404);
		expect(errorOf(sims).message).toBe('Lookout has no connector "sims"');
	});

	it('run now: 202 with the status running, then ok, with records in and each refusal with its reason; the refusals as CSV', async () => {
		const answer = await runNow();
		expect(answer.status, answer.text).toBe(202);
		const started = Started.parse(answer.body).data;
		expect(started).toMatchObject({ connector: 'wonde', state: 'running', lastSuccessAt: null });
		expect(Date.parse(started.nextRunAt ?? '')).toBeGreaterThan(Date.now());
		const status = await ended();
		expect(status).toMatchObject({ state: 'ok', detail: null, endpoint: null, refused: 2, lastRunAt: started.lastRunAt });
		expect(status.recordsIn).toBeGreaterThan(400);
		expect(Date.parse(status.lastSuccessAt ?? '')).toBeGreaterThanOrEqual(Date.parse(started.lastRunAt ?? ''));
		expect(status.refusals).toEqual([
			{ endpoint: 'students', sourceId: REFUSED_STUDENT, reason: expect.stringMatching(/^id letters, digits/) as unknown },
			{ endpoint: 'attendance/session', sourceId: REFUSED_MARK, reason: expect.stringMatching(/unknown attendance code "H"/) as unknown }
		]);
		expect(env.server.app.projections.state(SCHOOL).students.size).toBe(60);

		const csv = await fetch(`${env.server.url}/api/v1/connectors?school=${SCHOOL}&format=csv`, { headers: { cookie: admin.cookie } });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?northfield-connector-refusals\.csv"?$/);
		const lines = (await csv.text()).trimEnd().split('\n');
		expect(lines[0]).toBe('connector,endpoint,sourceId,reason');
		expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
			`wonde,students,${REFUSED_STUDENT}`,
			`wonde,attendance/session,${REFUSED_MARK}`
		]);
	});

	it('a run asked for by hand is in the audit log, by the admin who asked, before it starts', async () => {
		const answer = await call(env.server.url, 'GET', `/audit?school=${SCHOOL}`, { headers: admin.headers });
		const runs = z
			.object({ data: z.array(AuditEntry) })
			.parse(answer.body)
			.data.filter((e) => e.action === 'connector_run');
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.every((e) => e.detail === 'wonde run now' && e.actorRole === 'admin' && e.studentId === null)).toBe(true);
	});

	it('each refusal is in the audit log once, by the system, naming connector, endpoint and Wonde id, never the student', async () => {
		const answer = await call(env.server.url, 'GET', `/audit?school=${SCHOOL}`, { headers: admin.headers });
		const entries = z
			.object({ data: z.array(AuditEntry) })
			.parse(answer.body)
			.data.filter((e) => e.action === 'connector_refused');
		expect(entries.map((e) => e.detail.split(':')[0]).sort()).toEqual([`wonde attendance/session ${REFUSED_MARK}`, `wonde students ${REFUSED_STUDENT}`]);
		expect(entries.every((e) => e.actorId === 'system' && e.studentId === null)).toBe(true);
		const refused = env.fake.data.endpoints.students?.find((s) => s.id === REFUSED_STUDENT);
		const names = [refused?.forename, refused?.surname].map(String);
		expect(names.every((n) => n.length > 1 && n !== 'undefined')).toBe(true);
		for (const e of entries) for (const n of names) expect(e.detail).not.toContain(n);
	});

	it('409 while a run is under way (the source answering 503, its retries held), then the run ends ok', async () => {
		env.gate.close();
		env.fake.stopAfterPages = env.fake.pagesServed;
		try {
			expect((await runNow()).status).toBe(202);
			const again = await runNow();
			expect(again.status, again.text).toBe(409);
			expect(errorOf(again)).toMatchObject({ code: 'invalid_transition', issues: [{ path: 'connector', message: 'is running' }] });
			expect(errorOf(again).message).toMatch(/^a wonde run for northfield is under way since \d{4}-/);
			expect(await wonde()).toMatchObject({ state: 'running' });
		} finally {
			env.fake.stopAfterPages = null;
			env.gate.open();
		}
		expect(await ended()).toMatchObject({ state: 'ok', recordsIn: 0, refused: 0 });
	});

	it('a revoked key shows revoked with its endpoint; once renewed, run now tries again (the schedule would not)', async () => {
		env.fake.revoke();
		try {
			expect((await runNow()).status).toBe(202);
			const status = await ended();
			expect(status).toMatchObject({ state: 'revoked', endpoint: 'employees' });
			expect(status.detail).toMatch(/^employees: the source refused the key \(401\)/);
			expect(status.lastSuccessAt).not.toBeNull();
		} finally {
			env.fake.revoke(false);
		}
		expect((await runNow()).status).toBe(202);
		expect(await ended()).toMatchObject({ state: 'ok', endpoint: null, detail: null });
	});
});
