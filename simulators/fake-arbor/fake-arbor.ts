import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArborRecord, FakeArborSchool } from './fake-arbor-school';

/** Arbor's default listing size when `page-size` is not given (undocumented: the SDK always sends one). */
const DEFAULT_PAGE_SIZE = 100;

export interface FakeArborFailure {
	status: 429 | 500 | 502 | 503;
	retryAfter?: number;
	/** Only requests to this resource (e.g. `students`); left out, any. */
	resource?: string;
	/** GET (a listing or an object) or PUT (an alert's status); left out, GET. */
	method?: 'GET' | 'PUT';
	/** A GET of a listing page or of one object at its href; left out, either. */
	on?: 'listing' | 'object';
	times?: number;
}

/** A listing's key: the resource type's plural in lower camel case, as the SDK reads it (`emergencyAlerts`). */
const listKey = (resource: string) => resource.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** One object's key in its answer: its entity type in lower camel case (`emergencyAlert`), as the SDK's `retrieve()` reads it. */
const objectKey = (entityType: string) => entityType.charAt(0).toLowerCase() + entityType.slice(1);

/** Where a refusal applies: every request, or only the reads of objects at their hrefs (listings still answer). */
type Scope = 'all' | 'objects';

/**
 * A small Arbor for tests: real HTTP on 127.0.0.1, one school's records (fake-arbor-school.ts) under
 * `/rest-v2/<resource>`, behind HTTP Basic with an API user as Arbor documents it. A listing is served
 * as Arbor documents one: each object's identity and link only, `{"response": {...}, "students":
 * [{"entityType": "Student", "id": 10001, "href": "/rest-v2/students/10001"}], "next": ...}`, and each
 * object whole at its href, `GET /rest-v2/students/10001` answering `{"response": {...}, "student":
 * {...}}` (the SDK's `retrieve()`). Listings page by `page` and `page-size` and filter by
 * `filters.lastModifiedDatetime.after`; `PUT
 * /rest-v2/emergency-alerts/<id>` takes `{"request": {"emergencyAlert": {...}}}` as the SDK sends an
 * update. Switches make it answer 429 (with Retry-After), 5xx, 401 (the API user's key revoked) or
 * 403 (a resource no longer permitted), on listings and object reads alike or on object reads alone;
 * listing pages and object reads are counted apart. Arbor cannot be reached from a test, so it stands in for it.
 */
export class FakeArbor {
	readonly requests: string[] = [];
	/** Each status update Arbor accepted, in order. */
	readonly updates: { id: number; body: Record<string, unknown> }[] = [];
	#failures: FakeArborFailure[] = [];
	#revoked: Scope | null = null;
	#narrowed = new Map<string, Scope>();
	#deleteOnListing = new Map<string, Set<number>>();
	/** Listing pages served. */
	pagesServed = 0;
	/** Objects served at their hrefs. */
	objectsServed = 0;
	stopAfterPages: number | null = null;

	private constructor(
		private readonly server: Server,
		readonly data: FakeArborSchool,
		readonly user: string,
		readonly password: string,
		readonly url: string
	) {}

