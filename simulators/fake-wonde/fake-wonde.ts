import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wondeDate, type FakeWondeSchool, type WondeRecord } from './fake-wonde-school';

/** Wonde's largest page for these endpoints, and its default. */
const MAX_PER_PAGE = 1000;
const DEFAULT_PER_PAGE = 50;

export interface FakeFailure {
	status: 429 | 500 | 502 | 503;
	/** Seconds, for a 429's Retry-After; left out, no header. */
	retryAfter?: number;
	/** Only requests to this endpoint (e.g. `students`); left out, any. */
	endpoint?: string;
	/** How many requests answer so before the next is served (1 by default). */
	times?: number;
}

/**
 * A small Wonde for tests: real HTTP on 127.0.0.1, serving one school's records in Wonde's
 * documented shapes (see fake-wonde-school.ts) under `/v1.0/schools/<id>/<endpoint>`, with a
 * bearer token, paging through `meta.pagination.next`, `updated_after`, and switches that make it
 * answer 429 (with Retry-After), 5xx, 401 (the key revoked) or 403 (the approval narrowed).
 * Wonde itself cannot be reached from a test, so it stands in for it.
 */
export class FakeWonde {
	readonly requests: string[] = [];
	#failures: FakeFailure[] = [];
	#revoked = false;
	#narrowed = new Set<string>();
	/** Pages served so far; with `stopAfterPages`, the next is answered 503 until cleared (a run cut short). */
	pagesServed = 0;
	stopAfterPages: number | null = null;

	private constructor(
		private readonly server: Server,
		readonly data: FakeWondeSchool,
		readonly token: string,
		readonly url: string
	) {}

	static async start(data: FakeWondeSchool, token = 'test-token-0123456789'): Promise<FakeWonde> {
		let fake: FakeWonde | null = null;
		const server = createServer((req, res) => fake?.handle(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		fake = new FakeWonde(server, data, token, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`);
		return fake;
	}

	/** The school's base URL, as the connector is given it. */
	get schoolUrl(): string {
		return `${this.url}/schools/${this.data.wondeId}`;
	}

	fail(failure: FakeFailure): void {
		this.#failures.push({ times: 1, ...failure });
	}

	revoke(revoked = true): void {
		this.#revoked = revoked;
	}

	narrow(endpoint: string): void {
		this.#narrowed.add(endpoint);
	}

	widen(): void {
		this.#narrowed.clear();
	}

	/** Changes a record at the source: its fields as given, and `updated_at` moved to `at`. */
	touch(endpoint: string, id: string, at: string, fields: Record<string, unknown> = {}): void {
		const list = this.data.endpoints[endpoint] ?? [];
		const index = list.findIndex((r) => r.id === id);
		if (index < 0) throw new Error(`no ${endpoint} record ${id}`);
		list[index] = { ...(list[index] as WondeRecord), ...fields, updated_at: wondeDate(at) };
	}

	/** Adds a record at the end of an endpoint's list. */
	add(endpoint: string, record: WondeRecord): void {
		(this.data.endpoints[endpoint] ??= []).push(record);
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', this.url);
		this.requests.push(url.pathname + url.search);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		};
		if (req.headers.authorization !== `Bearer ${this.token}` || this.#revoked)
			return send(401, { error: 'invalid_token', error_description: 'The access token is invalid or has been revoked.' });
		const prefix = `/v1.0/schools/${this.data.wondeId}/`;
		if (!url.pathname.startsWith(prefix)) return send(404, { error: 'not_found' });
		const endpoint = url.pathname.slice(prefix.length);
		const records = this.data.endpoints[endpoint];
		if (!records) return send(404, { error: 'not_found' });
		if (this.#narrowed.has(endpoint)) return send(403, { error: 'forbidden', error_description: `The school's approval does not include ${endpoint}.` });
		const failure = this.#failures.find((f) => f.endpoint === undefined || f.endpoint === endpoint);
		if (failure) {
			failure.times = (failure.times ?? 1) - 1;
			if (failure.times <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
			return send(failure.status, { error: 'try_again' }, failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) });
		}
		if (this.stopAfterPages !== null && this.pagesServed >= this.stopAfterPages) return send(503, { error: 'unavailable' });
		const after = url.searchParams.get('updated_after');
		if (after !== null && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(after)) return send(422, { error: 'updated_after must be YYYY-MM-DD HH:MM:SS' });
		const chosen = after === null ? records : records.filter((r) => r.updated_at.date.slice(0, 19) > after);
		const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(url.searchParams.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE));
		const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
		const slice = chosen.slice((page - 1) * perPage, page * perPage);
		const more = page * perPage < chosen.length;
		const link = (n: number) => {
			const next = new URL(url);
			next.searchParams.set('page', String(n));
			return next.toString();
		};
		this.pagesServed += 1;
		send(200, {
			data: slice,
			meta: { pagination: { next: more ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, more, per_page: perPage, current_page: page } }
		});
	}
}
