import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol';
import { listWalls, pairWall, reloadWalls, revokeWall } from '../../server/src/cli/wall-admin';
import { ingest, signIn, type SignedIn } from '../support/access';
import { connectClient } from '../support/client';
import { reference, SCHOOL } from '../support/events';
import { postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
/** The school's admin, who pairs and revokes its screens. */
let admin: SignedIn;

/** A server with an admin of the school signed in; the session lives in the log, so it outlasts a restart. */
async function start(): Promise<TestServer> {
	server = await startTestServer();
	admin = await signIn(server, SCHOOL, 'admin');
	return server;
}
const sockets: Socket[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.disconnect();
	await server?.close();
});

type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A wall's socket as the page opens it; resolves once connected, rejects with the refusal. */
function connectWall(url: string, deviceToken: string, schoolId = SCHOOL): Promise<WallSocket> {
	const socket: WallSocket = io(url, { transports: ['websocket'], auth: { schoolId, deviceToken }, reconnection: false });
	sockets.push(socket);
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

const tokenOf = (address: string) => address.slice(address.indexOf('#') + 1);

describe('paired wall screens', () => {
	it('pairs a screen with a token shown once, lets it in, and lists it without the token', async () => {
		server = await start();
		const { deviceId, address } = await pairWall(server.url, SCHOOL, 'Pastoral office', admin);
		expect(address).toMatch(new RegExp(`^${server.url}/wall/pair\\?school=${SCHOOL}#[A-Za-z0-9_-]{43}$`));
		const wall = await connectWall(server.url, tokenOf(address));
		expect(wall.connected).toBe(true);
		const listed = await listWalls(server.url, SCHOOL, admin);
		expect(listed).toEqual([{ id: deviceId, name: 'Pastoral office', pairedAt: expect.any(String), revokedAt: null }]);
		expect(JSON.stringify(listed)).not.toContain(tokenOf(address));
	});

	it('refuses an unknown token, and a token of another school', async () => {
		server = await start();
		const otherAdmin = await signIn(server, 'other-school', 'admin');
		const { address } = await pairWall(server.url, 'other-school', 'Elsewhere', otherAdmin);
		await expect(connectWall(server.url, 'x'.repeat(43))).rejects.toThrow('unknown_device');
		await expect(connectWall(server.url, tokenOf(address))).rejects.toThrow('unknown_device');
		expect((await connectWall(server.url, tokenOf(address), 'other-school')).connected).toBe(true);
	});

	it('revoking tells the screen and closes it at once; the token never works again, even after a restart', async () => {
		server = await start();
		const { deviceId, address } = await pairWall(server.url, SCHOOL, 'Corridor', admin);
		const wall = await connectWall(server.url, tokenOf(address));
		const told = new Promise<void>((resolve) => wall.once('device:revoked', () => resolve()));
		const closed = new Promise<string>((resolve) => wall.once('disconnect', (reason) => resolve(reason)));
		await revokeWall(server.url, SCHOOL, deviceId, admin);
		await told;
		expect(await closed).toBe('io server disconnect');
		await expect(connectWall(server.url, tokenOf(address))).rejects.toThrow('device_revoked');

		const dataDir = server.dataDir;
		await server.close();
		server = await startTestServer({ dataDir });
		await expect(connectWall(server.url, tokenOf(address))).rejects.toThrow('device_revoked');
		await expect(revokeWall(server.url, SCHOOL, 'no-such-device', admin)).rejects.toThrow('no such device');
	});

	it('keeps a paired screen working across a server restart', async () => {
		server = await start();
		const { address } = await pairWall(server.url, SCHOOL, 'Office', admin);
		const dataDir = server.dataDir;
		await server.close();
		server = await startTestServer({ dataDir });
		expect((await connectWall(server.url, tokenOf(address))).connected).toBe(true);
	});

	it("reloads every wall of a school on an admin's word, and nothing else", async () => {
		server = await start();
		const { address } = await pairWall(server.url, SCHOOL, 'Office', admin);
		const wall = await connectWall(server.url, tokenOf(address));
		const viewer = await connectClient(server.url, SCHOOL, await signIn(server, SCHOOL, 'coordinator'));
		let viewerReloads = 0;
		viewer.socket.on('wall:reload', () => (viewerReloads += 1));
		const reloaded = new Promise<void>((resolve) => wall.once('wall:reload', () => resolve()));
		await reloadWalls(server.url, SCHOOL, admin);
		await reloaded;
		expect(viewerReloads).toBe(0);
		viewer.close();
	});

	it("never sends a student's name, or a flag, to a wall: every message it receives is scanned", async () => {
		server = await start();
		const { address } = await pairWall(server.url, SCHOOL, 'Office', admin);
		const wall = await connectWall(server.url, tokenOf(address));
		const received: string[] = [];
		wall.onAny((event: string, ...args: unknown[]) => received.push(JSON.stringify([event, ...args])));
		received.push(JSON.stringify(await wall.timeout(5_000).emitWithAck('school:snapshot', { schoolId: SCHOOL })));
		const at = (m: number) => `2026-11-23T09:${String(m).padStart(2, '0')}:00Z`;
		const student = { id: 'STU1' };
		await ingest(server, [
			reference(),
			{
				id: 'b1',
				schoolId: SCHOOL,
				type: 'behaviour:recorded',
				occurredAt: at(5),
				polarity: 'negative',
				category: 'fighting',
				severity: 4,
				points: -4,
				locationId: 'M1',
				studentIds: [student.id],
				staffId: 'T1'
			},
			{
				id: 'o1',
				schoolId: SCHOOL,
				type: 'oncall:raised',
				occurredAt: at(6),
				requestId: 'r1',
				locationId: 'M1',
				reason: 'safeguarding',
				priority: 'emergency',
				studentIds: [student.id],
				raisedBy: 'T1'
			},
			{
				id: 'rr1',
				schoolId: SCHOOL,
				type: 'reflection:booked',
				occurredAt: at(7),
				bookingId: 'bk1',
				studentId: student.id,
				roomId: 'S1',
				periodId: 'P1',
				startsAt: at(7),
				endsAt: at(50),
				reason: 'Removed',
				bookedBy: 'T1'
			},
			{ id: 'rr2', schoolId: SCHOOL, type: 'reflection:checked-in', occurredAt: at(8), bookingId: 'bk1' },
			{ id: 'l1', schoolId: SCHOOL, type: 'student:arrived-late', occurredAt: at(9), studentId: student.id, session: 'AM', minutesLate: 12 }
		]);
		await new Promise<void>((resolve) => {
			const check = () => (received.some((m) => m.includes('"arrivals"') && m.includes('STU1')) ? resolve() : setTimeout(check, 20));
			check();
		});
		const all = received.join('\n');
		expect(all).toContain('"initials":"AH"');
		for (const secret of ['Amelia', 'Hartley', 'givenName', 'familyName', '"flags"', '"sen"', '"medical"', 'safeguarding":']) expect(all).not.toContain(secret);
	});

	it('answers bad pairing requests with the field at fault', async () => {
		server = await start();
		const pair = (query: string, body: unknown) => postJson(`${server?.url}/api/v1/devices?school=${query}`, body, admin.headers);
		expect(await pair(SCHOOL, { name: '' })).toMatchObject({ status: 400, body: { code: 'invalid_body', issues: [{ path: 'name' }] } });
		expect(await pair(SCHOOL, { name: 'x', token: 'mine' })).toMatchObject({ status: 400, body: { code: 'invalid_body' } });
		expect(await pair('NOT%20A%20SCHOOL', { name: 'x' })).toMatchObject({ status: 400, body: { code: 'invalid_query', issues: [{ path: 'school' }] } });
	});
});
