import { io } from 'socket.io-client';
import { nowMs } from '../lib/time';
import { LeanSocketClient, type EventHandler } from './lean-client';
import type { ClientKind } from './load-messages';

export interface LoadClient {
	frames(): number;
	close(): void;
}

/** What a client presents: a coordinator's session cookie, or a paired wall's device token. */
export type ClientCredential = { cookie: string } | { deviceToken: string };

/** Connects one client of the chosen kind to a school's live view, authenticated as real clients are. */
export async function connectLoadClient(
	kind: ClientKind,
	url: string,
	schoolId: string,
	credential: ClientCredential,
	onEvent: EventHandler,
	onDrop: (reason: string) => void,
	timeoutMs: number,
	/** Several nodes: the URL of the node a `live:owner` hint names. */
	nodeUrl?: (node: string) => string | undefined
): Promise<LoadClient> {
	let frames = 0;
	const counted: EventHandler = (name, payload, receivedAt) => {
		if (name === 'school:changed') frames += 1;
		onEvent(name, payload, receivedAt);
	};
	const auth: Record<string, string> = 'deviceToken' in credential ? { schoolId, deviceToken: credential.deviceToken } : { schoolId };
	const headers: Record<string, string> = 'cookie' in credential ? { cookie: credential.cookie } : {};
	if (kind === 'lean') {
		let at = url;
		let client: LeanSocketClient | null = null;
		const handler: EventHandler = (name, payload, receivedAt) => {
			const owner = name === 'live:owner' ? nodeUrl?.((payload as { node: string }).node) : undefined;
			if (name !== 'live:owner') return counted(name, payload, receivedAt);
			if (!owner || owner === at) return;
			// Moves to the owner; the old connection closes once the new one is open, so no frame is missed.
			at = owner;
			void LeanSocketClient.connect(owner, auth, headers, handler, onDrop, timeoutMs).then(
				(moved) => {
					const old = client;
					client = moved;
					old?.close();
				},
				() => onDrop('could not move to the owner')
			);
		};
		client = await LeanSocketClient.connect(url, auth, headers, handler, onDrop, timeoutMs);
		return { frames: () => frames, close: () => client?.close() };
	}
	const socket = io(url, { transports: ['websocket'], auth, extraHeaders: headers, reconnection: false, timeout: timeoutMs });
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
