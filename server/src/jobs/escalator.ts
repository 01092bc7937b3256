import type { InboundEvent } from '../../protocol';
import type { Clock } from '../clock';
import { dueEscalations, nextEscalationAt } from '../domain/oncall/escalation';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { EventStore } from '../store/event-store';
import type { DispatchDesk } from '../live/dispatch-desk';
import type { Leases } from '../live/leases';
import type { Projections } from '../live/projections';

/** How long a process that does not hold a school's lease waits before looking again (school time). */
const STANDBY_MS = 5_000;

/**
 * Raises each call's escalations when its timer runs out, as events in the log: scheduled from
 * the clock, never from timeouts in handlers, and run for each school by the one process that
 * holds its lease. A stale alert (the call moved on meanwhile) is refused by the desk and dropped.
 */
export class Escalator {
	#wakeups = new Map<string, { at: number; cancel: () => void }>();
	#unsubscribe: (() => void) | null = null;

	constructor(
		private readonly deps: { store: EventStore; projections: Projections; desk: DispatchDesk; clock: Clock; leases: Leases; logger: Logger; metrics?: Metrics }
	) {}

	start(): void {
		for (const schoolId of this.deps.projections.schoolIds()) this.#schedule(schoolId);
		this.#unsubscribe = this.deps.store.subscribe((batch) => {
			for (const schoolId of new Set(batch.map((s) => s.event.schoolId))) this.#schedule(schoolId);
		});
	}

	stop(): void {
		this.#unsubscribe?.();
		for (const wakeup of this.#wakeups.values()) wakeup.cancel();
		this.#wakeups.clear();
	}

	#schedule(schoolId: string, at = nextEscalationAt(this.deps.projections.state(schoolId))): void {
		const current = this.#wakeups.get(schoolId);
		if (current?.at === at) return;
		current?.cancel();
		this.#wakeups.delete(schoolId);
		if (at === null) return;
		const cancel = this.deps.clock.at(at, () => {
			this.#wakeups.delete(schoolId);
			void this.#fire(schoolId);
		});
		this.#wakeups.set(schoolId, { at, cancel });
	}

	async #fire(schoolId: string): Promise<void> {
		const { projections, desk, clock, leases, logger } = this.deps;
		if (!leases.holds(schoolId)) return this.#schedule(schoolId, clock.now() + STANDBY_MS);
		const due: InboundEvent[] = dueEscalations(projections.state(schoolId), clock.now()).map((draft) => ({ ...draft, schoolId }));
		let stored = 0;
		try {
			for (const event of due) {
				const submitted = await desk.submit([event]);
				if (!submitted.ok) continue;
				stored += submitted.result.stored.length;
				this.deps.metrics?.escalations.inc(submitted.result.stored.length);
			}
		} catch (err) {
			logger.error(`escalations for ${schoolId} could not be stored; trying again shortly`, err);
			return this.#schedule(schoolId, clock.now() + STANDBY_MS);
		}
		// Nothing stored and still due would spin: wait, as a process without the lease does.
		const next = nextEscalationAt(projections.state(schoolId));
		this.#schedule(schoolId, stored === 0 && next !== null && next <= clock.now() ? clock.now() + STANDBY_MS : next);
	}
}
