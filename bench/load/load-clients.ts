import { io } from 'socket.io-client';
import { nowMs } from '../lib/time';
import { LeanSocketClient, type EventHandler } from './lean-client';
import type { ClientKind } from './load-messages';

export interface LoadClient {
	frames(): number;
	close(): void;
}

/** Connects one client of the chosen kind to a school's live view. */
export async function connectLoadClient(
	kind: ClientKind,
	url: string,
	schoolId: string,
	onEvent: EventHandler,
	onDrop: (reason: string) => void,
	timeoutMs: number
): Promise<LoadClient> {
	let frames = 0;
	const counted: EventHandler = (name, payload, receivedAt) => {
		if (name === 'school:changed') frames += 1;
		onEvent(name, payload, receivedAt);
	};
	if (kind === 'lean') {
		const client = await LeanSocketClient.connect(url, { schoolId }, counted, onDrop, timeoutMs);
		return { frames: () => frames, close: () => client.close() };
	}
	const socket = io(url, { transports: ['websocket'], auth: { schoolId }, reconnection: false, timeout: timeoutMs });
	socket.on('school:changed', (payload: unknown) => counted('school:changed', payload, nowMs()));
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	socket.on('disconnect', (reason) => {
		if (reason !== 'io client disconnect') onDrop(reason);
	});
	return { frames: () => frames, close: () => socket.disconnect() };
}

/** Connects `count` clients, at most `parallel` handshakes at a time. */
export async function connectMany<T>(count: number, parallel: number, connect: (i: number) => Promise<T>): Promise<T[]> {
	const clients: T[] = new Array<T>(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			clients[i] = await connect(i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
	return clients;
}
