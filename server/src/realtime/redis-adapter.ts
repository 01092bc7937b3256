import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from '../logger';
import { closeRedis, connectRedis } from '../store/redis-connection';

/** A Socket.IO adapter with the connection it owns, closed after the server. */
export interface SocketAdapter {
	adapter: ReturnType<typeof createAdapter>;
	close(): Promise<void>;
}

/**
 * Socket.IO across nodes through a Redis stream, for what must reach other nodes' sockets:
 * a school's frames while other nodes than its owner have screens of it (with the offsets
 * connection-state recovery replays from), the nodes' word of which schools they watch, server-side emits (a snapshot asked of the owner), `disconnectSockets()`.
 * Heartbeats stay local. Nodes tell each other they are alive every second and a node silent
 * for three is forgotten, so a request to every node stops waiting for a dead one soon.
 */
export function redisSocketAdapter(options: { url: string; prefix: string; logger: Logger }): SocketAdapter {
	// Waits through outages rather than failing: the adapter's reads and heartbeats resume by themselves.
	// Frames of many schools go out in the same tick: one write to Redis for all of them.
	const redis = connectRedis({ url: options.url, logger: options.logger, name: 'socket.io', maxRetriesPerRequest: null, autoPipelining: true });
	return {
		adapter: createAdapter(redis, {
			streamName: `${options.prefix}:socket.io`,
			sessionKeyPrefix: `${options.prefix}:socket.io:session:`,
			channelPrefix: `${options.prefix}:socket.io`,
			// Up to 1,000 packets a read: owners of many schools send hundreds of frames a second.
			readCount: 1_000,
			// Frames and snapshots are JSON: no walk of every packet looking for binary to msgpack.
			onlyPlaintext: true,
			heartbeatInterval: 1_000,
			heartbeatTimeout: 3_000
		}),
		close: () => closeRedis(redis)
	};
}
