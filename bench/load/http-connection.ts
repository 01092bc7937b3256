import { connect, type Socket } from 'node:net';

interface Pending {
	resolve: (status: number) => void;
	reject: (err: Error) => void;
	timer: NodeJS.Timeout;
}

/**
 * One kept-alive HTTP/1.1 connection that sends a ready-made request and reads the status
 * and Content-Length body of the answer: a fraction of the CPU node:http's client spends,
 * so the sender does not set the pace of the servers it measures.
 */
export class HttpConnection {
	#socket: Socket;
	#buffer = '';
	#pending: Pending | null = null;
	#open = true;

	private constructor(socket: Socket) {
		this.#socket = socket;
		// latin1: one character per byte, so Content-Length can be counted in characters.
		socket.setEncoding('latin1');
		socket.setNoDelay(true);
		socket.on('data', (chunk: string) => this.#data(chunk));
		socket.on('close', () => this.#closed(new Error('the server closed the connection')));
		socket.on('error', (err) => this.#closed(err));
	}

	static open(port: number, timeoutMs: number): Promise<HttpConnection> {
		return new Promise((resolve, reject) => {
			const socket = connect({ host: '127.0.0.1', port });
			const timer = setTimeout(() => socket.destroy(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
			socket.once('connect', () => {
				clearTimeout(timer);
				resolve(new HttpConnection(socket));
			});
			socket.once('error', (err) => {
				clearTimeout(timer);
				reject(err);
			});
		});
	}

	get usable(): boolean {
		return this.#open && this.#pending === null;
	}

	/** Sends one whole request; resolves with the answer's status once its body has arrived. */
	send(request: string, timeoutMs: number): Promise<number> {
		if (!this.usable) return Promise.reject(new Error('connection busy or closed'));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => this.#socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
			this.#pending = { resolve, reject, timer };
			this.#socket.write(request);
		});
	}

	close(): void {
		this.#open = false;
		this.#socket.destroy();
	}

	#data(chunk: string): void {
		this.#buffer += chunk;
		const headEnd = this.#buffer.indexOf('\r\n\r\n');
		if (headEnd < 0 || !this.#pending) return;
		const head = this.#buffer.slice(0, headEnd);
		const status = Number(head.slice(9, 12));
		const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 'NaN');
		if (!Number.isFinite(length)) {
			this.#socket.destroy(new Error('answer without Content-Length'));
			return;
		}
		if (this.#buffer.length < headEnd + 4 + length) return;
		this.#buffer = this.#buffer.slice(headEnd + 4 + length);
		if (/\r\nconnection:\s*close/i.test(head)) this.#open = false;
		const pending = this.#pending;
		this.#pending = null;
		clearTimeout(pending.timer);
		pending.resolve(status);
	}

	#closed(err: Error): void {
		this.#open = false;
		const pending = this.#pending;
		this.#pending = null;
		if (pending) {
			clearTimeout(pending.timer);
			pending.reject(err);
		}
	}
}
