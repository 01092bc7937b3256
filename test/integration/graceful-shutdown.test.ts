import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/src/logger';
import { RedisStore } from '../../server/src/store/redis-store';
import { issueKey, pairDevice } from '../support/access';
import { connectClient } from '../support/client';
import { behaviour, FIXTURE_MORNING, SCHOOL } from '../support/events';
import { killed, spawnServer, withJournal } from '../support/process';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { tempDir } from '../support/server';

const SHUTDOWN_BOUND_MS = 10_000;
const SENDERS = 4;

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** A `GET /readyz` whose headers are sent but for their last line: its connection is busy, so a closing server still answers it once it ends. */
function halfSentReadyz(url: string): { finish: () => Promise<string> } {
	const { hostname, port } = new URL(url);
	const socket = connect(Number(port), hostname);
	socket.write(`GET /readyz HTTP/1.1\r\nHost: ${hostname}\r\n`);
	let answer = '';
	socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
	const ended = new Promise<string>((resolve) => {
		socket.on('close', () => resolve(answer));
		socket.on('error', () => resolve(answer));
	});
	return {
		finish: () => {
			socket.end('Connection: close\r\n\r\n');
			return ended;
		}
	};
}

/** Posts one event a request from several senders at once until stopped: what each answer was. */
function streamEvents(url: string, key: string): { acknowledged: string[]; refusals: number[]; stop: () => Promise<void> } {
	const acknowledged: string[] = [];
	const refusals: number[] = [];
	let sending = true;
	const send = async (sender: number) => {
		for (let i = 0; sending; i += 1) {
			const id = `term-${sender}-${i}`;
			try {
				const res = await fetch(`${url}/api/v1/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
					body: JSON.stringify(behaviour(id))
				});
				await res.arrayBuffer();
				if (res.status === 200) acknowledged.push(id);
				else refusals.push(res.status);
			} catch {
				// Refused connections once the server stopped listening: the sender would try another node.
				await new Promise((r) => setTimeout(r, 20));
			}
		}
	};
	const senders = Array.from({ length: SENDERS }, (_, i) => send(i));
	return {
		acknowledged,
		refusals,
		stop: async () => {
			sending = false;
			await Promise.all(senders);
		}
	};
}

describe('graceful shutdown', () => {
	it('on SIGTERM refuses new work, drops live connections so clients reconnect, keeps every acknowledged event and exits 0 in time', async () => {
		const DATA_DIR = await tempDir();
		const { key, deviceToken } = await withJournal(DATA_DIR, async (store) => ({
			key: await issueKey(store, SCHOOL),
			deviceToken: (await pairDevice(store, SCHOOL)).token
		}));
		const server = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
		const client = await connectClient(server.url, SCHOOL, { deviceToken });
		const disconnects: string[] = [];
		client.socket.on('disconnect', (reason) => disconnects.push(reason));
		let reconnectAttempts = 0;
		client.socket.io.on('reconnect_attempt', () => (reconnectAttempts += 1));
		const probe = halfSentReadyz(server.url);

		const stream = streamEvents(server.url, key);
		const { acknowledged, refusals } = stream;
		await until(() => acknowledged.length >= 200);

		const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
		const signalled = Date.now();
		server.child.kill('SIGTERM');
		await until(() => disconnects.length > 0);
		const readyz = await probe.finish();
		const code = await exited;
		const took = Date.now() - signalled;
		await stream.stop();

		expect(code).toBe(0);
		expect(took).toBeLessThan(SHUTDOWN_BOUND_MS);
		// A dropped transport, not a server-side disconnect: the client reconnects by itself.
		expect(disconnects[0]).toBe('transport close');
		await until(() => reconnectAttempts > 0);
		expect(readyz).toMatch(/^HTTP\/1\.1 503/);
		expect(readyz).toContain('"writes":"closing"');
		expect(refusals.every((status) => status === 503)).toBe(true);
		const log = server.output();
		for (const step of ['/readyz answers 503', 'no new connections', 'closed 1 live connection(s)', 'every event taken is stored', 'the event log closed']) {
			expect(log).toContain(step);
		}
		expect(existsSync(join(DATA_DIR, 'journal.ndjson.lock'))).toBe(false);
		client.close();

		// The restart replays every acknowledged event (and at most those whose answer was lost on the way).
		const again = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
		const rebuilt = Number(/rebuilt (\d+) events/.exec(again.output())?.[1]);
		expect(rebuilt).toBeGreaterThanOrEqual(acknowledged.length + 2);
		expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
		await killed(again.child, 'SIGTERM');
		const stored = await withJournal(DATA_DIR, async (store) => {
			const ids = new Set<string>();
			for await (const s of store.read(SCHOOL)) ids.add(s.event.id);
			return ids;
		});
		expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
		expect(stored.size).toBe(rebuilt);
	}, 60_000);

	it('on Redis, exits 0 with every acknowledged event in Redis', async () => {
		await requireRedis();
		const REDIS_PREFIX = `lookout-test-shutdown-${randomUUID()}`;
		const openStore = () => RedisStore.open({ url: REDIS_TEST_URL, prefix: REDIS_PREFIX, logger: silentLogger });
		const setup = await openStore();
		const key = await issueKey(setup, SCHOOL);
		await setup.close();
		try {
			const server = await spawnServer({ REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX, CLOCK_START: FIXTURE_MORNING });
			const stream = streamEvents(server.url, key);
			await until(() => stream.acknowledged.length >= 100);
			const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
			server.child.kill('SIGTERM');
			expect(await exited).toBe(0);
			await stream.stop();
			expect(server.output()).toContain('the event log closed');
			const store = await openStore();
			const stored = new Set<string>();
			for await (const s of store.read(SCHOOL)) stored.add(s.event.id);
			await store.close();
			expect(stream.acknowledged.filter((id) => !stored.has(id))).toEqual([]);
		} finally {
			await deleteKeys(REDIS_PREFIX);
		}
	}, 60_000);
});
