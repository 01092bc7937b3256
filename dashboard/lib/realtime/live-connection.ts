import { io, type Socket } from 'socket.io-client';
import {
	Delta,
	Heartbeat,
	Snapshot,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '$protocol';

export type ConnectionStatus = 'connecting' | 'live' | 'resyncing' | 'offline';

interface Events {
	snapshot: Snapshot;
	delta: Delta;
	heartbeat: Heartbeat;
	status: ConnectionStatus;
}

type Listener<K extends keyof Events> = (value: Events[K]) => void;

/**
 * One school's live connection: a snapshot over HTTP, then numbered frames over Socket.IO.
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
		status: new Set()
	};
	#epoch: string | null = null;
	#seq = -1;
	#held: Delta[] | null = null;

	constructor(
		readonly schoolId: string,
		readonly baseUrl = ''
	) {}

	on<K extends keyof Events>(event: K, listener: Listener<K>): () => void {
		this.#listeners[event].add(listener);
		return () => this.#listeners[event].delete(listener);
	}

	start(): void {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.baseUrl, {
			autoConnect: false,
			transports: ['websocket'],
			auth: { schoolId: this.schoolId }
		});
		socket.on('connect', () => {
			this.#emit('status', 'live');
			if (!socket.recovered) void this.resync();
		});
		socket.on('disconnect', () => this.#emit('status', 'offline'));
		socket.on('connect_error', () => this.#emit('status', 'offline'));
		socket.on('school:changed', (raw) => this.#onDelta(raw));
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
		this.#held = [];
		this.#emit('status', 'resyncing');
		try {
			for (;;) {
				const res = await fetch(`${this.baseUrl}/api/v1/snapshot?school=${encodeURIComponent(this.schoolId)}`);
				const snapshot = Snapshot.parse(await res.json());
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
			this.#held = null;
			this.#emit('status', 'offline');
			setTimeout(() => void this.resync(), 2_000);
		}
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
