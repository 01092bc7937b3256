import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotAck, type ClientToServerEvents, type ServerToClientEvents } from '../../server/protocol';
import { behaviour, reference, SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Sends `school:snapshot` with any payload, as a careless or hostile client might. */
async function ask(socket: ClientSocket, payload: unknown): Promise<SnapshotAck> {
	const raw: unknown = await (socket as unknown as Socket).timeout(5_000).emitWithAck('school:snapshot', payload);
	return SnapshotAck.parse(raw);
}

describe('school:snapshot over the socket', () => {
	let server: TestServer;
	let socket: ClientSocket;

	beforeAll(async () => {
		server = await startTestServer();
		await postJson(`${server.url}/api/v1/events`, [reference(), behaviour('one')]);
		socket = io(server.url, { transports: ['websocket'], auth: { schoolId: SCHOOL } });
		await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
	});

	afterAll(async () => {
		socket.disconnect();
		await server.close();
	});

	it('answers with the same snapshot as the HTTP route', async () => {
		const answer = await ask(socket, { schoolId: SCHOOL });
		if (!answer.ok) throw new Error(answer.message);
		const http = await getSnapshot(server.url, SCHOOL);
		expect(answer.data.epoch).toBe(http.epoch);
		expect(answer.data.position).toBe(2);
		expect(answer.data.view).toEqual(http.view);
	});

	it('refuses bad requests with an error naming the field, and keeps the connection', async () => {
		expect(await ask(socket, 'please')).toMatchObject({ ok: false, code: 'invalid_body' });
		expect(await ask(socket, { schoolId: SCHOOL, extra: 1 })).toMatchObject({ ok: false, code: 'invalid_body', issues: [{ path: 'extra' }] });
		expect(await ask(socket, { schoolId: 'someone-else' })).toMatchObject({ ok: false, code: 'invalid_body', issues: [{ path: 'schoolId' }] });
		expect(await ask(socket, {})).toMatchObject({ ok: false, issues: [{ path: 'schoolId' }] });
		// Without an ack nobody is answered, and nothing breaks.
		(socket as unknown as Socket).emit('school:snapshot', { schoolId: SCHOOL });
		expect((await ask(socket, { schoolId: SCHOOL })).ok).toBe(true);
		expect(socket.connected).toBe(true);
	});
});
