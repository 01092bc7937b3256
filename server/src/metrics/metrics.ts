import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type IngestOutcome = 'accepted' | 'duplicate' | 'refused';

type Increment = { inc(value?: number): void };

/**
 * What one Lookout app counts, in a registry of its own (never prom-client's global one, so two
 * apps in one process count apart). Recording is a counter increment on a cached label child:
 * nothing is allocated per event. Labels are school ids, roles, outcomes and error codes only.
 */
export class Metrics {
	readonly registry = new Registry();
	/** Each fsync of the embedded journal (one per group of appends). */
	readonly journalFsync = new Histogram({
		name: 'lookout_journal_fsync_seconds',
		help: 'How long each fsync of the embedded journal took (one per group of appends)',
		buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
		registers: [this.registry]
	});
	readonly escalations = new Counter({
		name: 'lookout_escalations_total',
		help: 'Escalation alerts stored by the escalator of this process (an unacknowledged call, nobody on scene, lone working)',
		registers: [this.registry]
	});
	/** Each connector run, by the connector and how it ended (its status, or `error` when it could not run). */
	readonly connectorRuns = new Counter({
		name: 'lookout_connector_runs_total',
		help: 'Runs of each connector (a school system Lookout pulls from) by how they ended: ok, revoked, narrowed, failed (the source kept failing) or error (the run could not start)',
		labelNames: ['connector', 'outcome'] as const,
		registers: [this.registry]
	});
	readonly redisFollowerLag = new Gauge({
		name: 'lookout_redis_follower_lag_seconds',
		help: 'Age, on the store clock, of the newest entry the Redis log follower last read from another process; 0 once it has caught up',
		registers: [this.registry]
	});
	readonly #ingest = new Counter({
		name: 'lookout_ingest_events_total',
		help: 'Events sent to POST /api/v1/events: accepted, duplicate (already stored) or refused, with the error code that refused them',
		labelNames: ['outcome', 'reason'] as const,
		registers: [this.registry]
	});
	readonly #frames = new Counter({
		name: 'lookout_frames_total',
		help: 'Frames of changes sent per school (once per frame, whichever tiers watch)',
		labelNames: ['school'] as const,
		registers: [this.registry]
	});
	readonly #frameBytes = new Counter({
		name: 'lookout_frame_bytes_total',
		help: 'Bytes of frames this node sent per school, as encoded once per tier for its sockets (not once per socket)',
		labelNames: ['school'] as const,
		registers: [this.registry]
	});
	#countClients: () => ReadonlyMap<string, number> = () => new Map();
	readonly #ingestChildren = new Map<string, Increment>();
	readonly #schoolChildren = new Map<string, { frames: Increment; bytes: Increment }>();

	/**
	 * `processMetrics` adds event-loop lag, heap, CPU and handles (nodejs_*, process_*): once per
	 * process, by its entry point, since prom-client never stops the monitors it starts for them.
	 */
	constructor(options: { processMetrics?: boolean } = {}) {
		const count = () => this.#countClients();
		new Gauge({
			name: 'lookout_clients',
			help: 'Live connections (Socket.IO) to this process, by role',
			labelNames: ['role'] as const,
			registers: [this.registry],
			collect() {
				this.reset();
				for (const [role, n] of count()) this.set({ role }, n);
			}
		});
		if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
	}

	ingested(outcome: IngestOutcome, reason: string, events: number): void {
		const key = `${outcome} ${reason}`;
		let child = this.#ingestChildren.get(key);
		if (!child) this.#ingestChildren.set(key, (child = this.#ingest.labels(outcome, reason)));
		child.inc(events);
	}

	frameSent(schoolId: string, bytes: number): void {
		this.#school(schoolId).bytes.inc(bytes);
	}

	frameCounted(schoolId: string): void {
		this.#school(schoolId).frames.inc();
	}

	/** Where the connection count comes from: read on each scrape, so connecting costs nothing. */
	countClientsWith(count: () => ReadonlyMap<string, number>): void {
		this.#countClients = count;
	}

	get contentType(): string {
		return this.registry.contentType;
	}

	/** The Prometheus text exposition of every metric. */
	scrape(): Promise<string> {
		return this.registry.metrics();
	}

	#school(schoolId: string) {
		let children = this.#schoolChildren.get(schoolId);
		if (!children) {
			children = { frames: this.#frames.labels(schoolId), bytes: this.#frameBytes.labels(schoolId) };
			this.#schoolChildren.set(schoolId, children);
		}
		return children;
	}
}
