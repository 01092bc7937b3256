import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { RedisStore } from '../../server/src/store/redis-store';
import { ingest, keyFor } from '../support/access';
import { behaviour, FIXTURE_MORNING, SCHOOL } from '../support/events';
import { deleteKeys, requireRedis } from '../support/redis-test';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';
import { ManualClock, startTestServer } from '../support/server';

interface Readiness {
	ok: boolean;
	checks: Record<string, string>;
	failed?: string[];
}

async function readyz(url: string): Promise<{ status: number; body: Readiness; text: string }> {
	const res = await fetch(`${url}/readyz`);
	const text = await res.text();
	return { status: res.status, body: JSON.parse(text) as Readiness, text };
}

describe('/healthz and /readyz on the embedded journal', () => {
	it('answer without a session, and name no school nor path', async () => {
		const server = await startTestServer();
		await ingest(server, behaviour('one'));
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		expect(health.headers.get('cache-control')).toBe('no-store');
		expect(await health.json()).toEqual({ ok: true });
		const ready = await readyz(server.url);
		expect(ready.status).toBe(200);
		expect(ready.body).toEqual({ ok: true, checks: { store: 'ok', writes: 'ok', clock: 'ok' } });

		await rm(join(server.dataDir, 'journal.ndjson.lock'));
		const lost = await readyz(server.url);
		expect(lost.status).toBe(503);
		expect(lost.body).toEqual({ ok: false, checks: { store: 'ok', writes: 'lock_lost', clock: 'ok' }, failed: ['writes'] });
		expect(lost.text).not.toContain(SCHOOL);
		expect(lost.text).not.toContain(server.dataDir);
		await server.close();
	});

	it('answers 503 once the store drains for a shutdown', async () => {
		const server = await startTestServer();
		await keyFor(server.store, SCHOOL);
		const draining = server.store.drain();
		expect((await readyz(server.url)).body).toMatchObject({ checks: { writes: 'closing' }, failed: ['writes'] });
		expect((await ingest(server, behaviour('late'))).status).toBe(503);
		await draining;
		await server.close();
	});

	it('says the clock is stalled when it has not moved for a second', async () => {
		const clock = new ManualClock(FIXTURE_MORNING);
		const server = await startTestServer({ clock });
		await new Promise((r) => setTimeout(r, 1_100));
		expect(await readyz(server.url)).toMatchObject({ status: 503, body: { checks: { clock: 'stalled' }, failed: ['clock'] } });
		clock.advanceBy(1_000);
		expect((await readyz(server.url)).status).toBe(200);
		await server.close();
	});
});

describe('/readyz on Redis', () => {
	let redis: OwnRedis;
	const prefix = `lookout-test-readyz-${process.pid}`;
	beforeAll(async () => {
		await requireRedis();
		redis = await startOwnRedis();
	});
	afterAll(async () => {
		await redis.stop();
		await deleteKeys(prefix);
	});

	it('answers 503 while Redis cannot be reached, and 200 once it is back', async () => {
		const store = await RedisStore.open({ url: redis.url, prefix, logger: silentLogger });
		const app = await createApp({ store, clock: scaledClock({ start: Date.parse(FIXTURE_MORNING) }), logger: silentLogger });
		const url = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		expect((await readyz(url)).status).toBe(200);
		await redis.stop('SIGKILL');
		await expect
			.poll(async () => (await readyz(url)).body, { timeout: 5_000 })
			.toEqual({
				ok: false,
				checks: { store: 'no_answer', writes: 'unreachable', clock: 'ok' },
				failed: ['store', 'writes']
			});
		await redis.start();
		await expect.poll(async () => (await readyz(url)).status, { timeout: 10_000 }).toBe(200);
		await app.close();
	}, 30_000);
});