	static async start(data: FakeArborSchool, user = 'lookout-api-user', password = 'arbor-password-0123456789'): Promise<FakeArbor> {
		let fake: FakeArbor | null = null;
		const server = createServer((req, res) => {
			fake?.handle(req, res).catch((err: unknown) => {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ response: { code: 500, reason: String(err) } }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		fake = new FakeArbor(server, data, user, password, `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest-v2`);
		return fake;
	}

	/** The credential as the connector is given it. */
	get credential(): string {
		return `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
	}

	fail(failure: FakeArborFailure): void {
		this.#failures.push({ times: 1, ...failure });
	}

	/** The API user's key withdrawn: every request answers 401, or (`objects`) object reads only, as if withdrawn between a listing and its reads. */
	revoke(revoked: boolean | 'objects' = true): void {
		this.#revoked = revoked === true ? 'all' : revoked === false ? null : revoked;
	}

	/** A resource no longer permitted: its requests answer 403, or (`objects`) its object reads only. */
	narrow(resource: string, scope: Scope = 'all'): void {
		this.#narrowed.set(resource, scope);
	}

	/** The record is deleted at Arbor just after the next listing that names it is served: its read at its href answers 404. */
	deleteAfterListing(resource: string, id: number): void {
		this.#deleteOnListing.set(resource, (this.#deleteOnListing.get(resource) ?? new Set()).add(id));
	}

	/** Changes a record at the source: its fields as given, and `lastModifiedDatetime` moved to `at`. */
	touch(resource: string, id: number, at: string, fields: Record<string, unknown> = {}): void {
		const list = this.data.resources[resource] ?? [];
		const index = list.findIndex((r) => r.id === id);
		if (index < 0) throw new Error(`no ${resource} record ${id}`);
		const [record] = list.splice(index, 1);
		list.push({ ...(record as ArborRecord), ...fields, lastModifiedDatetime: at });
	}

	add(resource: string, record: ArborRecord): void {
		(this.data.resources[resource] ??= []).push(record);
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const method = req.method === 'PUT' ? 'PUT' : 'GET';
		this.requests.push(`${method} ${url.pathname}${url.search}`);
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		};
		const [, api, resource = '', id] = url.pathname.split('/');
		const on = id === undefined ? 'listing' : 'object';
		const applies = (scope: Scope | null | undefined) => scope === 'all' || (scope === 'objects' && method === 'GET' && on === 'object');
		if (req.headers.authorization !== this.credential || applies(this.#revoked)) return send(401, { response: { code: 401, reason: 'Unauthorized' } });
		const records = this.data.resources[resource];
		if (api !== 'rest-v2' || !records) return send(404, { response: { code: 404, reason: 'Not Found' } });
		if (applies(this.#narrowed.get(resource))) return send(403, { response: { code: 403, reason: `Forbidden: the API user may not read ${resource}` } });
		const failure = this.#failures.find(
			(f) => (f.resource === undefined || f.resource === resource) && (f.method ?? 'GET') === method && (method === 'PUT' || f.on === undefined || f.on === on)
		);
		if (failure) {
			failure.times = (failure.times ?? 1) - 1;
			if (failure.times <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
			return send(
				failure.status,
				{ response: { code: failure.status, reason: 'Try again' } },
				failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) }
			);
		}
		if (method === 'PUT') return this.update(req, resource, Number(id), send);
		if (id !== undefined) {
			const record = records.find((r) => String(r.id) === id);
			if (!record) return send(404, { response: { code: 404, reason: 'Not Found' } });
			this.objectsServed += 1;
			return send(200, { response: { code: 200, reason: 'OK' }, [objectKey(record.entityType)]: record });
		}
		if (this.stopAfterPages !== null && this.pagesServed >= this.stopAfterPages) return send(503, { response: { code: 503, reason: 'Unavailable' } });
		const after = url.searchParams.get('filters.lastModifiedDatetime.after');
		if (after !== null && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(after))
			return send(422, { response: { code: 422, reason: 'filters.lastModifiedDatetime.after must be Y-m-d H:i:s' } });
		const chosen = after === null ? records : records.filter((r) => r.lastModifiedDatetime > after);
		const size = Math.max(1, Number(url.searchParams.get('page-size') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE);
		const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
		const next = new URL(url);
		next.searchParams.set('page', String(page + 1));
		this.pagesServed += 1;
		const listed = chosen.slice((page - 1) * size, page * size);
		send(200, {
			response: { code: 200, reason: 'OK' },
			[listKey(resource)]: listed.map((r) => ({ entityType: r.entityType, id: r.id, href: `/rest-v2/${resource}/${r.id}` })),
			next: page * size < chosen.length ? next.toString() : null
		});
		const deleting = this.#deleteOnListing.get(resource);
		for (const r of listed.filter((r) => deleting?.has(r.id))) {
			deleting?.delete(r.id);
			records.splice(records.indexOf(r), 1);
		}
	}

	private async update(req: IncomingMessage, resource: string, id: number, send: (status: number, body: unknown) => void): Promise<void> {
		let text = '';
		for await (const chunk of req) text += String(chunk);
		const body = JSON.parse(text) as { request?: { emergencyAlert?: Record<string, unknown> } };
		const fields = body.request?.emergencyAlert;
		const list = this.data.resources[resource] ?? [];
		const record = list.find((r) => r.id === id);
		if (resource !== 'emergency-alerts' || !record || !fields) return send(404, { response: { code: 404, reason: 'Not Found' } });
		this.updates.push({ id, body: fields });
		const changes = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'entityType'));
		this.touch(resource, id, String(fields.statusModifiedDatetime ?? record.lastModifiedDatetime), changes);
		send(200, { response: { code: 200, reason: 'OK' }, emergencyAlert: list.find((r) => r.id === id) });
	}
}
