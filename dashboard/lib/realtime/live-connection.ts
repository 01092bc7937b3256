import { io, type Socket } from 'socket.io-client';
import { Delta, Heartbeat, OwnerHint, SnapshotAck, type ClientToServerEvents, type ServerToClientEvents, type Snapshot } from '$protocol';

export type ConnectionStatus = 'connecting' | 'live' | 'resyncing' | 'offline';

interface Events {
	snapshot: Snapshot;
	delta: Delta;
	heartbeat: Heartbeat;
	status: ConnectionStatus;
	/** The server will not have this connection (a revoked or unknown device): why, in words. */
	refused: string;
	/** The server will not have this person: not signed in (any more), or not for this school. */
	denied: Denial;
	/** An admin asked every wall of the school to reload. */
	reload: true;
}

/** Handshake refusals the connection cannot recover from by retrying. */
const REFUSALS: Record<string, string> = {
	device_revoked: 'This screen has been unpaired.',
	unknown_device: 'This screen is not paired with this school.',
	invalid_auth: 'This screen cannot connect: its settings are not valid.'
};

export type Denial = 'unauthenticated' | 'forbidden';

const DENIALS: ReadonlySet<string> = new Set<Denial>(['unauthenticated', 'forbidden']);

/** After the server closes a connection (a session ended, a screen revoked), the handshake is tried once more to learn why. */
const ASK_WHY_AFTER_MS = 1_000;

type Listener<K extends keyof Events> = (value: Events[K]) => void;

/** How long a snapshot request may wait for its answer before it is asked again. */
const SNAPSHOT_TIMEOUT_MS = 10_000;

/**
 * One school's live connection: a snapshot, then numbered frames, both over Socket.IO (so
 * both come from the same server process, whose epoch and numbering the frames carry).
 * A frame that is not the next number (a gap, or a new server epoch) and a reconnect that
 * Socket.IO could not recover both lead to a fresh snapshot; frames that arrive meanwhile are
 * held and replayed on top of it.
 */
export class LiveConnection {
	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	#listeners: { [K in keyof Events]: Set<Listener<K>> } = {
		snapshot: new Set(),
		delta: new Set(),
		heartbeat: new Set(),
		status: new Set(),
		refused: new Set(),
		denied: new Set(),
		reload: new Set()
	};
	#epoch: string | null = null;
	#seq = -1;
	#held: Delta[] | null = null;
	/** The node last asked for, as its school's owner: asked once each, so a balancer that cannot route by it costs one reconnect. */
	#askedNode: string | null = null;
	/** Counts resyncs begun: one left behind by a reconnect drops its answer and its failure. */
	#resyncRun = 0;

	constructor(
		readonly schoolId: string,
		readonly baseUrl = '',
		/** Sent in the handshake besides the school, e.g. a wall's device token. */
		private readonly credentials: { deviceToken?: string } = {}
	) {}

	on<K extends keyof Events>(event: K, listener: Listener<K>): () => void {
		this.#listeners[event].add(listener);
		return () => this.#listeners[event].delete(listener);
	}

	start(): void {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.baseUrl, {
			autoConnect: false,
			transports: ['websocket'],
			auth: { ...this.credentials, schoolId: this.schoolId }
		});
		socket.on('connect', () => {
			this.#emit('status', 'live');
			if (!socket.recovered) void this.resync();
		});
		socket.on('disconnect', (reason) => {
			this.#emit('status', 'offline');
			// The server does not reconnect what it closed; a new handshake says whether this is signed out or refused.
			if (reason !== 'io server disconnect') return;
			setTimeout(() => {
				if (this.#socket === socket) socket.connect();
			}, ASK_WHY_AFTER_MS);
		});
		socket.on('connect_error', (err) => {
			this.#emit('status', 'offline');
			if (socket.active) return;
			const refusal = REFUSALS[err.message];
			if (refusal) this.#emit('refused', refusal);
			else if (DENIALS.has(err.message)) this.#emit('denied', err.message as Denial);
		});
		socket.on('device:revoked', () => this.#emit('refused', REFUSALS.device_revoked as string));
		socket.on('wall:reload', () => this.#emit('reload', true));
		socket.on('school:changed', (raw) => this.#onDelta(raw));
		socket.on('live:owner', (raw) => {
			const hint = OwnerHint.safeParse(raw);
			if (!hint.success || hint.data.node === this.#askedNode) return;
			this.#askedNode = hint.data.node;
			// Through the load balancer to the school's owner, whose frames reach its own screens without crossing Redis.
			socket.io.opts.query = { node: hint.data.node };
			// A snapshot asked of this connection is left behind; the new one asks its own.
			this.#resyncRun += 1;
			this.#held = null;
			socket.disconnect().connect();
		});
		socket.on('server:heartbeat', (raw) => {
			const beat = Heartbeat.safeParse(raw);
			if (beat.success) this.#emit('heartbeat', beat.data);
		});
		this.#emit('status', 'connecting');
		this.#socket = socket;
		socket.connect();
	}

	stop(): void {
		this.#socket?.removeAllListeners();
		this.#socket?.disconnect();
		this.#socket = null;
	}

	/** Fetches the snapshot and replays the frames that arrived while it was on its way. */
	async resync(): Promise<void> {
		if (this.#held) return;
		const run = ++this.#resyncRun;
		this.#held = [];
		this.#emit('status', 'resyncing');
		try {
			for (;;) {
				const snapshot = await this.#fetchSnapshot();
				if (run !== this.#resyncRun) return;
				this.#epoch = snapshot.epoch;
				this.#seq = snapshot.seq;
				this.#emit('snapshot', snapshot);
				const held = this.#held;
				this.#held = [];
				if (held.every((d) => this.#accept(d))) break;
			}
			this.#held = null;
			this.#emit('status', this.#socket?.connected ? 'live' : 'offline');
		} catch {
			if (run !== this.#resyncRun) return;
			this.#held = null;
			this.#emit('status', 'offline');
			setTimeout(() => {
				if (this.#socket) void this.resync();
			}, 2_000);
		}
	}

	async #fetchSnapshot(): Promise<Snapshot> {
		const socket = this.#socket;
		if (!socket) throw new Error('not started');
		const answer = SnapshotAck.parse(await socket.timeout(SNAPSHOT_TIMEOUT_MS).emitWithAck('school:snapshot', { schoolId: this.schoolId }));
		if (!answer.ok) throw new Error(`snapshot refused: ${answer.code}: ${answer.message}`);
		return answer.data;
	}

	#onDelta(raw: unknown): void {
		const delta = Delta.safeParse(raw);
		if (!delta.success) return;
		if (this.#held) {
			this.#held.push(delta.data);
			return;
		}
		if (!this.#accept(delta.data)) void this.resync();
	}

	/** Applies the frame if it is the next one; false on a gap. */
	#accept(delta: Delta): boolean {
		if (delta.epoch === this.#epoch && delta.seq <= this.#seq) return true;
		if (delta.epoch !== this.#epoch || delta.seq !== this.#seq + 1) return false;
		this.#seq = delta.seq;
		this.#emit('delta', delta);
		return true;
	}

	#emit<K extends keyof Events>(event: K, value: Events[K]): void {
		for (const listener of this.#listeners[event]) listener(value);
	}
}
