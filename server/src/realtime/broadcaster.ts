import { randomUUID } from 'node:crypto';
import type { FeedChange, FeedItem, FeedName, Snapshot, SchoolView } from '../../protocol';
import { FEED_NAMES } from '../../protocol';
import type { Clock } from '../clock';
import type { Touched } from '../domain/school/touched';
import type { Leases } from '../live/leases';
import type { Metrics } from '../metrics/metrics';
import { PublishedFeed } from './published-feed';
import { redactChanges, redactView } from './redact';
import { RemoteWatchers } from './remote-watchers';
import { schoolRoom, TIERS, wallRoom, type Tier } from './rooms';
import type { LookoutServer } from './socket-server';

/** Where the broadcaster reads the live view from. */
export interface ViewSource {
	position(schoolId: string): number;
	feed<F extends FeedName>(schoolId: string, feed: F, now: number): FeedItem<F>[];
	/** Some items of a feed; null when the feed is only derived whole. */
	items<F extends FeedName>(schoolId: string, feed: F, now: number, ids: ReadonlySet<string>): FeedItem<F>[] | null;
}

/** Past this many dirty items a feed is derived whole: cheaper than naming them all. */
const MAX_DIRTY_ITEMS = 200;

interface SchoolChannel {
	/** Names this run of the school's numbering: the process's epoch, or one per ownership when fanned out. */
	epoch: string;
	seq: number;
	dirty: Map<FeedName, Set<string> | 'all'>;
	published: Map<FeedName, PublishedFeed<{ id: string }>>;
	timer: NodeJS.Timeout | null;
	lastFlush: number;
}

export interface BroadcasterOptions {
	io: LookoutServer;
	clock: Clock;
	source: ViewSource;
	/** Shortest gap between two frames of one school: 50 ms is 20 frames a second. */
	frameMs?: number;
	heartbeatMs?: number;
	/** False while new events cannot be taken: heartbeats stop, so screens show their data as stale. */
	live?: () => boolean;
	/** Counts frames per school (their bytes are counted as Socket.IO encodes them: see frame-parser). */
	metrics?: Metrics;
	/**
	 * Several nodes: only the school's owner derives its frames, and sends them to its own sockets
	 * (through the adapter too while other nodes have screens of the school). Without it this
	 * process derives every school for its own.
	 */
	fanOut?: Leases;
}

/**
 * The one place that turns changes into emits. Feeds are marked dirty as events apply; at most
 * once a frame per school the dirty feeds are derived, diffed against what clients hold, and
 * sent as one numbered frame. Never one emit per event.
 */
export class Broadcaster {
	readonly epoch = randomUUID();
	#schools = new Map<string, SchoolChannel>();
	#heartbeat: NodeJS.Timeout;
	readonly #frameMs: number;
	/** Fanned out: which owned schools have screens on other nodes (the rest are sent to this node's sockets only). */
	readonly #remote: RemoteWatchers | null;

