import { randomUUID } from 'node:crypto';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { redisNode } from '../../server/src/redis-node';
import { clearPrefix } from '../../server/src/store/redis-clear';
import { grantAccess, type SchoolCredentials } from '../lib/access';
import { BENCH_LIMITS } from './bench-limits';
import type { RunningServer } from './running-server';

/**
 * Lookout as one node of several runs it: its log in Redis (REDIS_URL, the local one by
 * default), under the given prefix (shared with the run's other nodes) or one of its own.
 * The node given credentials writes them to the shared log before it listens; nodes started
 * after it read them on their first replay.
 */
export async function startLookoutOnRedis(credentials: readonly SchoolCredentials[], sharedPrefix?: string): Promise<RunningServer> {
	const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
	const prefix = sharedPrefix ?? `lookout-bench-${randomUUID()}`;
	const clock = scaledClock();
	const node = await redisNode({ url, prefix, logger: silentLogger, now: () => clock.now() });
	const app = await createApp({
		...node,
		clock,
		logger: silentLogger,
		limits: BENCH_LIMITS
	});
	if (credentials.length > 0) await grantAccess(app.store, credentials);
	const { port } = await app.listen(0, '127.0.0.1');
	return {
		port,
		node: node.leases.holder,
		async close() {
			await app.close();
			// A shared prefix is cleared by whoever started the nodes, once all are closed.
			if (!sharedPrefix) await clearPrefix(url, prefix);
		}
	};
}
