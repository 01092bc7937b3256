import type { SchoolSource } from '../connectors/connector';
import type { ConnectorStateStore } from '../connectors/connector-state';
import type { RetryPolicy } from '../connectors/source-fetch';
import { runSync, type SyncSummary } from '../connectors/sync-run';
import { wondeConnector, wondeSchoolUrl } from '../connectors/wonde/wonde-connector';
import type { WondeSchool } from '../connectors/wonde/wonde-settings';
import type { Leases } from '../live/leases';
import type { Logger } from '../logger';
import type { EventStore } from '../store/event-store';

/** Soon after the start, so a restarted server catches up without waiting a whole interval. */
const FIRST_RUN_MS = 30_000;
const DEFAULT_EVERY_MS = 15 * 60_000;

export interface ConnectorJobDeps {
	store: EventStore;
	state: ConnectorStateStore;
	leases: Leases;
	logger: Logger;
	schools: readonly WondeSchool[];
	/** Between runs; 15 minutes by default. */
	everyMs?: number;
	firstRunMs?: number;
	/** Real time: sync runs are stamped with it and the schedule follows it, not the school clock. */
	now?: () => number;
	retry?: RetryPolicy;
}

/**
 * Syncs each school with a Wonde connector switched on, on a timer, one school after another,
 * for the schools whose lease this process holds. A school whose approval was revoked or narrowed
 * is left alone until someone runs `npm run sync` for it (which tries again): asking again with
 * a key Wonde refused only earns the school's supplier an alert. A failed run is logged and the
 * next one tries again.
 */
export class ConnectorJob {
	#timer: NodeJS.Timeout | null = null;
	#running = false;
	#stopping = false;
	#run: Promise<unknown> = Promise.resolve();

	constructor(private readonly deps: ConnectorJobDeps) {}

	start(): void {
		if (this.#running || this.deps.schools.length === 0) return;
		this.#running = true;
		this.#schedule(this.deps.firstRunMs ?? Math.min(FIRST_RUN_MS, this.#everyMs()));
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#stopping = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#run;
	}

	/** One pass over the schools: each school's summary, or null where it was skipped. */
	async runOnce(): Promise<(SyncSummary | null)[]> {
		const { schools, leases, state, store, logger } = this.deps;
		const now = this.deps.now ?? Date.now;
		const out: (SyncSummary | null)[] = [];
		for (const school of schools) {
			// Stopping waits for the school under way, not for the rest.
			if (this.#stopping) break;
			if (!leases.holds(school.schoolId)) {
				out.push(null);
				continue;
			}
			try {
				const previous = await state.status(school.schoolId, 'wonde');
				if (previous?.state === 'revoked' || previous?.state === 'narrowed') {
					out.push(null);
					continue;
				}
				const source: SchoolSource = { schoolId: school.schoolId, baseUrl: wondeSchoolUrl(school.wondeId, school.api), token: school.token };
				const summary = await runSync(wondeConnector, source, {
					store,
					state,
					now,
					nextRunAt: now() + this.#everyMs(),
					...(this.deps.retry ? { retry: this.deps.retry } : {})
				});
				const { status } = summary;
				const line = `Lookout: ${school.schoolId}: Wonde sync ${status.state}: ${status.recordsIn} record(s) in, ${status.refused} refused${status.detail ? ` (${status.detail})` : ''}`;
				if (status.state === 'ok') logger.info(line);
				else logger.warn(line);
				out.push(summary);
			} catch (err) {
				logger.error(`Lookout: ${school.schoolId}: the Wonde sync could not run; trying again at the next run`, err);
				out.push(null);
			}
		}
		return out;
	}

	#schedule(delayMs: number): void {
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#run = this.runOnce()
				.catch((err: unknown) => this.deps.logger.error('Lookout: the connectors run failed; trying again at the next one', err))
				.finally(() => {
					if (this.#running) this.#schedule(this.#everyMs());
				});
		}, delayMs);
		this.#timer.unref();
	}

	#everyMs(): number {
		return this.deps.everyMs ?? DEFAULT_EVERY_MS;
	}
}
