import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

export interface RedisConnectionOptions {
	url: string;
	logger: Logger;
	/** Named in log lines, so an operator can tell the store's connection from the adapter's. */
	name: string;
	/**
	 * How many reconnections a command waits through before it fails. Writes that must answer
	 * quickly (an ingest) use 1; connections whose commands may wait for Redis to return use null.
	 */
	maxRetriesPerRequest: number | null;
	/** Fails a command Redis has not answered in this many ms (a paused Redis keeps the socket open). */
	commandTimeout?: number;
	/** Sends the commands issued in one tick as one write: many small appends at once cost one round trip. */
	autoPipelining?: boolean;
}

/** Reconnect quickly at first, then every 2 s at most, for ever: Redis coming back must be noticed. */
export function reconnectDelay(attempt: number): number {
	return Math.min(100 * 2 ** Math.min(attempt, 10), 2_000);
}

/**
 * A Redis connection set up the same way everywhere: it reconnects for ever, keeps its offline
 * queue (turning it off makes a blocking reader spin), and logs errors once per outage instead
 * of letting an unhandled 'error' event end the process.
 */
export function connectRedis(options: RedisConnectionOptions): Redis {
	const settings: RedisOptions = {
		connectionName: `lookout:${options.name}`,
		retryStrategy: reconnectDelay,
		maxRetriesPerRequest: options.maxRetriesPerRequest,
		enableOfflineQueue: true,
		enableReadyCheck: true,
		enableAutoPipelining: options.autoPipelining ?? false,
		...(options.commandTimeout === undefined ? {} : { commandTimeout: options.commandTimeout })
	};
	const redis = new Redis(options.url, settings);
	let down = false;
	redis.on('error', (err: Error) => {
		if (down) return;
		down = true;
		options.logger.warn(`Lookout: Redis (${options.name}) is unreachable: ${err.message}; retrying`);
	});
	redis.on('ready', () => {
		if (!down) return;
		down = false;
		options.logger.info(`Lookout: Redis (${options.name}) is back`);
	});
	return redis;
}

/** Closes politely when Redis answers, at once when it does not (a QUIT would wait for it to return). */
export async function closeRedis(redis: Redis): Promise<void> {
	if (redis.status !== 'ready') return redis.disconnect();
	await redis.quit().catch(() => redis.disconnect());
}
