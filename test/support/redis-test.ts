import { Redis } from 'ioredis';
import { clearPrefix } from '../../server/src/store/redis-clear';

/** The machine's Redis, which tests share under a prefix of their own. */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** Fails with a clear message (rather than a timeout or a silent skip) when Redis is not running. */
export async function requireRedis(url = REDIS_TEST_URL): Promise<void> {
	const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
	probe.on('error', () => {});
	try {
		await probe.connect();
		await probe.ping();
	} catch (err) {
		throw new Error(`these tests need Redis at ${url} (.ci/run starts one; locally: redis-server --daemonize yes): ${String(err)}`, { cause: err });
	} finally {
		probe.disconnect();
	}
}

/** Deletes a test run's keys, after it. */
export function deleteKeys(prefix: string, url = REDIS_TEST_URL): Promise<void> {
	return clearPrefix(url, prefix);
}
