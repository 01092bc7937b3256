import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../protocol';
import { silentLogger } from '../logger';
import { parseEntries } from './redis-entries';
import { entryId, redisKeys } from './redis-keys';
import { RedisLogFollower } from './redis-log-follower';
import { RedisStore } from './redis-store';
import { testEvent } from '../../../test/support/store-contract';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../../../test/support/redis-test';

const prefix = `lookout-test-${randomUUID()}`;
const keys = redisKeys(prefix);
const NINE_THIRTY = '2026-11-23T09:30:00Z';
let store: RedisStore;
let redis: Redis;

beforeAll(async () => {
	await requireRedis();
	store = await RedisStore.open({ url: REDIS_TEST_URL, prefix, logger: silentLogger });
	redis = new Redis(REDIS_TEST_URL);
	// Positions 1 to 5, of which 1, 3 and 4 are purged.
	await store.append([testEvent('a', '1', 0), testEvent('a', '2', 50), testEvent('a', '3', 0), testEvent('a', '4', 0), testEvent('a', '5', 50)]);
	await store.purge('a', NINE_THIRTY, () => false);
});

afterAll(async () => {
	await store?.close();
	redis?.disconnect();
	await deleteKeys(prefix);
});

function follower(reader: Redis): { follower: RedisLogFollower; heard: string[]; errors: unknown[] } {
	const heard: string[] = [];
	const errors: unknown[] = [];
	const f = new RedisLogFollower({
		reader,
		keys,
		readRange: async (schoolId, after, upTo) => parseEntries(keys.log(schoolId), await redis.xrange(keys.log(schoolId), entryId(after + 1), entryId(upTo))),
		onError: (err) => errors.push(err)
	});
	f.subscribe((batch: readonly StoredEvent[]) => heard.push(...batch.map((s) => `${s.event.id}@${s.position}`)));
	return { follower: f, heard, errors };
}

describe('following a log with purged entries', () => {
	it('reads past the gaps purged entries leave', async () => {
		const { follower: f, heard, errors } = follower(new Redis(REDIS_TEST_URL));
		f.start(new Map([['a', 0]]), '0-0');
		const end = Date.now() + 5_000;
		while (heard.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
		await f.stop();
		expect(heard).toEqual(['2@2', '5@5']);
		expect(errors).toEqual([]);
	});

	it("passes on this process's own append after a gap that was purged", async () => {
		const { follower: f, heard } = follower(new Redis(REDIS_TEST_URL, { lazyConnect: true }));
		const own: StoredEvent = { position: 6, receivedAt: '2026-11-23T10:00:00Z', event: testEvent('a', '6') };
		await f.appended('a', [own]);
		await f.stop();
		expect(heard).toEqual(['2@2', '5@5', '6@6']);
	});
});
