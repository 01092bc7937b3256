import { SocketAuth, toApiIssues } from '../../protocol';
import { authenticate } from '../auth/authenticate';
import { sameOrigin } from '../auth/origin';
import { SOCKET_CONNECT } from '../auth/permissions';
import { roleIn } from '../auth/principal';
import { deviceByToken } from '../domain/school/devices';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { sha256 } from '../auth/secrets';
import { deviceRoom, schoolRoom, sessionRoom, tierOf, userRoom, wallRoom } from './rooms';
import type { LookoutServer } from './socket-server';

const refusal = (message: string, data?: unknown) => Object.assign(new Error(message), data === undefined ? {} : { data });

/**
 * Who may hold a live connection, checked in the handshake (and again when a dropped
 * connection recovers): a signed-in person by their session cookie, a paired wall screen by its
 * device token. Each socket joins its school's room for its tier, so what it is sent was shaped
 * for its role before it left. Ending a session, signing someone out everywhere, removing them
 * or revoking a screen closes their sockets, on every node, since each node follows the log.
 */
export function guardSockets(
	io: LookoutServer,
	projections: Projections,
	store: EventStore,
	now: () => number,
	/** Whether a peer is a proxy the deployment trusts, as Express decides it for HTTP. */
	proxyTrusted: (address: string | undefined) => boolean
): () => void {
	io.use((socket, next) => {
		// A page of another site may open a socket that carries the person's cookie: refused as sign-in refuses it.
		const { headers, socket: connection } = socket.request;
		const origin = {
			origin: headers.origin,
			host: headers.host,
			encrypted: 'encrypted' in connection && connection.encrypted === true,
			forwardedProto: typeof headers['x-forwarded-proto'] === 'string' ? headers['x-forwarded-proto'] : undefined,
			proxyTrusted: proxyTrusted(connection.remoteAddress)
		};
		if (!sameOrigin(origin)) return next(refusal('forbidden', { issues: [{ path: 'origin', message: 'not this site' }] }));
		const auth = SocketAuth.safeParse(socket.handshake.auth);
		if (!auth.success) return next(refusal('invalid_auth', { issues: toApiIssues(auth.error, false) }));
		const { schoolId, deviceToken } = auth.data;
		const principal =
			deviceToken === undefined
				? authenticate({ cookie: socket.request.headers.cookie }, projections, now())
				: authenticate({ authorization: `Bearer ${deviceToken}`, schoolId }, projections, now());
		if (!principal) return next(refusal(deviceToken === undefined ? 'unauthenticated' : deviceRefusal(projections, schoolId, deviceToken)));
		const role = roleIn(principal, schoolId, projections);
		if (role === null || !SOCKET_CONNECT.includes(role)) return next(refusal('forbidden'));
		socket.data.schoolId = schoolId;
		socket.data.role = role;
		if (principal.kind === 'device') socket.data.deviceId = principal.deviceId;
		if (principal.kind === 'person') {
			socket.data.userId = principal.userId;
			socket.data.sessionId = principal.sessionId;
			// A session that expires while connected ends its connection too; the page then asks to sign in.
			const expiry = setTimeout(() => socket.disconnect(true), Math.min(principal.expiresAt - now(), 2 ** 31 - 1));
			expiry.unref();
			socket.once('disconnect', () => clearTimeout(expiry));
		}
		next();
	});

	io.on('connection', (socket) => {
		if (socket.recovered) return;
		const { schoolId, role, deviceId, userId, sessionId } = socket.data;
		const rooms: string[] = [schoolRoom(schoolId, tierOf(role))];
		if (deviceId !== undefined) rooms.push(deviceRoom(deviceId), wallRoom(schoolId));
		if (userId !== undefined && sessionId !== undefined) rooms.push(userRoom(userId), sessionRoom(sessionId));
		void socket.join(rooms);
	});

	return store.subscribe((batch) => {
		for (const { event } of batch) {
			if (event.type === 'device:revoked') {
				const screens = io.local.in(deviceRoom(event.deviceId));
				screens.emit('device:revoked');
				screens.disconnectSockets(true);
			} else if (event.type === 'session:ended') {
				io.local.in(sessionRoom(event.sessionId)).disconnectSockets(true);
			} else if (event.type === 'user:signed-out-everywhere' || event.type === 'user:removed' || event.type === 'user:password-set') {
				io.local.in(userRoom(event.userId)).disconnectSockets(true);
			}
		}
	});
}

/** Why a device token was refused: the wall shows "unpaired" for both, but says which. */
function deviceRefusal(projections: Projections, schoolId: string, token: string): string {
	const device = projections.has(schoolId) ? deviceByToken(projections.state(schoolId), sha256(token)) : undefined;
	return device ? 'device_revoked' : 'unknown_device';
}
