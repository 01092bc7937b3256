import { LiveConnection, type ConnectionStatus } from '../../dashboard/lib/realtime/live-connection';
import type { Delta, Heartbeat, Snapshot } from '../../server/protocol';

/** How long a client stays offline before it tries the next node, as a load balancer would send it. */
const FAILOVER_MS = 500;

/**
 * A dashboard as the tests see it: the dashboard's own LiveConnection, folding the snapshot
 * and the frames into one view the way the page does (replace on snapshot, upsert and remove
 * by id on each frame). It connects as a paired wall screen, since in Node the connection has
 * no browser to send a session cookie. Given several node URLs it moves to the next when its
 * node stays unreachable. It counts what a user would notice: a behaviour item arriving twice.
 */
export class FoldingClient {
	/** Behaviour items held now, by event id (JSON, to spot a repeat of the same item). */
	readonly behaviour = new Map<string, string>();
	/** Event ids a frame brought again, identical, while they were held. */
	duplicates = 0;
	snapshots = 0;
	heartbeats: Heartbeat[] = [];
	position = 0;
	status: ConnectionStatus = 'connecting';
	#connection: LiveConnection | null = null;
	#node = 0;
	#offlineSince: number | null = null;
	#failover: NodeJS.Timeout;

	constructor(
		readonly schoolId: string,
		private readonly urls: readonly string[],
		/** A paired wall's token: the dashboard's connection sends it in the handshake, on every node. */
		private readonly deviceToken: string,
		node = 0
	) {
		this.#node = node;
		this.#failover = setInterval(() => this.#maybeMove(), 100);
		this.#connect();
	}

	get url(): string {
		return this.urls[this.#node % this.urls.length] as string;
	}

	ids(): string[] {
		return [...this.behaviour.keys()].sort();
	}

	close(): void {
		clearInterval(this.#failover);
		this.#connection?.stop();
		this.#connection = null;
	}

	#connect(): void {
		const connection = new LiveConnection(this.schoolId, this.url, { deviceToken: this.deviceToken });
		connection.on('snapshot', (s) => this.#onSnapshot(s));
		connection.on('delta', (d) => this.#onDelta(d));
		connection.on('heartbeat', (h) => this.heartbeats.push(h));
		connection.on('status', (s) => {
			this.status = s;
			if (s === 'offline') this.#offlineSince ??= Date.now();
			else if (s === 'live') this.#offlineSince = null;
		});
		connection.start();
		this.#connection = connection;
	}

	#maybeMove(): void {
		if (this.#offlineSince === null || Date.now() - this.#offlineSince < FAILOVER_MS) return;
		this.#connection?.stop();
		this.#offlineSince = Date.now();
		this.#node += 1;
		this.#connect();
	}

	#onSnapshot(snapshot: Snapshot): void {
		this.snapshots += 1;
		this.position = snapshot.position;
		this.behaviour.clear();
		for (const item of snapshot.view.behaviour) this.behaviour.set(item.id, JSON.stringify(item));
	}

	#onDelta(delta: Delta): void {
		this.position = delta.position;
		for (const change of delta.changes) {
			if (change.feed !== 'behaviour') continue;
			for (const id of change.remove) this.behaviour.delete(id);
			for (const item of change.upsert) {
				const json = JSON.stringify(item);
				if (this.behaviour.get(item.id) === json) this.duplicates += 1;
				this.behaviour.set(item.id, json);
			}
		}
	}
}
