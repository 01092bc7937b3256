import type { InboundEvent, StoredEvent } from '../../protocol';
import { getOrCreate } from '../domain/state';
import { JournalFile } from './journal-file';
import { StoreUnavailableError, type AppendListener, type AppendResult, type EventStore } from './event-store';

interface Deferred {
	promise: Promise<void>;
	resolve: () => void;
	reject: (err: unknown) => void;
}

function deferred(): Deferred {
	let resolve!: () => void;
	let reject!: (err: unknown) => void;
	const promise = new Promise<void>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/**
 * The embedded default: logs in memory, made durable by a journal file (when given one).
 * Appends that arrive while a write is in flight are grouped into the next write, so one
 * fsync serves many requests (group commit).
 */
export class MemoryStore implements EventStore {
	#logs = new Map<string, StoredEvent[]>();
	#ids = new Map<string, Set<string>>();
	#positions = new Map<string, number>();
	#listeners = new Set<AppendListener>();
	#queue: StoredEvent[] = [];
	#next: Deferred | null = null;
	#writing = false;
	#failure: unknown = null;

	private constructor(
		private readonly now: () => number,
		private journal: JournalFile | null = null
	) {}

	/** Opens the store, replaying the journal file when there is one. */
	static async open(options: { journal?: string; now?: () => number } = {}): Promise<MemoryStore> {
		const store = new MemoryStore(options.now ?? Date.now);
		if (options.journal) store.journal = await JournalFile.open(options.journal, (s) => store.#commit(s));
		return store;
	}

	async append(events: readonly InboundEvent[]): Promise<AppendResult> {
		if (this.#failure) throw new StoreUnavailableError(this.#failure);
		const receivedAt = new Date(this.now()).toISOString();
		const stored: StoredEvent[] = [];
		let duplicates = 0;
		for (const event of events) {
			const ids = getOrCreate(this.#ids, event.schoolId, () => new Set<string>());
			if (ids.has(event.id)) {
				duplicates += 1;
				continue;
			}
			ids.add(event.id);
			const position = (this.#positions.get(event.schoolId) ?? 0) + 1;
			this.#positions.set(event.schoolId, position);
			stored.push({ position, receivedAt, event });
		}
		this.#queue.push(...stored);
		// Even an all-duplicate batch waits: its originals may still be in flight.
		await this.#whenDurable();
		const positions: Record<string, number> = {};
		for (const e of events) positions[e.schoolId] = this.#positions.get(e.schoolId) ?? 0;
		return { stored, duplicates, positions };
	}

	async *read(schoolId: string, after = 0): AsyncIterable<StoredEvent> {
		const log = this.#logs.get(schoolId) ?? [];
		for (let i = after; i < log.length; i++) yield log[i] as StoredEvent;
	}

	async schools(): Promise<string[]> {
		return [...this.#logs.keys()];
	}

	writable(): boolean {
		return this.#failure === null;
	}

	/** Journal writes so far: fewer than appends when group commit is working. */
	get journalWrites(): number {
		return this.journal?.writes ?? 0;
	}

	subscribe(listener: AppendListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	async close(): Promise<void> {
		if (this.#next) await this.#next.promise.catch(() => undefined);
		await this.journal?.close();
		this.journal = null;
	}

	#commit(s: StoredEvent): void {
		const { schoolId, id } = s.event;
		getOrCreate(this.#logs, schoolId, () => []).push(s);
		getOrCreate(this.#ids, schoolId, () => new Set()).add(id);
		this.#positions.set(schoolId, s.position);
	}

	#whenDurable(): Promise<void> {
		this.#next ??= deferred();
		const { promise } = this.#next;
		if (!this.#writing) void this.#drain();
		return promise;
	}

	async #drain(): Promise<void> {
		this.#writing = true;
		while (this.#next) {
			const batch = this.#queue;
			const done = this.#next;
			this.#queue = [];
			this.#next = null;
			try {
				if (batch.length > 0) await this.journal?.append(batch);
			} catch (err) {
				// What is on disk is now unknown: stop taking writes rather than guess.
				this.#failure = err;
				done.reject(new StoreUnavailableError(err));
				// Appends that queued up during the failed write fail with it.
				const waiting = this.#next as Deferred | null;
				waiting?.reject(new StoreUnavailableError(err));
				this.#next = null;
				break;
			}
			for (const s of batch) getOrCreate(this.#logs, s.event.schoolId, () => []).push(s);
			if (batch.length > 0) for (const listener of this.#listeners) listener(batch);
			done.resolve();
		}
		this.#writing = false;
	}
}
