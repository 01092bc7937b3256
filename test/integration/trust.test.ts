import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type InboundEvent } from '../../server/protocol';
import { ingest, keyFor, signIn, type SignedIn } from '../support/access';
import { call, errorOf, ingestOk, schoolReference } from '../support/principals';
import { startTestServer, type TestServer } from '../support/server';
import { setTrust } from '../support/trust';

/** A and B are in trust-one, C in trust-two, as the operator set them; D is in none. */
const A = 'trust-a';
const B = 'trust-b';
const C = 'trust-c';
const D = 'trust-d';

const DIR = new URL('../../simulators/northfield/', import.meta.url);
/** The demo school's CSV set, with `extra` rows added to its school.csv. */
function csvFiles(extra = ''): Record<string, string> {
	const files = Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));
	files['school.csv'] = `${files['school.csv']!.trimEnd()}\n${extra}`;
	return files;
}

let server: TestServer;
let trustAdminC: SignedIn;
let adminC: SignedIn;

beforeAll(async () => {
	server = await startTestServer();
	await setTrust(server.store, A, 'trust-one');
	await setTrust(server.store, B, 'trust-one');
	await setTrust(server.store, C, 'trust-two');
	for (const id of [A, B, C, D]) await ingestOk(server, schoolReference(id));
	trustAdminC = await signIn(server, C, 'trust_admin');
	adminC = await signIn(server, C, 'admin');
});
afterAll(() => server.close());

const schoolsOf = async (person: SignedIn) =>
	((await call(server.url, 'GET', '/session', { headers: { cookie: person.cookie } })).body as { data: { schools: { id: string; role: string }[] } }).data
		.schools;

/** What a trust admin of C may do in A: each answers 403 unless C has become part of A's trust. */
async function reachIntoA(person: SignedIn): Promise<number[]> {
	const record = await call(server.url, 'GET', `/students/STU1?school=${A}`, { headers: person.headers });
	const key = await call(server.url, 'POST', `/keys?school=${A}`, { headers: person.headers, body: { name: 'taken over' } });
	const audit = await call(server.url, 'GET', `/audit?school=${A}`, { headers: person.headers });
	return [record.status, key.status, audit.status];
}

describe('which trust a school is in', () => {
	it('is what the operator set: a trust admin opens the schools of their trust and no other', async () => {
		const trustAdminA = await signIn(server, A, 'trust_admin');
		expect(await schoolsOf(trustAdminA)).toEqual([
			{ id: A, name: `School ${A}`, role: 'admin' },
			{ id: B, name: `School ${B}`, role: 'admin' }
		]);
		expect(await reachIntoA(trustAdminC)).toEqual([403, 403, 403]);
	});

	it('is not changed by a school importing another trust’s id, by its admin or its key: refused, naming school.csv and trust_id', async () => {
		const files = csvFiles('trust_id,trust-one\n');
		const byAdmin = await call(server.url, 'POST', `/import?school=${C}`, { headers: adminC.headers, body: { files } });
		expect(byAdmin.status).toBe(400);
		const issue = errorOf(byAdmin).issues?.[0];
		expect(issue?.path).toMatch(/^school\.csv:\d+/);
		expect(issue?.message).toMatch(/trust_id/);
		const key = await keyFor(server.store, C);
		const byKey = await call(server.url, 'POST', `/import?school=${C}`, { headers: { authorization: `Bearer ${key}` }, body: { files } });
		expect(byKey.status).toBe(400);
		expect(errorOf(byKey).issues?.[0]?.message).toMatch(/trust_id/);
		expect(await reachIntoA(trustAdminC)).toEqual([403, 403, 403]);
		expect((await schoolsOf(trustAdminC)).map((s) => s.id)).toEqual([C]);
	});

	it('is not changed by a key sending reference data that names another trust: refused, naming school.trustId', async () => {
		const sent = await ingest(server, schoolReference(C, { id: 'ref-claims-trust-one', trustId: 'trust-one' }));
		expect(sent.status).toBe(403);
		expect(ApiError.parse(sent.body).issues).toEqual([expect.objectContaining({ path: 'school.trustId' })]);
		expect(await reachIntoA(trustAdminC)).toEqual([403, 403, 403]);
	});

	it('refuses any trust_id from a school the operator put in no trust, and takes the one the operator set', async () => {
		const adminD = await signIn(server, D, 'admin');
		const claimed = await call(server.url, 'POST', `/import?school=${D}`, { headers: adminD.headers, body: { files: csvFiles('trust_id,trust-two\n') } });
		expect(claimed.status).toBe(400);
		expect(errorOf(claimed).issues?.[0]?.message).toMatch(/trust_id/);
		const same = await call(server.url, 'POST', `/import?school=${C}`, { headers: adminC.headers, body: { files: csvFiles('trust_id,trust-two\n') } });
		expect(same.status).toBe(200);
		const none = await call(server.url, 'POST', `/import?school=${D}`, { headers: adminD.headers, body: { files: csvFiles() } });
		expect(none.status).toBe(200);
	});

	it('can never be sent by a key: school:trust-set is written by Lookout itself', async () => {
		const sent = await ingest(server, { id: 'sneaky', schoolId: C, occurredAt: '2026-11-23T09:00:00Z', type: 'school:trust-set', trustId: 'trust-one' });
		expect(sent.status).toBe(403);
		expect(JSON.stringify(sent.body)).toMatch(/written by Lookout itself/);
		expect(await reachIntoA(trustAdminC)).toEqual([403, 403, 403]);
	});

	it('ignores the trust ids imports wrote into the log before the operator set trusts', async () => {
		// As an older Lookout stored them: two schools' reference data naming one trust, straight into their logs.
		for (const id of ['legacy-e', 'legacy-f']) await server.store.append([schoolReference(id, { trustId: 'trust-legacy' }) as InboundEvent]);
		const trustAdminE = await signIn(server, 'legacy-e', 'trust_admin');
		expect((await schoolsOf(trustAdminE)).map((s) => s.id)).toEqual(['legacy-e']);
		expect((await call(server.url, 'GET', '/students/STU1?school=legacy-f', { headers: trustAdminE.headers })).status).toBe(403);
	});
});
