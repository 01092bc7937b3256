import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { SocketAuth, toApiIssues, type ClientToServerEvents, type ServerToClientEvents } from '../../protocol';
import { schoolRoom } from './rooms';

export interface SocketData {
	schoolId: string;
	/** Set for a paired wall screen. */
	deviceId?: string;
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

	io.use((socket, next) => {
		const parsed = SocketAuth.safeParse(socket.handshake.auth);
		if (!parsed.success) {
			const err = new Error('invalid_auth') as Error & { data: unknown };
			err.data = { issues: toApiIssues(parsed.error, false) };
			return next(err);
		}
		socket.data.schoolId = parsed.data.schoolId;
		next();
	});

	io.on('connection', (socket) => {
		if (!socket.recovered) void socket.join(schoolRoom(socket.data.schoolId));
	});

	return io;
}
