import { io, type Socket } from 'socket.io-client';
import { Delta, type ClientToServerEvents, type ServerToClientEvents } from '../../server/protocol';

export interface TestClient {
	socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	frames: Delta[];
	/** Resolves once a frame satisfies the predicate (checking frames already received too). */
	waitFor(predicate: (frame: Delta) => boolean, timeoutMs?: number): Promise<Delta>;
	close(): void;
}

/** A real socket.io-client that keeps every frame it receives, validated against the contract. */
export async function connectClient(url: string, schoolId: string): Promise<TestClient> {
	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
		transports: ['websocket'],
		auth: { schoolId },
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
		socket.once('connect_error', reject);
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
