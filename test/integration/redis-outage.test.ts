import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ONLY_TYPES } from '../../server/protocol';
import { silentLogger } from '../../server/src/logger';
import { RedisStore } from '../../server/src/store/redis-store';
import { startCluster, type Cluster } from '../support/cluster';
import { behaviour, reference, SCHOOL } from '../support/events';
import { FoldingClient } from '../support/folding-client';
import { getSnapshot } from '../support/http';
import { startOwnRedis, until, type OwnRedis } from '../support/redis-server';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const sorted = (list: string[]) => [...list].sort();
/** Long enough that several heartbeats (every 5 s) would have been due. */
const OUTAGE_MS = 12_000;

/** The ids of the school's events in the log, leaving out what Lookout wrote itself (the key, the screen). */
async function logIds(redisUrl: string, prefix: string): Promise<string[]> {
	const store = await RedisStore.open({ url: redisUrl, prefix, logger: silentLogger });
	const out: string[] = [];
	for await (const s of store.read(SCHOOL)) if (!SERVER_ONLY_TYPES.has(s.event.type)) out.push(s.event.id);
	await store.close();
	return out;
}

/** Two processes on a Redis of the test's own, which it stops and restarts. */
describe('Redis outages', () => {
	let redis: OwnRedis;
	let cluster: Cluster;
	let clients: FoldingClient[] = [];
	/** Where the log stands once set up (reference, key, screen): positions count from here. */
	let base: number;
	const sent: string[] = [];

	beforeAll(async () => {
		redis = await startOwnRedis();
		cluster = await startCluster(redis.url, 2);
		expect((await cluster.ingest(cluster.urls()[0] as string, reference())).status).toBe(200);
		const wall = await cluster.pairWall(SCHOOL);
		base = (await getSnapshot(cluster.urls()[0] as string, SCHOOL, { deviceToken: wall })).position;
		clients = [new FoldingClient(SCHOOL, cluster.urls(), wall, 0), new FoldingClient(SCHOOL, cluster.urls(), wall, 1)];
		await until(() => clients.every((c) => c.status === 'live' && c.snapshots > 0), 10_000, 'clients live');
	}, 60_000);

	afterAll(async () => {
		for (const c of clients) c.close();
		await cluster?.close();
		await redis?.stop('SIGKILL');
	});

	it('while Redis is down: 503 with Retry-After, nothing acknowledged unstored, clients keep their view; then every node converges', async () => {
		const before = ids('before', 5);
		await cluster.ingest(
			cluster.urls()[0] as string,
			before.map((id) => behaviour(id))
		);
		sent.push(...before);
		await until(() => clients.every((c) => c.position === base + sent.length), 10_000, 'clients caught up');

		await redis.stop('SIGTERM');
		const downAt = Date.now();
		const refused = ids('refused', 4);
		for (const [i, id] of refused.entries()) {
			const answer = await cluster.ingest(cluster.urls()[i % 2] as string, behaviour(id));
			expect(answer.status).toBe(503);
			expect(Number(answer.retryAfter)).toBeGreaterThan(0);
		}
		const beatsAtStop = clients.map((c) => c.heartbeats.length);
		await until(() => Date.now() - downAt > OUTAGE_MS, OUTAGE_MS + 1_000);
		for (const [i, c] of clients.entries()) {
			// Still connected, still showing what it had; no heartbeat, so the page marks it stale.
			expect(c.status).toBe('live');
			expect(c.ids()).toEqual(sorted(sent));
			expect(c.heartbeats.length).toBe(beatsAtStop[i]);
		}

		await redis.start();
		const upAt = Date.now();
		await until(async () => (await cluster.ingest(cluster.urls()[1] as string, behaviour('after-0'))).status === 200, 10_000, 'node 1 takes writes');
		await until(async () => (await cluster.ingest(cluster.urls()[0] as string, behaviour('after-1'))).status === 200, 10_000, 'node 0 takes writes');
		sent.push('after-0', 'after-1');
		await until(() => clients.every((c) => c.position === base + sent.length), 10_000, 'clients caught up');
		const converged = Date.now() - upAt;
		for (const c of clients) {
			expect(c.ids()).toEqual(sorted(sent));
			expect(c.duplicates).toBe(0);
		}
		await until(() => clients.every((c, i) => c.heartbeats.length > (beatsAtStop[i] ?? 0)), 10_000, 'heartbeats again');
		// Nothing refused was stored.
		expect(await logIds(redis.url, cluster.prefix)).toEqual(['ref-test-school', ...sent]);
		console.info(
			`[redis-outage] Redis down ${upAt - downAt} ms: ${refused.length} refused with 503, 0 acknowledged unstored; converged ${converged} ms after Redis returned`
		);
	});

	it('Redis killed mid-burst and restarted from its append-only file: nothing acknowledged is lost', async () => {
		const burst = ids('burst', 200);
		const acknowledged: string[] = [];
		const refused: string[] = [];
		let sentCount = 0;
		const sender = async (node: number) => {
			while (sentCount < burst.length) {
				const id = burst[sentCount++] as string;
				const answer = await cluster.ingest(cluster.urls()[node] as string, behaviour(id)).catch(() => ({ status: 0 }));
				(answer.status === 200 ? acknowledged : refused).push(id);
			}
		};
		const senders = [sender(0), sender(1), sender(0), sender(1)];
		await until(() => acknowledged.length >= 40, 10_000, 'part of the burst stored');
		await redis.stop('SIGKILL');
		await Promise.all(senders);
		await redis.start();
		const upAt = Date.now();

		const log = await logIds(redis.url, cluster.prefix);
		const missing = acknowledged.filter((id) => !log.includes(id));
		expect(missing).toEqual([]);
		expect(new Set(log).size).toBe(log.length);
		const stored = log.filter((id) => id.startsWith('burst-'));
		sent.push(...stored);

		await until(async () => (await cluster.ingest(cluster.urls()[0] as string, behaviour('after-burst'))).status === 200, 10_000, 'writes again');
		sent.push('after-burst');
		await until(() => clients.every((c) => c.position === base + sent.length), 10_000, 'clients caught up');
		const converged = Date.now() - upAt;
		for (const c of clients) {
			const behaviourIds = log.filter((id) => id !== 'ref-test-school');
			expect(c.ids()).toEqual(sorted(behaviourIds.slice(-49).concat('after-burst')));
			expect(c.duplicates).toBe(0);
		}
		console.info(
			`[redis-outage] SIGKILL of Redis mid-burst: ${acknowledged.length} acknowledged, ${refused.length} refused, ${stored.length} of the burst in the log; lost 0; converged ${converged} ms after restart`
		);
	});
});
