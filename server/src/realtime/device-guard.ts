import { createHash } from 'node:crypto';
import { SocketAuth } from '../../protocol';
import { deviceByToken } from '../domain/devices';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { deviceRoom, wallRoom } from './rooms';
import type { LookoutServer } from './socket-server';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Paired wall screens on Socket.IO: a handshake with a device token is let in only while the
 * device is paired with that school (a revoked or unknown token is refused, and the wall shows
 * it is unpaired rather than a login page); revoking a device tells its screens and closes
 * them, on every node, since each node follows the log.
 */
export function guardDevices(io: LookoutServer, projections: Projections, store: EventStore): () => void {
	io.use((socket, next) => {
		const auth = SocketAuth.safeParse(socket.handshake.auth);
		const token = auth.success ? auth.data.deviceToken : undefined;
		if (!auth.success || token === undefined) return next();
		const device = projections.has(auth.data.schoolId) ? deviceByToken(projections.state(auth.data.schoolId), sha256(token)) : undefined;
		if (!device) return next(new Error('unknown_device'));
		if (device.revokedAt !== null) return next(new Error('device_revoked'));
		socket.data.deviceId = device.id;
		next();
	});

	io.on('connection', (socket) => {
		const { deviceId, schoolId } = socket.data;
		if (deviceId !== undefined && !socket.recovered) void socket.join([deviceRoom(deviceId), wallRoom(schoolId)]);
	});

	return store.subscribe((batch) => {
		for (const { event } of batch) {
			if (event.type !== 'device:revoked') continue;
			const screens = io.local.in(deviceRoom(event.deviceId));
			screens.emit('device:revoked');
			screens.disconnectSockets(true);
		}
	});
}
