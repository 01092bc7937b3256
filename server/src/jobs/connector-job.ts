import type { ConnectorName, ConnectorStatus } from '../../protocol/connectors';
import { connectorOf, enabledFor, runConnector, type ConnectorSchool } from '../connectors/connector-schools';
import type { ConnectorStateStore } from '../connectors/connector-state';
import { connectorStatuses, neverRun } from '../connectors/connector-status';
import type { RetryPolicy } from '../connectors/source-fetch';
import type { SyncSummary } from '../connectors/sync-run';
import type { Leases } from '../live/leases';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { EventStore } from '../store/event-store';

/** Soon after the start, so a restarted server catches up without waiting a whole interval. */
const FIRST_RUN_MS = 30_000;
const DEFAULT_EVERY_MS = 15 * 60_000;
/** A `running` status another process wrote is believed this long; past it, that process is taken to have died mid-run. */
const RUNNING_ELSEWHERE_MS = 15 * 60_000;

export interface ConnectorJobDeps {
	store: EventStore;
	state: ConnectorStateStore;
	leases: Leases;
	logger: Logger;
	/** Each school and connector switched on (a school may have both Wonde and Arbor). */
	schools: readonly ConnectorSchool[];
	/** Between runs; 15 minutes by default (CONNECTOR_MINUTES). */
	everyMs?: number;
	firstRunMs?: number;
	/** Real time: sync runs are stamped with it and the schedule follows it, not the school clock. */
	now?: () => number;
	retry?: RetryPolicy;
	/** Counts runs by connector and how they ended. */
	metrics?: Metrics;
}

/** What `runNow` came to: the run started (its status `running`), one already under way, or no such connector switched on for the school. */
export type RunNow = { ok: true; status: ConnectorStatus } | { ok: false; problem: 'running'; status: ConnectorStatus } | { ok: false; problem: 'not_enabled' };

/**
 * Syncs each school's connectors (Wonde, Arbor) on a timer, one after another, for the schools
 * whose lease this process holds. A school whose approval was revoked or narrowed
 * is left alone until someone runs `npm run sync` for it (which tries again): asking again with
 * a key Wonde refused only earns the school's supplier an alert. A failed run is logged and the
 * next one tries again. An admin's "run now" (`runNow`) runs one school at once, whatever its
 * last state, never beside a run of the same school already under way in this process.
 */
export class ConnectorJob {
	#timer: NodeJS.Timeout | null = null;
	#running = false;
	#stopping = false;
	#run: Promise<unknown> = Promise.resolve();
	/** The runs under way here, by school and connector: the schedule's and those asked for. */
	#inFlight = new Map<string, Promise<SyncSummary | null>>();
	#nextRunAt: number | null = null;

	constructor(private readonly deps: ConnectorJobDeps) {}

