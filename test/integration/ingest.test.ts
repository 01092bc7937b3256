import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, IngestResult } from '../../server/protocol';
import { ingest, keyFor, pairDevice, signIn, type SignedIn } from '../support/access';
import { connectClient } from '../support/client';
import { behaviour, reference, SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let coordinator: SignedIn;
beforeAll(async () => {
	server = await startTestServer();
	expect((await ingest(server, reference())).status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator');
});
afterAll(() => server.close());

const events = () => `${server.url}/api/v1/events`;
/** Posts to the ingest route as-is with the school's key, for bodies `ingest` could not split. */
const post = async (body: unknown) => postJson(events(), body, { authorization: `Bearer ${await keyFor(server.store, SCHOOL)}` });
const snapshot = () => getSnapshot(server.url, SCHOOL, coordinator);

describe('ingest', () => {
	it('stores an event and every connected client of the school receives it in a frame, named only for the roles allowed names', async () => {
		const named = await connectClient(server.url, SCHOOL, coordinator);
		const wall = await connectClient(server.url, SCHOOL, { deviceToken: (await pairDevice(server.store, SCHOOL)).token });
		const patrol = await connectClient(server.url, SCHOOL, await signIn(server, SCHOOL, 'patrol'));
		const before = (await snapshot()).position;
		const res = await ingest(server, behaviour('first'));
		expect(res.status).toBe(200);
		expect(IngestResult.parse(res.body).data).toEqual({ accepted: 1, duplicates: 0, positions: { [SCHOOL]: before + 1 } });
		const hasFirst = (f: { changes: { feed: string; upsert: { id: string }[] }[] }) =>
			f.changes.some((c) => c.feed === 'behaviour' && c.upsert.some((i) => i.id === 'first'));
		const itemOf = (frame: { changes: { feed: string; upsert: unknown[] }[] }) => frame.changes.find((c) => c.feed === 'behaviour')?.upsert[0];

		const namedFrame = await named.waitFor(hasFirst);
		expect(itemOf(namedFrame)).toMatchObject({ roomName: 'M1 Maths', staff: { code: 'JSM' } });
		expect(itemOf(namedFrame)).toHaveProperty('students', [{ id: 'STU1', initials: 'AH', yearGroup: 9, name: 'Amelia Hartley' }]);
		for (const redacted of [wall, patrol]) {
			const frame = await redacted.waitFor(hasFirst);
			expect(frame.position).toBe(namedFrame.position);
			expect(itemOf(frame)).toMatchObject({ roomName: 'M1 Maths', staff: { code: 'JSM' } });
			expect(itemOf(frame)).toHaveProperty('students', [{ id: 'STU1', initials: 'AH', yearGroup: 9 }]);
			expect(JSON.stringify(frame)).not.toMatch(/Amelia|Hartley/);
		}
		for (const c of [named, wall, patrol]) c.close();
	});

	it('accepts a resend and ignores its duplicates', async () => {
		const batch = [behaviour('dup-1'), behaviour('dup-2')];
		expect(IngestResult.parse((await ingest(server, batch)).body).data).toMatchObject({ accepted: 2, duplicates: 0 });
		const before = await snapshot();
		expect(IngestResult.parse((await ingest(server, batch)).body).data).toMatchObject({ accepted: 0, duplicates: 2 });
		expect((await snapshot()).position).toBe(before.position);
	});

	it('refuses a batch of 100 with one malformed event, naming it, and stores none of them', async () => {
		const before = await snapshot();
		const batch = Array.from({ length: 100 }, (_, i) => behaviour(`batch-${i}`));
		batch[57] = behaviour('batch-57', { occurredAt: 'yesterday', studentIds: [] });
		const res = await ingest(server, batch);
		expect(res.status).toBe(400);
		const error = ApiError.parse(res.body);
		expect(error.code).toBe('invalid_body');
		expect(error.issues?.map((i) => [i.index, i.path])).toEqual([
			[57, '[57].occurredAt'],
			[57, '[57].studentIds']
		]);
		const after = await snapshot();
		expect(after.position).toBe(before.position);
		expect(after.view).toEqual(before.view);
	});

	it('answers bad bodies with a clear error and keeps running', async () => {
		const notJson = await post('{"id": ');
		expect(notJson.status).toBe(400);
		expect(ApiError.parse(notJson.body)).toMatchObject({ code: 'invalid_body', message: expect.stringContaining('not valid JSON') });

		const unknown = await post({ ...behaviour('x'), type: 'behaviour:deleted' });
		expect(ApiError.parse(unknown.body).issues?.[0]).toMatchObject({ path: 'type', message: expect.stringContaining('unknown event type') });

		const empty = await post([]);
		expect(ApiError.parse(empty.body).issues?.[0]?.path).toBe('(body)');

		const huge = await post([behaviour('big', { locationId: 'M1' })].concat(Array(30_000).fill(behaviour('big'))));
		expect(huge.status).toBe(413);
		expect(ApiError.parse(huge.body).code).toBe('body_too_large');

		const asText = await fetch(events(), {
			method: 'POST',
			headers: { 'content-type': 'text/plain', authorization: `Bearer ${await keyFor(server.store, SCHOOL)}` },
			body: JSON.stringify(behaviour('t'))
		});
		expect(asText.status).toBe(400);
		expect(ApiError.parse(await asText.json()).message).toContain('Content-Type: application/json');
		const noBody = await fetch(events(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${await keyFor(server.store, SCHOOL)}` },
			body: ''
		});
		expect(noBody.status).toBe(400);
		expect(ApiError.parse(await noBody.json()).code).toBe('invalid_body');

		// Nobody has a role in a school that is not there: asking is refused, and does not create it.
		const schoolCount = () => server.app.projections.schoolIds().length;
		const schoolsBefore = schoolCount();
		const unknownSchool = await fetch(`${server.url}/api/v1/snapshot?school=nobody-here`, { headers: { cookie: coordinator.cookie } });
		expect(unknownSchool.status).toBe(403);
		const schools = (await (await fetch(`${server.url}/api/v1/schools`, { headers: { cookie: coordinator.cookie } })).json()) as { id: string }[];
		expect(schools.map((s) => s.id)).toEqual([SCHOOL]);
		expect(schoolCount()).toBe(schoolsBefore);

		const noSchool = await fetch(`${server.url}/api/v1/snapshot`, { headers: { cookie: coordinator.cookie } });
		expect(noSchool.status).toBe(400);
		expect(ApiError.parse(await noSchool.json()).issues?.[0]?.path).toBe('school');

		const nowhere = await fetch(`${server.url}/api/v1/nowhere`);
		expect(nowhere.status).toBe(404);

		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it("answers every API call uncacheable, unframeable and unsniffable, errors and 404s too, with the key's rate limit", async () => {
		const accepted = await post(behaviour('headers'));
		const refused = await post({});
		const snapshotAnswer = await fetch(`${server.url}/api/v1/snapshot?school=${SCHOOL}`, { headers: { cookie: coordinator.cookie } });
		const missing = await fetch(`${server.url}/api/v1/nowhere`);
		for (const headers of [accepted.headers, refused.headers, snapshotAnswer.headers, missing.headers]) {
			expect(headers.get('cache-control')).toBe('no-store');
			expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
			expect(headers.get('x-content-type-options')).toBe('nosniff');
			expect(headers.get('x-frame-options')).toBe('DENY');
			expect(headers.get('etag')).toBeNull();
		}
		expect(accepted.headers.get('ratelimit')).toMatch(/^limit=\d+, remaining=\d+, reset=\d+$/);
		expect(accepted.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(accepted.headers.get('x-request-id')).toBeTruthy();
	});

	it('refuses a socket without a valid school and names the field', async () => {
		const socket = io(server.url, { transports: ['websocket'], auth: { schoolId: 'Not A School!' }, reconnection: false });
		const err = await new Promise<Error & { data?: { issues?: { path: string }[] } }>((resolve) => socket.once('connect_error', resolve));
		expect(err.message).toBe('invalid_auth');
		expect(err.data?.issues?.[0]?.path).toBe('schoolId');
		socket.close();
	});

	it('publishes the contract as JSON Schema', async () => {
		const schema = (await (await fetch(`${server.url}/api/v1/schema`)).json()) as { schemas: Record<string, { oneOf?: unknown[] }> };
		expect(Object.keys(schema.schemas)).toEqual(
			expect.arrayContaining(['InboundEvent', 'Snapshot', 'Delta', 'ApiError', 'ImportBody', 'HotspotsReport', 'FloorplanFile'])
		);
		expect(JSON.stringify(schema.schemas.InboundEvent)).toContain('oncall:raised');
	});
});