	constructor(private readonly options: BroadcasterOptions) {
		this.#frameMs = options.frameMs ?? 50;
		this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? 5_000);
		this.#heartbeat.unref();
		const { fanOut } = options;
		this.#remote = fanOut?.node
			? new RemoteWatchers(
					options.io,
					fanOut.node,
					(s) => fanOut.holds(s),
					(s) => this.touch(s, {})
				)
			: null;
		// Changes held while nobody watched go out as soon as somebody (re)connects.
		options.io.on('connection', (socket) => this.touch(socket.data.schoolId, {}));
	}

	touch(schoolId: string, touched: Touched): void {
		if (!this.#owns(schoolId)) return;
		const held = this.#schools.get(schoolId);
		// A wake-up with nothing held (or for a school with no events) has nothing to send.
		if (Object.keys(touched).length === 0 && !held?.dirty.size) return;
		const channel = held ?? this.#channel(schoolId);
		for (const [feed, ids] of Object.entries(touched) as [FeedName, readonly string[] | 'all'][]) {
			const dirty = channel.dirty.get(feed);
			if (dirty === 'all') continue;
			if (ids === 'all' || (dirty?.size ?? 0) + ids.length > MAX_DIRTY_ITEMS) channel.dirty.set(feed, 'all');
			else if (dirty) for (const id of ids) dirty.add(id);
			else channel.dirty.set(feed, new Set(ids));
		}
		if (channel.timer) return;
		const wait = Math.max(0, channel.lastFlush + this.#frameMs - Date.now());
		channel.timer = setTimeout(() => this.flush(schoolId), wait);
	}

	/**
	 * Sends the school's pending changes now, as one frame (if anything changed). While nobody
	 * on this node watches the school, changes wait: a client that arrives takes a snapshot
	 * (which forces the flush), and one that recovers its session gets them in its next frame.
	 */
	flush(schoolId: string, force = false): void {
		if (!this.#owns(schoolId)) return;
		const channel = this.#channel(schoolId);
		if (channel.timer) clearTimeout(channel.timer);
		channel.timer = null;
		if (channel.dirty.size === 0) return;
		const rooms = this.options.io.sockets.adapter.rooms;
		// Watched on other nodes too: both tiers go through the adapter, whoever watches where.
		const elsewhere = this.#elsewhere(schoolId);
		const watched = elsewhere ? TIERS : TIERS.filter((tier) => (rooms.get(schoolRoom(schoolId, tier))?.size ?? 0) > 0);
		if (!force && watched.length === 0) return;
		channel.lastFlush = Date.now();
		const { source } = this.options;
		const now = this.options.clock.now();
		const changes: FeedChange[] = [];
		for (const [feed, ids] of channel.dirty) {
			const published = this.#published(channel, feed);
			const some = ids === 'all' ? null : source.items(schoolId, feed, now, ids);
			const { upsert, remove } = some && ids !== 'all' ? published.diffSome(ids, some) : published.diff(source.feed(schoolId, feed, now));
			if (upsert.length > 0 || remove.length > 0) changes.push({ feed, upsert, remove } as FeedChange);
		}
		channel.dirty.clear();
		if (changes.length === 0) return;
		channel.seq += 1;
		const { metrics } = this.options;
		metrics?.frameCounted(schoolId);
		const stamp = this.#stamp(schoolId, channel, now);
		// Its own sockets only, unless other nodes have screens of the school: then through the adapter to every node's.
		// (A frame through the adapter reaches this node's sockets after Redis has stored it; one sent straight after
		// it could overtake it only if that took longer than a frame's gap, and a screen then sees a gap and resyncs.)
		// Both tiers share the numbering; the redacted frame is the same frame with the names taken out.
		const to = elsewhere ? this.options.io : this.options.io.local;
		for (const tier of watched) {
			const frame = { ...stamp, changes: tier === 'named' ? changes : redactChanges(changes) };
			to.to(schoolRoom(schoolId, tier)).emit('school:changed', frame);
		}
	}

	/**
	 * This process has just become the school's owner: it derives the school afresh under an
	 * epoch of its own and sends it whole, so every screen of the school (on any node) sees the
	 * new epoch and fetches a snapshot from here.
	 */
	takeOver(schoolId: string): void {
		this.giveUp(schoolId);
		if (!this.#owns(schoolId)) return;
		this.#remote?.takenOver(schoolId);
		const channel = this.#channel(schoolId);
		channel.timer = setTimeout(() => this.flush(schoolId), 0);
	}

	/** Whether this process derives the school's frames: always alone, only as its owner among several nodes. */
	derives(schoolId: string): boolean {
		return !this.options.fanOut || this.options.fanOut.holds(schoolId);
	}

	/** A node (this one's name for it) has screens of a school this one owns: its frames go through the adapter from now on. */
	watchedFrom(schoolId: string, node: string): void {
		this.#remote?.watching(schoolId, node);
	}

	/** Another process owns the school now: what was published here is forgotten. */
	giveUp(schoolId: string): void {
		const channel = this.#schools.get(schoolId);
		if (channel?.timer) clearTimeout(channel.timer);
		this.#schools.delete(schoolId);
	}

	/** Reloads every wall screen of a school. Volatile: a missed reload is harmless, and it must not give the sockets a recovery offset. */
	reloadWalls(schoolId: string): void {
		this.options.io.to(wallRoom(schoolId)).volatile.emit('wall:reload');
	}

	/** The view clients of a tier were last sent, with the frame number it matches (only the owner's is current when fanned out). */
	snapshot(schoolId: string, tier: Tier): Snapshot {
		if (!this.#owns(schoolId)) return this.#derived(schoolId, tier);
		const channel = this.#channel(schoolId);
		this.flush(schoolId, true);
		const view = Object.fromEntries(FEED_NAMES.map((feed) => [feed, this.#published(channel, feed).items()])) as SchoolView;
		return { ...this.#stamp(schoolId, channel, this.options.clock.now()), speed: this.options.clock.speed, view: tier === 'named' ? view : redactView(view) };
	}

	/**
	 * The view derived here by a process that does not own the school (for HTTP): current as
	 * this process has followed the log, at frame 0 of this process's epoch, so a screen given it
	 * takes the owner's frames as a new epoch and asks again.
	 */
	#derived(schoolId: string, tier: Tier): Snapshot {
		const now = this.options.clock.now();
		const view = Object.fromEntries(FEED_NAMES.map((feed) => [feed, this.options.source.feed(schoolId, feed, now)])) as SchoolView;
		return {
			schoolId,
			epoch: this.epoch,
			seq: 0,
			position: this.options.source.position(schoolId),
			at: new Date(now).toISOString(),
			speed: this.options.clock.speed,
			view: tier === 'named' ? view : redactView(view)
		};
	}

	/** The view of a school with no events: nothing, at frame 0 of this epoch. */
	emptySnapshot(schoolId: string): Snapshot {
		const now = this.options.clock.now();
		const view = Object.fromEntries(FEED_NAMES.map((feed) => [feed, []])) as unknown as SchoolView;
		return { schoolId, epoch: this.epoch, seq: 0, position: 0, at: new Date(now).toISOString(), speed: this.options.clock.speed, view };
	}

	close(): void {
		clearInterval(this.#heartbeat);
		this.#remote?.close();
		for (const channel of this.#schools.values()) if (channel.timer) clearTimeout(channel.timer);
	}

	#channel(schoolId: string): SchoolChannel {
		let channel = this.#schools.get(schoolId);
		if (!channel) {
			channel = {
				epoch: this.options.fanOut ? randomUUID() : this.epoch,
				seq: 0,
				dirty: new Map(FEED_NAMES.map((f) => [f, 'all'])),
				published: new Map(),
				timer: null,
				lastFlush: 0
			};
			this.#schools.set(schoolId, channel);
		}
		return channel;
	}

	#published(channel: SchoolChannel, feed: FeedName): PublishedFeed<{ id: string }> {
		let published = channel.published.get(feed);
		if (!published) {
			published = new PublishedFeed();
			channel.published.set(feed, published);
		}
		return published;
	}

	#stamp(schoolId: string, channel: SchoolChannel, now: number) {
		return {
			schoolId,
			epoch: channel.epoch,
			seq: channel.seq,
			position: this.options.source.position(schoolId),
			at: new Date(now).toISOString()
		};
	}

	/** Fanned out and watched on another node (or not known not to be, without node names). */
	#elsewhere(schoolId: string): boolean {
		if (!this.options.fanOut) return false;
		return this.#remote ? this.#remote.elsewhere(schoolId) : true;
	}

	#owns(schoolId: string): boolean {
		const { fanOut } = this.options;
		if (!fanOut || fanOut.holds(schoolId)) return true;
		if (this.#schools.has(schoolId)) this.giveUp(schoolId);
		return false;
	}

	#beat(): void {
		if (this.options.live?.() === false) return;
		// Volatile: a heartbeat is stale at once, so it is neither queued for a busy socket nor kept for recovery.
		this.options.io.local.volatile.emit('server:heartbeat', {
			epoch: this.epoch,
			at: new Date(this.options.clock.now()).toISOString(),
			speed: this.options.clock.speed,
			sentAt: Date.now()
		});
	}
}
