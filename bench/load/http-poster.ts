import { HttpConnection } from './http-connection';

/** Posts ingest bodies to one server on 127.0.0.1 over a pool of kept-alive connections. */
export class IngestPoster {
	readonly #port: number;
	readonly #host: string;
	#idle: HttpConnection[] = [];
	#all = new Set<HttpConnection>();
	#waiting: ((connection: HttpConnection | null) => void)[] = [];
	#opening = 0;

	constructor(
		baseUrl: string,
		private readonly maxConnections: number
	) {
		const url = new URL(baseUrl);
		if (url.hostname !== '127.0.0.1') throw new Error(`the bench only talks to 127.0.0.1, not ${url.hostname}`);
		this.#port = Number(url.port);
		this.#host = url.host;
	}

	/**
	 * Resolves with the HTTP status once the whole answer has arrived. `key` is the school's
	 * integration key, sent as a real sender sends it.
	 */
	async post(body: string, key: string, timeoutMs = 30_000): Promise<number> {
		const request = `POST /api/v1/events HTTP/1.1\r\nHost: ${this.#host}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
		const connection = await this.#acquire(timeoutMs);
		try {
			return await connection.send(request, timeoutMs);
		} finally {
			this.#release(connection);
		}
	}

	close(): void {
		for (const connection of this.#all) connection.close();
		for (const waiter of this.#waiting) waiter(null);
		this.#all.clear();
		this.#idle = [];
		this.#waiting = [];
	}

	async #acquire(timeoutMs: number): Promise<HttpConnection> {
		for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) if (idle.usable) return idle;
		if (this.#all.size + this.#opening < this.maxConnections) {
			this.#opening += 1;
			try {
				const connection = await HttpConnection.open(this.#port, timeoutMs);
				this.#all.add(connection);
				return connection;
			} finally {
				this.#opening -= 1;
			}
		}
		const connection = await new Promise<HttpConnection | null>((resolve) => this.#waiting.push(resolve));
		if (!connection) throw new Error('the poster was closed');
		return connection;
	}

	#release(connection: HttpConnection): void {
		if (!connection.usable) {
			this.#all.delete(connection);
			connection.close();
			// A waiter would otherwise wait for a connection that no longer exists.
			const waiter = this.#waiting.shift();
			if (waiter) void this.#acquire(30_000).then(waiter, () => waiter(null));
			return;
		}
		const waiter = this.#waiting.shift();
		if (waiter) waiter(connection);
		else this.#idle.push(connection);
	}
}
