import type { Redis } from 'ioredis';
import type { StoredEvent } from '../../protocol';
import type { AppendListener } from './event-store';
import { parseEntry, XReadReply } from './redis-entries';
import { entryId, type RedisKeys } from './redis-keys';

/** How long one XREAD waits for news before it is sent again (it also bounds how long close waits). */
const BLOCK_MS = 2_000;
const READ_COUNT = 1_000;
/** Pause after a failed read before the next, while the connection finds Redis again. */
const RETRY_MS = 250;

export interface FollowerDeps {
	/** A connection of its own: XREAD BLOCK holds it. */
	reader: Redis;
	keys: RedisKeys;
	/** A school's entries after one position up to another, for filling a gap. */
	readRange(schoolId: string, after: number, upTo: number): Promise<StoredEvent[]>;
	onError(err: unknown): void;
	/**
	 * Told, after each read, the age in seconds of the newest entry it brought from another
	 * process (0 when it brought none), by `now`: the clock the log's `receivedAt` is stamped with.
	 */
	lag?: { set(seconds: number): void };
	now?: () => number;
}

/**
 * Follows every school's log, whichever process appended to it, and tells listeners of each
 * event once, in log order per school. Delivery is by position: an entry is passed on only if
 * it comes after the last one delivered, and only from a slice of the log read whole from that
 * point (an XREAD, or a range read filling the gap before this process's own append), so what
 * this process appended (delivered at once, before its append resolves) and what the reader
 * brings back later never overlap or jump. A position missing from such a slice was purged:
 * positions are given out and written in one script, so none can turn up later.
 */
export class RedisLogFollower {
	#delivered = new Map<string, number>();
	#listeners = new Set<AppendListener>();
	#schoolsCursor = '0-0';
	#running = false;
	#loop: Promise<void> = Promise.resolve();
	/** Resolves on stop: a read pending on a connection that is down would otherwise never end. */
	#stopped: Promise<null>;
	#stop: () => void = () => {};

	constructor(private readonly deps: FollowerDeps) {
		this.#stopped = new Promise((resolve) => (this.#stop = () => resolve(null)));
	}

	/** Starts reading after the given positions; schools that join later are read from their start. */
	start(positions: ReadonlyMap<string, number>, schoolsCursor: string): void {
		for (const [schoolId, position] of positions) this.#delivered.set(schoolId, position);
		this.#schoolsCursor = schoolsCursor;
		this.#running = true;
		this.#loop = this.#follow();
	}

	subscribe(listener: AppendListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Passes on what this process appended, first filling any gap left by other processes. */
	async appended(schoolId: string, events: readonly StoredEvent[]): Promise<void> {
		const first = events[0]?.position;
		if (first === undefined) return;
		const delivered = this.#delivered.get(schoolId) ?? 0;
		if (first > delivered + 1) {
			try {
				this.#deliver(schoolId, await this.deps.readRange(schoolId, delivered, first - 1));
			} catch (err) {
				// The events are stored; the reader passes them on, in order, once Redis answers again.
				this.deps.onError(err);
				return;
			}
		}
		this.#deliver(schoolId, events);
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#stop();
		this.deps.reader.disconnect();
		await this.#loop;
	}

	/** `events` must be all the log holds after the last delivered position, up to its last one. */
	#deliver(schoolId: string, events: readonly StoredEvent[]): void {
		let delivered = this.#delivered.get(schoolId) ?? 0;
		const batch: StoredEvent[] = [];
		for (const stored of events) {
			if (stored.position <= delivered) continue;
			batch.push(stored);
			delivered = stored.position;
		}
		if (batch.length === 0) return;
		this.#delivered.set(schoolId, delivered);
		for (const listener of this.#listeners) listener(batch);
	}

	async #follow(): Promise<void> {
		const { reader, keys } = this.deps;
		while (this.#running) {
			const schools = [...this.#delivered.keys()];
			const streams = [keys.schoolsJoined, ...schools.map((s) => keys.log(s))];
			const after = [this.#schoolsCursor, ...schools.map((s) => entryId(this.#delivered.get(s) ?? 0))];
			try {
				const read = reader.xread('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...streams, ...after);
				const raw = await Promise.race([read, this.#stopped]);
				if (!this.#running) return;
				const reply = XReadReply.parse(raw);
				let newest = '';
				for (const [key, entries] of reply ?? []) {
					if (key === keys.schoolsJoined) this.#joined(entries);
					else {
						const schoolId = schools[streams.indexOf(key) - 1];
						if (schoolId === undefined) continue;
						const read = this.#parse(schoolId, key, entries);
						const last = read[read.length - 1]?.receivedAt ?? '';
						if (last > newest) newest = last;
						this.#deliver(schoolId, read);
					}
				}
				this.#reportLag(newest);
			} catch (err) {
				if (!this.#running) return;
				this.deps.onError(err);
				await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
			}
		}
	}

	#reportLag(newestReceivedAt: string): void {
		const { lag, now = Date.now } = this.deps;
		if (!lag) return;
		lag.set(newestReceivedAt === '' ? 0 : Math.max(0, now() - Date.parse(newestReceivedAt)) / 1000);
	}

	/**
	 * A corrupt entry is reported and stepped over: stopping here would freeze the school on
	 * every node, while the entry can never be applied anyway.
	 */
	#parse(schoolId: string, key: string, entries: readonly [string, string[]][]): StoredEvent[] {
		const out: StoredEvent[] = [];
		const delivered = this.#delivered.get(schoolId) ?? 0;
		for (const [id, fields] of entries) {
			// What this process appended was passed on already: no need to parse it again.
			if (Number(id.split('-')[0]) <= delivered) continue;
			try {
				out.push(parseEntry(key, id, fields));
			} catch (err) {
				this.deps.onError(err);
				this.#deliver(schoolId, out.splice(0));
				const position = Number(id.split('-')[0]);
				if (position > (this.#delivered.get(schoolId) ?? 0)) this.#delivered.set(schoolId, position);
			}
		}
		return out;
	}

	#joined(entries: readonly [string, string[]][]): void {
		for (const [id, fields] of entries) {
			this.#schoolsCursor = id;
			const schoolId = fields[1];
			if (fields[0] === 's' && schoolId !== undefined && !this.#delivered.has(schoolId)) this.#delivered.set(schoolId, 0);
		}
	}
}
