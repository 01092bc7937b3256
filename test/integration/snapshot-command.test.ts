import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotAck, type ClientToServerEvents, type ServerToClientEvents } from '../../server/protocol';
import { ingest, pairDevice, signIn, type SignedIn } from '../support/access';
import { socketAuth, type Credentials } from '../support/client';
import { behaviour, reference, SCHOOL } from '../support/events';
import { getSnapshot } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Sends `school:snapshot` with any payload, as a careless or hostile client might. */
async function ask(socket: ClientSocket, payload: unknown): Promise<SnapshotAck> {
	const raw: unknown = await (socket as unknown as Socket).timeout(5_000).emitWithAck('school:snapshot', payload);
	return SnapshotAck.parse(raw);
}

async function connected(url: string, credentials: Credentials): Promise<ClientSocket> {
	const socket: ClientSocket = io(url, { transports: ['websocket'], ...socketAuth(SCHOOL, credentials) });
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

describe('school:snapshot over the socket', () => {
	let server: TestServer;
	let coordinator: SignedIn;
	let wall: Credentials;
	let socket: ClientSocket;
	let wallSocket: ClientSocket;
	let position: number;

	beforeAll(async () => {
		server = await startTestServer();
		coordinator = await signIn(server, SCHOOL, 'coordinator');
		wall = { deviceToken: (await pairDevice(server.store, SCHOOL)).token };
		await ingest(server, [reference(), behaviour('one')]);
		position = server.app.projections.position(SCHOOL);
		socket = await connected(server.url, coordinator);
		wallSocket = await connected(server.url, wall);
	});

	afterAll(async () => {
		socket.disconnect();
		wallSocket.disconnect();
		await server.close();
	});

	it('answers with the same snapshot as the HTTP route, for each tier', async () => {
		const answer = await ask(socket, { schoolId: SCHOOL });
		if (!answer.ok) throw new Error(answer.message);
		const http = await getSnapshot(server.url, SCHOOL, coordinator);
		expect(answer.data.epoch).toBe(http.epoch);
		expect(answer.data.position).toBe(position);
		expect(answer.data.view).toEqual(http.view);
		expect(answer.data.view.behaviour[0]?.students[0]?.name).toBe('Amelia Hartley');

		const wallAnswer = await ask(wallSocket, { schoolId: SCHOOL });
		if (!wallAnswer.ok) throw new Error(wallAnswer.message);
		const wallHttp = await getSnapshot(server.url, SCHOOL, wall);
		expect(wallAnswer.data.position).toBe(position);
		expect(wallAnswer.data.view).toEqual(wallHttp.view);
		expect(wallAnswer.data.view.behaviour[0]?.students).toEqual([{ id: 'STU1', initials: 'AH', yearGroup: 9 }]);
		expect(JSON.stringify(wallAnswer)).not.toMatch(/Amelia|Hartley/);
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
