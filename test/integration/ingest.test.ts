import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, IngestResult } from '../../server/protocol';
import { connectClient } from '../support/client';
import { behaviour, reference, SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
	expect((await postJson(`${server.url}/api/v1/events`, reference())).status).toBe(200);
});
afterAll(() => server.close());

const events = () => `${server.url}/api/v1/events`;

describe('ingest', () => {
	it('stores an event and every connected client of the school receives it in a frame', async () => {
		const client = await connectClient(server.url, SCHOOL);
		const res = await postJson(events(), behaviour('first'));
		expect(res.status).toBe(200);
		expect(IngestResult.parse(res.body).data).toEqual({ accepted: 1, duplicates: 0, positions: { [SCHOOL]: 2 } });
		const frame = await client.waitFor((f) => f.changes.some((c) => c.feed === 'behaviour' && c.upsert.some((i) => i.id === 'first')));
		const item = frame.changes.find((c) => c.feed === 'behaviour')?.upsert[0];
		expect(item).toMatchObject({ roomName: 'M1 Maths', students: [{ id: 'STU1', initials: 'AH', yearGroup: 9 }], staff: { code: 'JSM' } });
		expect(JSON.stringify(frame)).not.toMatch(/Amelia|Hartley/);
		client.close();
	});

	it('accepts a resend and ignores its duplicates', async () => {
		const batch = [behaviour('dup-1'), behaviour('dup-2')];
		expect(IngestResult.parse((await postJson(events(), batch)).body).data).toMatchObject({ accepted: 2, duplicates: 0 });
		const before = await getSnapshot(server.url, SCHOOL);
		expect(IngestResult.parse((await postJson(events(), batch)).body).data).toMatchObject({ accepted: 0, duplicates: 2 });
		expect((await getSnapshot(server.url, SCHOOL)).position).toBe(before.position);
	});

	it('refuses a batch of 100 with one malformed event, naming it, and stores none of them', async () => {
		const before = await getSnapshot(server.url, SCHOOL);
		const batch = Array.from({ length: 100 }, (_, i) => behaviour(`batch-${i}`));
		batch[57] = behaviour('batch-57', { occurredAt: 'yesterday', studentIds: [] });
		const res = await postJson(events(), batch);
		expect(res.status).toBe(400);
		const error = ApiError.parse(res.body);
		expect(error.code).toBe('invalid_body');
		expect(error.issues?.map((i) => [i.index, i.path])).toEqual([
			[57, '[57].occurredAt'],
			[57, '[57].studentIds']
		]);
		const after = await getSnapshot(server.url, SCHOOL);
		expect(after.position).toBe(before.position);
		expect(after.view).toEqual(before.view);
	});

	it('answers bad bodies with a clear error and keeps running', async () => {
		const notJson = await postJson(events(), '{"id": ');
		expect(notJson.status).toBe(400);
		expect(ApiError.parse(notJson.body)).toMatchObject({ code: 'invalid_body', message: expect.stringContaining('not valid JSON') });

		const unknown = await postJson(events(), { ...behaviour('x'), type: 'behaviour:deleted' });
		expect(ApiError.parse(unknown.body).issues?.[0]).toMatchObject({ path: 'type', message: expect.stringContaining('unknown event type') });

		const empty = await postJson(events(), []);
		expect(ApiError.parse(empty.body).issues?.[0]?.path).toBe('(body)');

		const huge = await postJson(events(), [behaviour('big', { locationId: 'M1' })].concat(Array(30_000).fill(behaviour('big'))));
		expect(huge.status).toBe(413);
		expect(ApiError.parse(huge.body).code).toBe('body_too_large');

		const asText = await fetch(events(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(behaviour('t')) });
		expect(asText.status).toBe(400);
		expect(ApiError.parse(await asText.json()).message).toContain('Content-Type: application/json');

		const unknownSchool = await fetch(`${server.url}/api/v1/snapshot?school=nobody-here`);
		expect(unknownSchool.status).toBe(200);
		const schools = (await (await fetch(`${server.url}/api/v1/schools`)).json()) as { id: string }[];
		expect(schools.map((s) => s.id)).not.toContain('nobody-here');

		const noSchool = await fetch(`${server.url}/api/v1/snapshot`);
		expect(noSchool.status).toBe(400);
		expect(ApiError.parse(await noSchool.json()).issues?.[0]?.path).toBe('school');

		const nowhere = await fetch(`${server.url}/api/v1/nowhere`);
		expect(nowhere.status).toBe(404);

		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
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
		expect(Object.keys(schema.schemas)).toEqual(expect.arrayContaining(['InboundEvent', 'Snapshot', 'Delta', 'ApiError', 'ImportBody', 'HotspotsReport', 'FloorplanFile']));
		expect(JSON.stringify(schema.schemas.InboundEvent)).toContain('oncall:raised');
	});
});
