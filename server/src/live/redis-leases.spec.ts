import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../../../test/support/redis-test';
import { nodeName } from './leases';
import { RedisLeases, rendezvousOwner } from './redis-leases';

const prefix = `lookout-test-${randomUUID()}`;
const TTL = 600;
const SCHOOLS = Array.from({ length: 30 }, (_, i) => `school-${i}`);

/** A node on its own connection: `holder` its whole identity, or `name` as `NODE_NAME` gives it (an instance of its own added). */
function nodeOn(identity: { holder: string } | { name: string }): { leases: RedisLeases; redis: Redis } {
	const redis = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null });
	redis.on('error', () => {});
	return { leases: new RedisLeases({ redis, prefix, ttlMs: TTL, ...identity }), redis };
}

const holderOn = (holder: string) => nodeOn({ holder });
const namedOn = (name: string) => nodeOn({ name });

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 5));
	}
	return Date.now() - start;
}

/** Asks about every school, then lets both sides settle twice: once to see each other, once to hand over. */
async function settled(...holders: RedisLeases[]): Promise<void> {
	for (const h of holders) for (const s of SCHOOLS) h.holds(s);
	for (let i = 0; i < 3; i++) for (const h of holders) await h.settle();
}

beforeAll(() => requireRedis());
afterAll(() => deleteKeys(prefix));

describe('redis leases', () => {
	it('spreads the schools over the live nodes by rendezvous hashing, each held by one', async () => {
		const a = holderOn('a');
		const b = holderOn('b');
		await settled(a.leases, b.leases);
		for (const s of SCHOOLS) {
			const owner = rendezvousOwner(s, ['a', 'b']);
			expect(a.leases.holds(s)).toBe(owner === 'a');
			expect(b.leases.holds(s)).toBe(owner === 'b');
		}
		expect(a.leases.owned().length).toBeGreaterThan(5);
		expect(b.leases.owned().length).toBeGreaterThan(5);
		await Promise.all([a.leases.close(), b.leases.close()]);
	});

	it('a node that dies without letting go: only its schools move, within the lease time', async () => {
		const a = holderOn('c');
		const b = holderOn('d');
		await settled(a.leases, b.leases);
		const before = b.leases.owned();
		const gained: string[] = [];
		b.leases.onChange((schoolId, held) => held && gained.push(schoolId));
		const victims = a.leases.owned();
		a.redis.disconnect();
		const killedAt = Date.now();
		const tookMs = await until(() => SCHOOLS.every((s) => b.leases.holds(s)), TTL * 3);
		expect(a.leases.holds(victims[0] as string)).toBe(false);
		// Taken when the dead node's leases ended, not a renewal round later.
		expect(tookMs).toBeLessThanOrEqual(TTL + 300);
		expect(new Set(gained)).toEqual(new Set(victims));
		for (const s of before) expect(b.leases.holds(s)).toBe(true);
		console.info(`[redis-leases] ${victims.length} schools taken over ${Date.now() - killedAt} ms after their node died (lease ${TTL} ms)`);
		await Promise.all([a.leases.close(), b.leases.close()]);
	});

	it('hands its schools over at once when it closes, and takes its share back when it returns', async () => {
		const a = holderOn('e');
		const b = holderOn('f');
		await settled(a.leases, b.leases);
		const share = a.leases.owned();
		await a.leases.close();
		await b.leases.settle();
		for (const s of SCHOOLS) expect(b.leases.holds(s)).toBe(true);
		const again = holderOn('e');
		await settled(again.leases, b.leases);
		expect(new Set(again.leases.owned())).toEqual(new Set(share));
		for (const s of share) expect(b.leases.holds(s)).toBe(false);
		await Promise.all([again.leases.close(), b.leases.close()]);
	});

	it('two processes given one name by mistake never share a school; a node restarted under its name gets its share back', async () => {
		const x1 = namedOn('node-x');
		const x2 = namedOn('node-x');
		const y = namedOn('node-y');
		expect(x1.leases.node).not.toBe(x2.leases.node);
		expect([x1, x2, y].map((n) => nodeName(n.leases.node))).toEqual(['node-x', 'node-x', 'node-y']);
		await settled(x1.leases, x2.leases, y.leases);
		for (const s of SCHOOLS) {
			const holders = [x1, x2, y].filter((n) => n.leases.holds(s));
			expect(holders).toHaveLength(1);
			expect(nodeName((holders[0] as { leases: RedisLeases }).leases.node)).toBe(rendezvousOwner(s, ['node-x', 'node-y']));
		}
		const share = y.leases.owned();
		await y.leases.close();
		const again = namedOn('node-y');
		expect(again.leases.node).not.toBe(y.leases.node);
		await settled(x1.leases, x2.leases, again.leases);
		expect(new Set(again.leases.owned())).toEqual(new Set(share));
		await Promise.all([x1.leases.close(), x2.leases.close(), again.leases.close()]);
	});
});
