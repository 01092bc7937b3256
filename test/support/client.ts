import { io, type Socket } from 'socket.io-client';
import { Delta, type ClientToServerEvents, type ServerToClientEvents } from '../../server/protocol';

/** What a socket presents: a signed-in person's session cookie, or a paired wall's device token. */
export type Credentials = { cookie: string } | { deviceToken: string };

export interface TestClient {
	socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	frames: Delta[];
	/** Resolves once a frame satisfies the predicate (checking frames already received too). */
	waitFor(predicate: (frame: Delta) => boolean, timeoutMs?: number): Promise<Delta>;
	close(): void;
}

/** The handshake options for these credentials: in Node the cookie travels as a header, as a browser would send it. */
export function socketAuth(schoolId: string, credentials: Credentials): { auth: Record<string, string>; extraHeaders?: Record<string, string> } {
	return 'cookie' in credentials
		? { auth: { schoolId }, extraHeaders: { cookie: credentials.cookie } }
		: { auth: { schoolId, deviceToken: credentials.deviceToken } };
}

/** A real socket.io-client that keeps every frame it receives, validated against the contract. */
export async function connectClient(url: string, schoolId: string, credentials: Credentials): Promise<TestClient> {
	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
		transports: ['websocket'],
		...socketAuth(schoolId, credentials),
		reconnectionDelay: 100,
		reconnectionDelayMax: 500
	});
	const frames: Delta[] = [];
	const waiters = new Set<() => void>();
	socket.on('school:changed', (raw) => {
		frames.push(Delta.parse(raw));
		for (const w of waiters) w();
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', (err) => {
			socket.disconnect();
			reject(err);
		});
	});
	return {
		socket,
		frames,
		waitFor(predicate, timeoutMs = 5_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = frames.find(predicate);
					if (!found) return;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(found);
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`no matching frame within ${timeoutMs} ms (${frames.length} frames)`));
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		close: () => socket.disconnect()
	};
}
