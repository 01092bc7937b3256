import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, SchoolRole, ServerToClientEvents } from '../../protocol';
import { frameParser, type FrameBytes } from './frame-parser';
import type { Tier } from './rooms';

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

/**
 * Between nodes sharing Redis (through the adapter): a node asks the others for a school's
 * snapshot (the school's owner answers it, every other node answers null), and tells the
 * owners which schools it has screens of.
 */
export interface InterServerEvents {
	/** `node` names the node asking: it has screens of the school, so the owner sends its frames through the adapter. */
	'school:snapshot': (request: { schoolId: string; tier: Tier; node?: string }, ack: (snapshot: unknown) => void) => void;
	/** A node's word that it has screens of these schools (every 2 s while it has). */
	'school:watched': (message: { node: string; schoolIds: string[] }) => void;
}

export type LookoutServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Socket.IO on the shared HTTP server: websocket only (so no sticky sessions are needed
 * behind a load balancer) and connection-state recovery, so a short drop replays what was
 * missed; when it cannot, the client re-fetches the snapshot. With several nodes the adapter
 * carries a school's frames from its owner to the other nodes watching it, and the recovery
 * offsets with them. Frames are encoded by `frameParser`, which counts their bytes.
 */
export function createSocketServer(httpServer: HttpServer, adapter?: ServerOptions['adapter'], frameBytes?: FrameBytes): LookoutServer {
	const io: LookoutServer = new Server(httpServer, {
		...(adapter ? { adapter } : {}),
		parser: frameParser(frameBytes),
		transports: ['websocket'],
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false }
	});

	return io;
}
