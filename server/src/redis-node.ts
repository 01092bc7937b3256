import type { AppDeps } from './app';
import { RedisLeases } from './live/redis-leases';
import type { Logger } from './logger';
import type { Metrics } from './metrics/metrics';
import { redisSocketAdapter } from './realtime/redis-adapter';
import { connectRedis } from './store/redis-connection';
import { RedisStore } from './store/redis-store';

/** What a node needs to share Redis with the others: the log, the Socket.IO adapter and the leases (which school it owns). */
export async function redisNode(options: {
	url: string;
	prefix: string;
	logger: Logger;
	now: () => number;
	metrics?: Metrics;
	/** How long a school's lease lasts unrenewed (6 s by default). */
	leaseMs?: number;
	/** This node's name, as the load balancer knows it (random by default). */
	node?: string;
}): Promise<Required<Pick<AppDeps, 'store' | 'socketAdapter'>> & { leases: RedisLeases }> {
	const store = await RedisStore.open(options);
	const leaseConnection = connectRedis({ url: options.url, logger: options.logger, name: 'leases', maxRetriesPerRequest: 1, commandTimeout: 2_000 });
	return {
		store,
		leases: new RedisLeases({
			redis: leaseConnection,
			prefix: options.prefix,
			...(options.leaseMs === undefined ? {} : { ttlMs: options.leaseMs }),
			...(options.node === undefined ? {} : { name: options.node }),
			...(options.metrics ? { metrics: options.metrics } : {})
		}),
		socketAdapter: redisSocketAdapter(options)
	};
}
