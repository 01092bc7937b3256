import type { InboundEvent, StoredEvent } from '../../protocol';

export interface AppendResult {
	/** The events that were new, as stored, in log order. */
	stored: StoredEvent[];
	/** Events whose id the school's log already held (or that repeated within the batch). */
	duplicates: number;
	/** Each touched school's log position after the append. */
	positions: Record<string, number>;
}

export type AppendListener = (stored: readonly StoredEvent[]) => void;

/**
 * Why a store cannot take appends now: it is shutting down; a write failed and none has
 * succeeded since; its journal file is no longer at its path; another process holds (or
 * removed) its journal lock; its server does not answer.
 */
export type WriteProblem = 'closing' | 'write_failed' | 'journal_missing' | 'lock_lost' | 'unreachable';

/** What a readiness probe learns of the store. */
export interface StoreReadiness {
	/** The store answered a read. */
	reads: boolean;
	/** Null while it takes appends; otherwise why not. */
	writes: WriteProblem | null;
}

/**
 * The event log, per school. Implementations: memory with a journal file (the embedded
 * default); Redis streams for several processes. Both pass `test/support/store-contract.ts`.
 */
export interface EventStore {
	/**
	 * Appends the events whose ids are new to their school's log, in order. Resolves only once
	 * they are durable; listeners hear of them (in log order) before it resolves.
	 */
	append(events: readonly InboundEvent[]): Promise<AppendResult>;
	/** A school's events after a position, in log order (positions have gaps where events were purged). */
	read(schoolId: string, after?: number): AsyncIterable<StoredEvent>;
	/**
	 * Removes from the school's log every event that occurred before `before` (an ISO instant)
	 * and that `keep` does not keep; resolves with how many it removed. The events left keep
	 * their positions (the log has gaps where the removed ones were), appends carry on from the
	 * last position, and a removed event's id is forgotten, so a resend of it is stored again.
	 */
	purge(schoolId: string, before: string, keep: (event: InboundEvent) => boolean): Promise<number>;
	/** Every school that has a log. */
	schools(): Promise<string[]>;
	/** Whether appends can be taken now; false while the storage is unreachable or failed. */
	writable(): boolean;
	/** Whether the store answers and can take appends, for a readiness probe; it writes nothing. */
	ready(): Promise<StoreReadiness>;
	/**
	 * Refuses appends and purges from now on (`StoreUnavailableError`) and resolves once those
	 * already taken are durable (or refused): a process shutting down waits on it, then closes.
	 */
	drain(): Promise<void>;
	/** Hears of every event appended from now on, durable and in log order. */
	subscribe(listener: AppendListener): () => void;
	close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
	constructor(cause: unknown) {
		super('the event store cannot take writes', { cause });
		this.name = 'StoreUnavailableError';
	}
}