	start(): void {
		if (this.#running || this.deps.schools.length === 0) return;
		this.#running = true;
		// Asking for each school's lease now means it is held by the first run: on Redis a school with
		// no events yet is known to no node until asked for, and the first ask only starts the taking.
		for (const school of this.deps.schools) this.deps.leases.holds(school.schoolId);
		this.#schedule(this.deps.firstRunMs ?? Math.min(FIRST_RUN_MS, this.#everyMs()));
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#stopping = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#run;
		await Promise.all(this.#inFlight.values());
	}

	/** The connectors switched on for a school. */
	enabled(schoolId: string): ConnectorName[] {
		return enabledFor(this.deps.schools, schoolId);
	}

	/** Each connector of the school with its run status, as `GET /api/v1/connectors` answers it. */
	async statuses(schoolId: string): Promise<ConnectorStatus[]> {
		const statuses = await connectorStatuses(this.deps.state, schoolId, this.enabled(schoolId));
		// One never run has no status stored to say when it runs; the schedule's timer knows.
		const next = this.#timer && this.#nextRunAt !== null ? new Date(this.#nextRunAt).toISOString() : null;
		return statuses.map((s) => (s.state === 'never_run' && s.nextRunAt === null ? { ...s, nextRunAt: next } : s));
	}

	/**
	 * Starts a run of the school's connector now and answers once its `running` status is stored;
	 * the run goes on in the background and its end is read from the status.
	 */
	async runNow(schoolId: string, connector: ConnectorName): Promise<RunNow> {
		const school = this.deps.schools.find((s) => s.schoolId === schoolId && connectorOf(s) === connector);
		if (!school) return { ok: false, problem: 'not_enabled' };
		const under = await this.#underWay(schoolId, connector);
		if (under) return { ok: false, problem: 'running', status: under };
		let started: (status: ConnectorStatus) => void = () => {};
		const running = new Promise<ConnectorStatus>((resolve) => (started = resolve));
		const now = this.deps.now ?? Date.now;
		// The schedule's timer says when the next run is; between a pass's start and its end there is none yet.
		const next = this.#timer ? this.#nextRunAt : this.#running ? now() + this.#everyMs() : null;
		const run = this.#sync(school, next, (status) => started(status));
		const first = await Promise.race([running, run.then(() => null)]);
		return { ok: true, status: first ?? (await this.statuses(schoolId)).find((s) => s.connector === connector) ?? neverStarted(schoolId, connector) };
	}

	/** One pass over the schools: each school's summary, or null where it was skipped. */
	async runOnce(): Promise<(SyncSummary | null)[]> {
		const { schools, leases, state, logger } = this.deps;
		const out: (SyncSummary | null)[] = [];
		for (const school of schools) {
			// Stopping waits for the school under way, not for the rest.
			if (this.#stopping) break;
			if (!leases.holds(school.schoolId)) {
				out.push(null);
				continue;
			}
			const connector = connectorOf(school);
			if (this.#inFlight.has(key(school.schoolId, connector))) {
				out.push(null);
				continue;
			}
			try {
				const previous = await state.status(school.schoolId, connector);
				if (previous?.state === 'revoked' || previous?.state === 'narrowed') {
					out.push(null);
					continue;
				}
			} catch (err) {
				logger.error(`Lookout: ${school.schoolId}: the ${NAMES[connector]} sync could not run; trying again at the next run`, err);
				out.push(null);
				continue;
			}
			out.push(await this.#sync(school, (this.deps.now ?? Date.now)() + this.#everyMs()));
		}
		return out;
	}

	/** One school's run, known to be under way until it ends; null when it could not run (logged). */
	#sync(school: ConnectorSchool, nextRunAt: number | null, onStatus?: (status: ConnectorStatus) => void): Promise<SyncSummary | null> {
		const { store, logger } = this.deps;
		const now = this.deps.now ?? Date.now;
		const state = onStatus ? reporting(this.deps.state, onStatus) : this.deps.state;
		const connector = connectorOf(school);
		const run = runConnector(school, {
			store,
			state,
			now,
			nextRunAt,
			...(this.deps.retry ? { retry: this.deps.retry } : {})
		})
			.then((summary) => {
				const { status } = summary;
				this.deps.metrics?.connectorRuns.inc({ connector, outcome: status.state });
				const line = `Lookout: ${school.schoolId}: ${NAMES[connector]} sync ${status.state}: ${status.recordsIn} record(s) in, ${status.refused} refused${status.detail ? ` (${status.detail})` : ''}`;
				if (status.state === 'ok') logger.info(line);
				else logger.warn(line);
				return summary;
			})
			.catch((err: unknown) => {
				this.deps.metrics?.connectorRuns.inc({ connector, outcome: 'error' });
				logger.error(`Lookout: ${school.schoolId}: the ${NAMES[connector]} sync could not run; trying again at the next run`, err);
				return null;
			})
			.finally(() => this.#inFlight.delete(key(school.schoolId, connector)));
		this.#inFlight.set(key(school.schoolId, connector), run);
		return run;
	}

	/** The status of a run of this school under way: here, or in another process that wrote `running` lately (a cluster shares the status). */
	async #underWay(schoolId: string, connector: ConnectorName): Promise<ConnectorStatus | null> {
		const status = await this.deps.state.status(schoolId, connector);
		if (this.#inFlight.has(key(schoolId, connector))) return status ?? neverStarted(schoolId, connector);
		if (this.deps.leases.holds(schoolId) || status?.state !== 'running') return null;
		const now = this.deps.now ?? Date.now;
		return now() - Date.parse(status.lastRunAt ?? '') < RUNNING_ELSEWHERE_MS ? status : null;
	}

	#schedule(delayMs: number): void {
		const now = this.deps.now ?? Date.now;
		this.#nextRunAt = now() + delayMs;
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

const NAMES: Record<ConnectorName, string> = { wonde: 'Wonde', arbor: 'Arbor' };

const key = (schoolId: string, connector: ConnectorName) => `${schoolId}/${connector}`;

/** The status a run that has not yet stored one reads as: running from now. */
function neverStarted(schoolId: string, connector: ConnectorName): ConnectorStatus {
	return { ...neverRun(schoolId, connector), state: 'running' };
}

/** The state store, telling `onStatus` of the first status the run stores (its `running`). */
function reporting(state: ConnectorStateStore, onStatus: (status: ConnectorStatus) => void): ConnectorStateStore {
	let told = false;
	return {
		cursor: (...a) => state.cursor(...a),
		saveCursor: (...a) => state.saveCursor(...a),
		roster: (...a) => state.roster(...a),
		saveRoster: (...a) => state.saveRoster(...a),
		sentLessons: (...a) => state.sentLessons(...a),
		saveSentLessons: (...a) => state.saveSentLessons(...a),
		status: (...a) => state.status(...a),
		saveStatus: async (status) => {
			await state.saveStatus(status);
			if (!told) onStatus(structuredClone(status));
			told = true;
		},
		reset: (...a) => state.reset(...a),
		close: () => state.close()
	};
}
