import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster';
import { behaviour, reference, SCHOOL } from '../support/events';
import { FoldingClient } from '../support/folding-client';
import type { ServerProcess } from '../support/process';
import { REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { until } from '../support/redis-server';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/**
 * Two nodes on Redis: a school's frames cross Redis (the Socket.IO adapter's stream) only while
 * a node other than its owner has screens of it. Screens on the owner alone cost Redis nothing.
 */
describe("a school's frames and the nodes watching it", () => {
	let cluster: Cluster;
	let redis: Redis;
	let owner: ServerProcess;
	let elsewhere: ServerProcess;
	const clients: FoldingClient[] = [];
	const sent: string[] = [];

	/** Frames the adapter's stream carried since `from` (a stream id). */
	const framesInStream = async (from: string): Promise<number> => {
		const entries = await redis.xrangeBuffer(`${cluster.prefix}:socket.io`, from, '+');
		return entries.filter(([id, fields]) => id.toString() !== from && Buffer.concat(fields).includes('school:changed')).length;
	};
	const streamEnd = async (): Promise<string> => {
		const [last] = await redis.xrevrange(`${cluster.prefix}:socket.io`, '+', '-', 'COUNT', 1);
		return last?.[0] ?? '0-0';
	};
	const send = async (batch: string[]) => {
		expect(
			(
				await cluster.ingest(
					elsewhere.url,
					batch.map((id) => behaviour(id))
				)
			).status
		).toBe(200);
		sent.push(...batch);
	};

	beforeAll(async () => {
		await requireRedis();
		cluster = await startCluster(REDIS_TEST_URL, 2);
		redis = new Redis(REDIS_TEST_URL);
		expect((await cluster.ingest(cluster.nodes[0]?.url as string, reference())).status).toBe(200);
		await cluster.pairWall(SCHOOL);
		const holder = () => redis.get(`${cluster.prefix}:${SCHOOL}:lease`);
		await until(async () => (await holder()) !== null, 10_000, 'an owner for the school');
		const name = await holder();
		owner = cluster.nodes.find((n) => n.output().includes(`node ${name} on Redis`)) as ServerProcess;
		elsewhere = cluster.nodes.find((n) => n !== owner) as ServerProcess;
		expect(owner).toBeDefined();
	}, 60_000);

	afterAll(async () => {
		for (const c of clients) c.close();
		await redis?.quit();
		await cluster?.close();
	});

	it('screens on the owner only: frames go to them directly, none through Redis', { timeout: 20_000 }, async () => {
		const wall = await cluster.pairWall(SCHOOL);
		clients.push(new FoldingClient(SCHOOL, [owner.url], wall));
		await until(() => clients.every((c) => c.status === 'live' && c.snapshots > 0), 10_000, 'the screen live');
		// For three seconds after taking a school, its owner sends its frames to every node (who watches is not known yet).
		await new Promise((r) => setTimeout(r, 3_500));
		const from = await streamEnd();
		for (let i = 0; i < 3; i++) await send(ids(`owner-only-${i}`, 3));
		await until(() => clients.every((c) => c.ids().length === sent.length), 10_000, 'the screen holds every event');
		expect(await framesInStream(from)).toBe(0);
	});

	it('a screen on another node: the frames cross Redis to it, and stop crossing once it has gone', async () => {
		const wall = await cluster.pairWall(SCHOOL);
		// Connected straight to the node (no load balancer to follow the owner's name): it stays there.
		const away = new FoldingClient(SCHOOL, [elsewhere.url], wall);
		clients.push(away);
		await until(() => clients.every((c) => c.status === 'live' && c.snapshots > 0), 10_000, 'both screens live');
		let from = await streamEnd();
		await send(ids('watched-elsewhere', 3));
		await until(() => clients.every((c) => c.ids().length === sent.length), 10_000, 'both screens hold every event');
		expect(await framesInStream(from)).toBeGreaterThan(0);
		expect(away.ids()).toEqual([...sent].sort());

		away.close();
		clients.pop();
		// The owner forgets a node that has not said it watches for three of its two-second rounds.
		await new Promise((r) => setTimeout(r, 8_000));
		from = await streamEnd();
		await send(ids('alone-again', 3));
		await until(() => clients.every((c) => c.ids().length === sent.length), 10_000, 'the owner screen holds every event');
		expect(await framesInStream(from)).toBe(0);
	}, 30_000);
});
