import type { StoredEvent } from '../../protocol';
import type { Clock } from '../clock';
import { changedBetween, nextChangeAt } from '../domain/view';
import type { Touched } from '../domain/school/touched';
import type { EventStore } from '../store/event-store';
import type { Projections } from './projections';

/** Who is told what changed in a school (the broadcaster, which turns it into frames). */
export interface ChangeListener {
	touch(schoolId: string, touched: Touched): void;
	/** Whether this process derives the school's frames (with several nodes, only its owner does). */
	derives?(schoolId: string): boolean;
}

/**
 * Keeps every school's projection up to date with its log and tells the broadcaster what
 * changed: on each appended event, and at each instant a timed rule changes by itself
 * (a register falling overdue, a Reflection Room no-show), scheduled from the clock.
 */
export class LiveSchools {
	#unsubscribe: (() => void) | null = null;
	#wakeups = new Map<string, { at: number; cancel: () => void }>();
	/** Per school, the clock time up to which what the clock changes has been told. */
	#toldUpTo = new Map<string, number>();

	constructor(
		private readonly store: EventStore,
		private readonly projections: Projections,
		private readonly broadcaster: ChangeListener,
		private readonly clock: Clock
	) {}

	/**
	 * Follows new appends and rebuilds every school from its log. It listens first: with several
	 * processes appends go on during the rebuild, and what is heard meanwhile is held, then
	 * applied past what the rebuild read.
	 */
	async start(): Promise<{ schools: number; events: number }> {
		let held: StoredEvent[] | null = [];
		this.#unsubscribe = this.store.subscribe((batch) => (held ? held.push(...batch) : this.#onAppended(batch)));
		let events = 0;
		const schools = await this.store.schools();
		for (const schoolId of schools) {
			for await (const stored of this.store.read(schoolId, this.projections.position(schoolId))) {
				this.projections.apply(stored);
				events += 1;
			}
			this.#schedule(schoolId);
		}
		const heard = held.filter((s) => s.position > this.projections.position(s.event.schoolId));
		held = null;
		if (heard.length > 0) this.#onAppended(heard);
		return { schools: schools.length, events };
	}

	/** This process has just started deriving the school (it took it over): its timed changes are followed from now. */
	derive(schoolId: string): void {
		this.#toldUpTo.set(schoolId, this.clock.now());
		this.#schedule(schoolId);
	}

	stop(): void {
		this.#unsubscribe?.();
		for (const wakeup of this.#wakeups.values()) wakeup.cancel();
		this.#wakeups.clear();
	}

	#onAppended(batch: readonly StoredEvent[]): void {
		const schools = new Set<string>();
		for (const stored of batch) {
			// Already applied: heard while the rebuild read it too.
			if (stored.position <= this.projections.position(stored.event.schoolId)) continue;
			this.broadcaster.touch(stored.event.schoolId, this.projections.apply(stored));
			schools.add(stored.event.schoolId);
		}
		for (const schoolId of schools) this.#schedule(schoolId);
	}

	#schedule(schoolId: string): void {
		// Another node derives it: what the clock changes is its to tell (and taking over derives the school whole).
		if (this.broadcaster.derives?.(schoolId) === false) return this.#unschedule(schoolId);
		const now = this.clock.now();
		if (!this.#toldUpTo.has(schoolId)) this.#toldUpTo.set(schoolId, now);
		const at = nextChangeAt(this.projections.state(schoolId), now);
		const current = this.#wakeups.get(schoolId);
		if (current?.at === at) return;
		current?.cancel();
		const cancel = this.clock.at(at, () => {
			this.#wakeups.delete(schoolId);
			// Everything due since the last wake-up: a clock moved far at once may pass several deadlines.
			const until = this.clock.now();
			this.broadcaster.touch(schoolId, changedBetween(this.projections.state(schoolId), this.#toldUpTo.get(schoolId) ?? until, until));
			this.#toldUpTo.set(schoolId, until);
			this.#schedule(schoolId);
		});
		this.#wakeups.set(schoolId, { at, cancel });
	}

	#unschedule(schoolId: string): void {
		this.#wakeups.get(schoolId)?.cancel();
		this.#wakeups.delete(schoolId);
		this.#toldUpTo.delete(schoolId);
	}
}
