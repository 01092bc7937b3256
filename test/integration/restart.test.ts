import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LiveConnection } from '../../dashboard/lib/realtime/live-connection';
import type { Delta, Snapshot } from '../../server/protocol';
import { ingest, issueKey, pairDevice, signIn } from '../support/access';
import { connectClient } from '../support/client';
import { behaviour, FIXTURE_MORNING, reference, SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { killed, spawnServer, withJournal } from '../support/process';
import { startTestServer, tempDir } from '../support/server';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('restarts', () => {
	it('a restart on the same data directory gives the same snapshot', async () => {
		const first = await startTestServer();
		await ingest(first, [reference(), ...Array.from({ length: 50 }, (_, i) => behaviour(`e${i}`))]);
		// The session is in the journal too, so the same cookie reads the snapshot after the restart.
		const coordinator = await signIn(first, SCHOOL, 'coordinator');
		const before = await getSnapshot(first.url, SCHOOL, coordinator);
		await first.close();
		const second = await startTestServer({ dataDir: first.dataDir });
		const after = await getSnapshot(second.url, SCHOOL, coordinator);
		expect(after.position).toBe(before.position);
		expect(after.view).toEqual(before.view);
		expect(after.epoch).not.toBe(before.epoch);
		await second.close();
	});

	it('loses nothing acknowledged when the process is killed with SIGKILL', async () => {
		const DATA_DIR = await tempDir();
		// A key to send with and a wall to look with, in the journal before the server starts.
		const { key, deviceToken } = await withJournal(DATA_DIR, async (store) => ({
			key: await issueKey(store, SCHOOL),
			deviceToken: (await pairDevice(store, SCHOOL)).token
		}));
		const first = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
		const batch = Array.from({ length: 1_000 }, (_, i) => behaviour(`kill-${i}`, { locationId: i % 2 ? 'M1' : 'S1' }));
		const res = await postJson(`${first.url}/api/v1/events`, batch, { authorization: `Bearer ${key}` });
		expect(res.status).toBe(200);
		await killed(first.child, 'SIGKILL');

		const second = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
		expect(second.output()).toContain('rebuilt 1002 events');
		const snapshot = await getSnapshot(second.url, SCHOOL, { deviceToken });
		expect(snapshot.position).toBe(1_002);
		const total = snapshot.view.rooms.reduce((n, r) => n + r.negativeToday, 0);
		expect(total).toBe(1_000);
		await killed(second.child, 'SIGTERM');
	});

	it('a client that drops briefly recovers the frames it missed, with no gap', async () => {
		const server = await startTestServer();
		await ingest(server, reference());
		const coordinator = await signIn(server, SCHOOL, 'coordinator');
		const client = await connectClient(server.url, SCHOOL, coordinator);
		const base = server.app.projections.position(SCHOOL);
		await ingest(server, behaviour('before-drop'));
		await client.waitFor((f) => f.position === base + 1);
		client.socket.io.engine.close();
		await until(() => !client.socket.connected);
		await ingest(server, behaviour('during-drop'));
		await until(() => client.socket.connected);
		expect(client.socket.recovered).toBe(true);
		await client.waitFor((f) => f.position === base + 2);
		const seqs = client.frames.map((f) => f.seq);
		expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
		client.close();
		await server.close();
	});

	it("the dashboard's connection re-fetches the snapshot after a server restart and carries on", async () => {
		const port = await freePort();
		const first = await startTestServer({ port });
		await ingest(first, [reference(), behaviour('one')]);
		// A wall screen's connection: its pairing is in the journal, so it holds across the restart.
		const { token } = await pairDevice(first.store, SCHOOL);
		const position = first.app.projections.position(SCHOOL);

		const connection = new LiveConnection(SCHOOL, first.url, { deviceToken: token });
		const snapshots: Snapshot[] = [];
		const deltas: Delta[] = [];
		connection.on('snapshot', (s) => snapshots.push(s));
		connection.on('delta', (d) => deltas.push(d));
		connection.start();
		await until(() => snapshots.length === 1);
		expect(snapshots[0]?.position).toBe(position);

		await first.close();
		const second = await startTestServer({ port, dataDir: first.dataDir });
		await until(() => snapshots.length === 2, 10_000);
		expect(snapshots[1]?.epoch).not.toBe(snapshots[0]?.epoch);
		await ingest(second, behaviour('two'));
		const latest = second.app.projections.position(SCHOOL);
		await until(() => deltas.some((d) => d.position === latest));
		connection.stop();
		await second.close();
	});
});
