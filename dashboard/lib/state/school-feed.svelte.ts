/* eslint-disable svelte/prefer-svelte-reactivity -- the item maps are private indexes; what renders is `view`, replaced whole on each flush */
import { FEED_NAMES, type Delta, type FeedName, type Heartbeat, type SchoolView, type Snapshot } from '$protocol';
import type { ConnectionStatus } from '../realtime/live-connection';

function emptyView(): SchoolView {
	return Object.fromEntries(FEED_NAMES.map((f) => [f, []])) as unknown as SchoolView;
}

/**
 * A school's live view in the browser. Frames are queued and applied once per animation
 * frame; each touched feed is replaced whole, so lists stay `$state.raw` and cheap.
 */
export class SchoolFeed {
	view = $state.raw<SchoolView>(emptyView());
	status = $state<ConnectionStatus>('connecting');
	position = $state(0);
	/** Real time (ms) of the last message from the server, frame or heartbeat. */
	lastMessageAt = $state<number | null>(null);
	/** The school clock at the last message, and how fast it runs. */
	#serverAt = $state(0);
	#speed = $state(1);
	#items = new Map<FeedName, Map<string, { id: string }>>();
	#queue: Delta[] = [];
	#scheduled = false;

	school = $derived(this.view.school[0] ?? null);

	/** The school clock now, estimated from the last message. */
	serverNow(realNow: number): number {
		if (this.lastMessageAt === null) return realNow;
		return this.#serverAt + (realNow - this.lastMessageAt) * this.#speed;
	}

	reset(snapshot: Snapshot): void {
		this.#queue = [];
		this.#items = new Map(FEED_NAMES.map((f) => [f, new Map(snapshot.view[f].map((i) => [i.id, i]))]));
		this.view = snapshot.view;
		this.position = snapshot.position;
		this.#speed = snapshot.speed;
		this.#heard(snapshot.at);
	}

	queue(delta: Delta): void {
		this.#queue.push(delta);
		this.#heard(delta.at);
		if (this.#scheduled) return;
		this.#scheduled = true;
		const flush = () => this.#flush();
		if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
		else setTimeout(flush, 16);
	}

	heartbeat(beat: Heartbeat): void {
		this.#speed = beat.speed;
		this.#heard(beat.at);
	}

	#heard(at: string): void {
		this.#serverAt = Date.parse(at);
		this.lastMessageAt = Date.now();
	}

	#flush(): void {
		this.#scheduled = false;
		const touched = new Set<FeedName>();
		for (const delta of this.#queue) {
			for (const change of delta.changes) {
				const items = this.#items.get(change.feed) ?? new Map<string, { id: string }>();
				this.#items.set(change.feed, items);
				for (const id of change.remove) items.delete(id);
				for (const item of change.upsert) items.set(item.id, item);
				touched.add(change.feed);
			}
			this.position = delta.position;
		}
		this.#queue = [];
		if (touched.size === 0) return;
		const next = { ...this.view } as Record<FeedName, unknown[]>;
		for (const feed of touched) next[feed] = [...(this.#items.get(feed)?.values() ?? [])];
		this.view = next as SchoolView;
	}
}
