import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, SchoolRole, ServerToClientEvents } from '../../protocol';

/** Set by `guardSockets` in the handshake. */
export interface SocketData {
	schoolId: string;
	role: SchoolRole;
	/** Set for a paired wall screen. */
	deviceId?: string;
	/** Set for a signed-in person. */
	userId?: string;
	sessionId?: string;
}

export type LookoutServer = Server<ClientToServerEvents, ServerToClientEvents, Record<never, never>, SocketData>;

/**
 * Socket.IO on the shared HTTP server: websocket only (so no sticky sessions are needed
 * behind a load balancer) and connection-state recovery, so a short drop replays what was
 * missed; when it cannot, the client re-fetches the snapshot. With several nodes an adapter
 * carries what must cross them; frames never do, so there a reconnect always re-fetches.
 */
export function createSocketServer(httpServer: HttpServer, adapter?: ServerOptions['adapter']): LookoutServer {
	const io: LookoutServer = new Server(httpServer, {
		...(adapter ? { adapter } : {}),
		transports: ['websocket'],
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false }
	});

	return io;
}
