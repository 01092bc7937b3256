import { SOCKET_CONNECT } from '../auth/permissions';
import type { LookoutServer } from './socket-server';

/** Live connections to this process by role, every role that may connect listed (0 when none). */
export function clientsByRole(io: LookoutServer): Map<string, number> {
	const counts = new Map<string, number>(SOCKET_CONNECT.map((role) => [role, 0]));
	for (const socket of io.of('/').sockets.values()) counts.set(socket.data.role, (counts.get(socket.data.role) ?? 0) + 1);
	return counts;
}
