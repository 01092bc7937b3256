import { Redis } from 'ioredis';

/** Deletes every key under a prefix: a demo's or a test run's, before or after it. */
export async function clearPrefix(url: string, prefix: string): Promise<void> {
	const redis = new Redis(url, { maxRetriesPerRequest: 1 });
	try {
		let cursor = '0';
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
			if (keys.length > 0) await redis.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		redis.disconnect();
	}
}
