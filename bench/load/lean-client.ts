import WebSocket, { type RawData } from 'ws';
import { nowMs } from '../lib/time';

export type EventHandler = (name: string, payload: unknown, receivedAt: number) => void;

/**
 * A Socket.IO client cut to what a live view does: Engine.IO v4 over a websocket, the
 * default namespace with `auth`, pongs, and incoming events. A full socket.io-client per
 * socket costs enough that a thousand of them in one process measure the client, not the server.
 *
 * Wire format: `0{...}` open, `2`/`3` ping/pong, `40{auth}` connect, `40{sid}` connected,
 * `44{...}` refused, `42[name, payload, offset?]` an event. A signed-in person's session
 * cookie goes in the upgrade request's headers, as a browser sends it; a wall's device token
 * in the connect packet's auth.
 */
export class LeanSocketClient {
	#ws: WebSocket;
	#closedByUs = false;

	private constructor(ws: WebSocket, onEvent: EventHandler, onDrop: (reason: string) => void) {
		this.#ws = ws;
		ws.on('message', (data: RawData) => this.#message(data, onEvent));
		ws.on('close', () => {
			if (!this.#closedByUs) onDrop('closed by the server');
		});
	}

	/** Opens the websocket (with `headers` on the upgrade) and joins the default namespace with `auth`. */
	static connect(
		baseUrl: string,
		auth: Record<string, string>,
		headers: Record<string, string>,
		onEvent: EventHandler,
		onDrop: (reason: string) => void,
		timeoutMs: number
	): Promise<LeanSocketClient> {
		const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
		const ws = new WebSocket(url, { perMessageDeflate: false, headers });
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				ws.terminate();
				reject(new Error(`no Socket.IO connect within ${timeoutMs} ms`));
			}, timeoutMs);
			const handshake = (data: RawData) => {
				const text = data.toString();
				if (text.startsWith('0')) ws.send(`40${JSON.stringify(auth)}`);
				else if (text.startsWith('40') || text.startsWith('44')) {
					clearTimeout(timer);
					ws.off('message', handshake);
					if (text.startsWith('44')) {
						ws.terminate();
						reject(new Error(`connect refused: ${text.slice(2)}`));
					} else resolve(new LeanSocketClient(ws, onEvent, onDrop));
				} else if (text === '2') ws.send('3');
			};
			ws.on('message', handshake);
			ws.once('error', (err) => {
				clearTimeout(timer);
				reject(err);
			});
		});
	}

	close(): void {
		this.#closedByUs = true;
		this.#ws.close();
	}

	#message(data: RawData, onEvent: EventHandler): void {
		const receivedAt = nowMs();
		const text = data.toString();
		if (text === '2') {
			this.#ws.send('3');
			return;
		}
		if (!text.startsWith('42')) return;
		const start = text.indexOf('[');
		const packet: unknown = JSON.parse(text.slice(start));
		if (!Array.isArray(packet) || typeof packet[0] !== 'string') return;
		onEvent(packet[0], packet[1], receivedAt);
	}
}
