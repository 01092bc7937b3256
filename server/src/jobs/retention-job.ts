import type { EventOf } from '../../protocol';
import { auditEntry } from '../auth/audit';
import { isRetained, purgeCutoff } from '../domain/access/retention';
import type { Logger } from '../logger';
import type { EventStore } from '../store/event-store';
import type { Leases } from '../live/leases';
import type { Projections } from '../live/projections';

const HOUR_MS = 60 * 60 * 1_000;
/** Soon after the start, not `everyMs` after it: a process restarted more often than that would never purge. */
const FIRST_RUN_MS = 60_000;

export interface RetentionJobDeps {
	store: EventStore;
	projections: Projections;
	leases: Leases;
	logger: Logger;
	/** Real time, not the school clock: the cutoff is a real date and audit entries carry real times. */
	now?: () => number;
	/** Between runs; 6 hours by default. */
	everyMs?: number;
}

export interface PurgeOutcome {
	schoolId: string;
	removed: number;
}

type PurgeAudit = EventOf<'audit:recorded'>;

/**
 * Purges each school's events older than its `retentionDays`, except those current state is
 * built from (`isRetained`), and audits each purge in the school's log. Runs on a timer, for
 * the schools whose lease this process holds; a failure is logged and the next run tries again.
 */
export class RetentionJob {
	#timer: NodeJS.Timeout | null = null;
	#running = false;
	#run: Promise<void> = Promise.resolve();
	/** Audits whose append failed, appended first at the next run: their ids make a resend that did land a duplicate. */
	#unaudited: PurgeAudit[] = [];

	constructor(private readonly deps: RetentionJobDeps) {}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#schedule(Math.min(FIRST_RUN_MS, this.#everyMs()));
	}

	/** Stops the timer; resolves when a run in progress has finished, so the store can be closed after it. */
	async stop(): Promise<void> {
		this.#running = false;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#run;
	}

	/** One pass over the schools this process holds the lease of: what each purge removed. */
	async runOnce(): Promise<PurgeOutcome[]> {
		const { projections, leases, logger } = this.deps;
		for (const audit of this.#unaudited.splice(0)) await this.#audit(audit);
		const now = (this.deps.now ?? Date.now)();
		const outcomes: PurgeOutcome[] = [];
		for (const schoolId of projections.schoolIds()) {
			if (!leases.holds(schoolId)) continue;
			try {
				outcomes.push({ schoolId, removed: await this.#purge(schoolId, now) });
			} catch (err) {
				logger.error(`Lookout: purging old events of ${schoolId} failed; trying again at the next run`, err);
			}
		}
		return outcomes;
	}

	async #purge(schoolId: string, now: number): Promise<number> {
		const days = this.deps.projections.state(schoolId).settings.retentionDays;
		const cutoff = purgeCutoff(now, days);
		const removed = await this.deps.store.purge(schoolId, cutoff, isRetained);
		// A purge that removed nothing is not audited: runs every few hours would fill the audit log with nothing.
		if (removed === 0) return 0;
		const audit = purgeAudit(schoolId, now, cutoff, days, removed);
		this.deps.logger.info(`Lookout: ${schoolId}: ${audit.detail}`);
		await this.#audit(audit);
		return removed;
	}

	async #audit(audit: PurgeAudit): Promise<void> {
		try {
			await this.deps.store.append([audit]);
		} catch (err) {
			this.#unaudited.push(audit);
			this.deps.logger.error(`Lookout: ${audit.schoolId}: the audit of a purge could not be stored ("${audit.detail}"); trying again at the next run`, err);
		}
	}

	#schedule(delayMs: number): void {
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#run = this.runOnce()
				.then(
					() => undefined,
					(err: unknown) => this.deps.logger.error('Lookout: the retention run failed; trying again at the next one', err)
				)
				.finally(() => {
					if (this.#running) this.#schedule(this.#everyMs());
				});
		}, delayMs);
		// A purge pending hours from now must not keep a finished process alive.
		this.#timer.unref();
	}

	#everyMs(): number {
		return this.deps.everyMs ?? 6 * HOUR_MS;
	}
}

/**
 * The audit entry for one purge. Its id is derived from what was purged, so a resend is stored
 * once; the count is part of it because a later run to the same cutoff (old events that arrived
 * since), or a process racing this one over the same log, removes other events and is audited too.
 */
function purgeAudit(schoolId: string, now: number, cutoff: string, days: number, removed: number): PurgeAudit {
	const detail = `removed ${removed} event${removed === 1 ? '' : 's'} older than ${cutoff} (${days} days)`;
	return { ...auditEntry(schoolId, 'system', 'retention_purged', { detail }, now), id: `purge-${schoolId}-${Date.parse(cutoff)}-${removed}` };
}
