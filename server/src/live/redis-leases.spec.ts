import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../../../test/support/redis-test';
import { RedisLeases } from './redis-leases';

const prefix = `lookout-test-${randomUUID()}`;
const TTL = 600;

function holderOn(name: string): { leases: RedisLeases; redis: Redis } {
	const redis = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null });
	redis.on('error', () => {});
	return { leases: new RedisLeases({ redis, prefix, ttlMs: TTL, holder: name }), redis };
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
	return Date.now() - start;
}

beforeAll(() => requireRedis());
afterAll(() => deleteKeys(prefix));

describe('redis leases', () => {
	it('gives a school to one holder at a time; another takes over when the holder dies', async () => {
		const a = holderOn('a');
		const b = holderOn('b');
		expect(a.leases.holds('s1')).toBe(false);
		await a.leases.settle();
		expect(b.leases.holds('s1')).toBe(false);
		await b.leases.settle();
		expect(a.leases.holds('s1')).toBe(true);
		expect(b.leases.holds('s1')).toBe(false);

		// Still held after several renewals.
		await new Promise((r) => setTimeout(r, TTL * 2));
		expect(a.leases.holds('s1')).toBe(true);
		expect(b.leases.holds('s1')).toBe(false);

		// The holder dies without letting go: its lease lapses and the other takes it.
		a.redis.disconnect();
		const tookMs = await until(() => b.leases.holds('s1'), TTL * 4);
		expect(a.leases.holds('s1')).toBe(false);
		expect(tookMs).toBeLessThan(TTL * 3);
		await Promise.all([a.leases.close(), b.leases.close()]);
	});

	it('hands a school over at once when its holder closes', async () => {
		const a = holderOn('a2');
		const b = holderOn('b2');
		a.leases.holds('s2');
		await a.leases.settle();
		b.leases.holds('s2');
		await b.leases.settle();
		expect(a.leases.holds('s2')).toBe(true);
		await a.leases.close();
		await b.leases.settle();
		expect(b.leases.holds('s2')).toBe(true);
		await b.leases.close();
	});
});
