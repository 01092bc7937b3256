import type { InboundEvent, StoredEvent } from '../../protocol';
import { getOrCreate } from '../domain/school/state';
import { consoleLogger, type Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { JournalFile, JournalRewriteError, type JournalEntry } from './journal-file';
import { JournalLock } from './journal-lock';
import { StoreUnavailableError, type AppendListener, type AppendResult, type EventStore, type StoreReadiness, type WriteProblem } from './event-store';
import { purgeCutoffMs, purged } from './purge-filter';

interface PendingAppend {
	events: readonly InboundEvent[];
	resolve: (result: AppendResult) => void;
	reject: (err: unknown) => void;
}

/**
 * The embedded default: logs in memory, made durable by a journal file (when given one), which
 * one process at a time may write (it holds the journal's lock until closed). Appends that
 * arrive while a write is in flight are grouped into the next write, so one fsync serves many
 * requests (group commit). Positions are given and memory changed only once a write is synced:
 * a failed write leaves the store as it was, and the next one may succeed (a disk with room again).
 * Purges take turns with those writes.
 */
export class MemoryStore implements EventStore {
	/** Durable events per school, in position order; a purge leaves gaps in the positions. */
	#logs = new Map<string, StoredEvent[]>();
	#ids = new Map<string, Set<string>>();
	#positions = new Map<string, number>();
	#listeners = new Set<AppendListener>();
	#pending: PendingAppend[] = [];
	#purges: (() => Promise<void>)[] = [];
	#writing = false;
	#drained: Promise<void> = Promise.resolve();
	#failure: unknown = null;
	#lock: JournalLock | null = null;
	#writesFailing = false;
	/** Set by `drain` or `close`: appends and purges are refused from then on. */
	#closing = false;

	private constructor(
		private readonly now: () => number,
		private readonly logger: Logger,
		private journal: JournalFile | null = null
	) {}

	/**
	 * Opens the store, taking the journal's lock and replaying the journal when there is one.
	 * `writer` names this process in the lock, for whoever finds it taken.
	 */
	static async open(options: { journal?: string; now?: () => number; logger?: Logger; writer?: string; metrics?: Metrics } = {}): Promise<MemoryStore> {
		const store = new MemoryStore(options.now ?? Date.now, options.logger ?? consoleLogger);
		if (!options.journal) return store;
		const lock = await JournalLock.take(options.journal, options.writer ?? 'Lookout');
		try {
			store.journal = await JournalFile.open(options.journal, (entry) => store.#commit(entry), store.logger);
			store.journal.syncTimer = options.metrics?.journalFsync ?? null;
		} catch (err) {
			await lock.release();
			throw err;
		}
		store.#lock = lock;
		return store;
	}

	append(events: readonly InboundEvent[]): Promise<AppendResult> {
		if (this.#closing) return Promise.reject(closingError());
		if (this.#failure) return Promise.reject(new StoreUnavailableError(this.#failure));
		return new Promise<AppendResult>((resolve, reject) => {
			// Even an all-duplicate batch waits its turn: its originals may still be in flight.
			this.#pending.push({ events, resolve, reject });
			if (!this.#writing) this.#drained = this.#drain();
		});
	}

	async *read(schoolId: string, after = 0): AsyncIterable<StoredEvent> {
		let log = this.#logs.get(schoolId) ?? [];
		let last = after;
		let index = firstAfter(log, last);
		for (;;) {
			// A purge swaps in a new array: find the place again in that one.
			const current = this.#logs.get(schoolId) ?? log;
			if (current !== log) {
				log = current;
				index = firstAfter(log, last);
			}
			const next = log[index];
			if (!next) return;
			index += 1;
			last = next.position;
			yield next;
		}
	}

	/** Runs between journal writes: after the write in flight, before the appends queued behind it. */
	async purge(schoolId: string, before: string, keep: (event: InboundEvent) => boolean): Promise<number> {
		if (this.#closing) throw closingError();
		if (this.#failure) throw new StoreUnavailableError(this.#failure);
		const beforeMs = purgeCutoffMs(before);
		return new Promise<number>((resolve, reject) => {
			this.#purges.push(() => this.#purgeNow(schoolId, beforeMs, keep).then(resolve, reject));
			if (!this.#writing) this.#drained = this.#drain();
		});
	}

	async schools(): Promise<string[]> {
		return [...this.#logs.keys()];
	}

	writable(): boolean {
		return !this.#closing && this.#failure === null && (this.journal?.sound ?? true);
	}

	/** Reads are from memory; writes need the journal still at its path, the lock still ours, and the last write to have worked. */
	async ready(): Promise<StoreReadiness> {
		return { reads: true, writes: await this.#writeProblem() };
	}

	async #writeProblem(): Promise<WriteProblem | null> {
		if (this.#closing) return 'closing';
		if (this.#failure !== null || this.#writesFailing || !(this.journal?.sound ?? true)) return 'write_failed';
		if (this.journal && !(await this.journal.inPlace())) return 'journal_missing';
		if (this.#lock && !(await this.#lock.held())) return 'lock_lost';
		return null;
	}

	async drain(): Promise<void> {
		this.#closing = true;
		await this.#drained;
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
		this.#closing = true;
		await this.#drained;
		await this.journal?.close();
		this.journal = null;
		await this.#lock?.release();
		this.#lock = null;
	}

	#commit(entry: JournalEntry): void {
		if (!('event' in entry)) {
			this.#logOf(entry.schoolId);
			this.#positions.set(entry.schoolId, Math.max(entry.position, this.#positions.get(entry.schoolId) ?? 0));
			return;
		}
		const { schoolId, id } = entry.event;
		this.#logOf(schoolId).push(entry);
		getOrCreate(this.#ids, schoolId, () => new Set()).add(id);
		this.#positions.set(schoolId, Math.max(entry.position, this.#positions.get(schoolId) ?? 0));
	}

	#logOf(schoolId: string): StoredEvent[] {
		return getOrCreate(this.#logs, schoolId, () => []);
	}

	async #drain(): Promise<void> {
		this.#writing = true;
		while (this.#pending.length > 0 || this.#purges.length > 0) {
			// Purges asked for during the last write go before the appends that queued behind it.
			for (const purge of this.#purges.splice(0)) await purge();
			const requests = this.#pending.splice(0);
			if (requests.length === 0) continue;
			const { batch, results } = this.#number(requests);
			try {
				if (this.#failure) throw this.#failure;
				if (batch.length > 0) await this.journal?.append(batch);
			} catch (err) {
				// Not written (the journal is cut back to where it was): nothing in memory changed.
				for (const request of requests) request.reject(new StoreUnavailableError(err));
				// Once when writes start failing (a full disk refuses every retry), once when they work again.
				if (!this.#writesFailing) this.logger.error(`Lookout: the journal refused a write (${messageOf(err)}); nothing of it was kept`);
				this.#writesFailing = true;
				continue;
			}
			if (this.#writesFailing) this.logger.info('Lookout: the journal takes writes again');
			this.#writesFailing = false;
			for (const s of batch) this.#commit(s);
			if (batch.length > 0) for (const listener of this.#listeners) listener(batch);
			requests.forEach((request, i) => request.resolve(results[i] as AppendResult));
		}
		this.#writing = false;
	}

	/** Positions for the new events of these appends, after what is durable; memory is not touched. */
	#number(requests: readonly PendingAppend[]): { batch: StoredEvent[]; results: AppendResult[] } {
		const receivedAt = new Date(this.now()).toISOString();
		const batch: StoredEvent[] = [];
		const fresh = new Map<string, Set<string>>();
		const reached = new Map<string, number>();
		const results = requests.map(({ events }) => {
			const stored: StoredEvent[] = [];
			let duplicates = 0;
			for (const event of events) {
				const ids = getOrCreate(fresh, event.schoolId, () => new Set<string>());
				if (ids.has(event.id) || this.#ids.get(event.schoolId)?.has(event.id)) {
					duplicates += 1;
					continue;
				}
				ids.add(event.id);
				const position = (reached.get(event.schoolId) ?? this.#positions.get(event.schoolId) ?? 0) + 1;
				reached.set(event.schoolId, position);
				stored.push({ position, receivedAt, event });
			}
			batch.push(...stored);
			const positions: Record<string, number> = {};
			for (const e of events) positions[e.schoolId] = reached.get(e.schoolId) ?? this.#positions.get(e.schoolId) ?? 0;
			return { stored, duplicates, positions };
		});
		return { batch, results };
	}

	async #purgeNow(schoolId: string, beforeMs: number, keep: (event: InboundEvent) => boolean): Promise<number> {
		if (this.#failure) throw new StoreUnavailableError(this.#failure);
		const kept: StoredEvent[] = [];
		const removed: StoredEvent[] = [];
		for (const s of this.#logs.get(schoolId) ?? []) (purged(s.event, beforeMs, keep) ? removed : kept).push(s);
		if (removed.length === 0) return 0;
		let failure: JournalRewriteError | null = null;
		try {
			await this.journal?.rewrite(this.#journalEntries(schoolId, kept));
		} catch (err) {
			if (!(err instanceof JournalRewriteError) || !err.replaced) throw err;
			failure = err;
		}
		// The new journal is in place (if perhaps not yet durable): memory follows it.
		this.#logs.set(schoolId, kept);
		const ids = this.#ids.get(schoolId);
		for (const s of removed) ids?.delete(s.event.id);
		if (failure) {
			this.#failure = failure;
			throw new StoreUnavailableError(failure);
		}
		return removed.length;
	}

	/** Everything durable, with one school's log replaced by what a purge keeps of it. */
	*#journalEntries(schoolId: string, kept: readonly StoredEvent[]): Iterable<JournalEntry> {
		for (const [id, log] of this.#logs) {
			const events = id === schoolId ? kept : log;
			yield* events;
			const end = this.#positions.get(id) ?? 0;
			if ((events[events.length - 1]?.position ?? 0) < end) yield { schoolId: id, position: end };
		}
	}
}

/** The index of the first event after a position, in a log sorted by position. */
function firstAfter(log: readonly StoredEvent[], position: number): number {
	let low = 0;
	let high = log.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if ((log[mid] as StoredEvent).position <= position) low = mid + 1;
		else high = mid;
	}
	return low;
}

function closingError(): StoreUnavailableError {
	return new StoreUnavailableError(new Error('the store is closing'));
}

function messageOf(err: unknown): string {
	const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
	return `${err instanceof Error ? err.message : String(err)}${cause}`;
}
