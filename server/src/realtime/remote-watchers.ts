import { z } from 'zod';
import { SchoolId } from '../../protocol';
import { schoolOfRoom } from './rooms';
import type { LookoutServer } from './socket-server';

/** How often a node tells the owners which of their schools it has screens of. */
const ANNOUNCE_MS = 2_000;

const Watched = z.object({ node: z.string().min(1).max(64), schoolIds: z.array(SchoolId).max(100_000) });

/**
 * Which of the schools this node owns are also watched by screens on other nodes. Only those
 * schools' frames need to cross Redis; the others go to this node's own sockets directly (no
 * write to the adapter's stream, no read of it on every node). A node with screens of a school
 * it does not own says so every two seconds, and when it asks the owner for a snapshot; an owner
 * forgets a node that has not said so for three rounds. A school just taken over counts as
 * watched elsewhere until every node has had a round to say so.
 */
export class RemoteWatchers {
	/** School to node to the time its word lapses. */
	#watchers = new Map<string, Map<string, number>>();
	/** School to the time a takeover's grace ends. */
	#taken = new Map<string, number>();
	#timer: NodeJS.Timeout;

	constructor(
		private readonly io: LookoutServer,
		/** This node's name. */
		private readonly node: string,
		/** Whether this node owns the school now. */
		private readonly holds: (schoolId: string) => boolean,
		/** Called when a node starts watching a school held here, so changes held back go out. */
		private readonly onWatched: (schoolId: string) => void,
		private readonly everyMs = ANNOUNCE_MS
	) {
		io.on('school:watched', (message) => {
			const parsed = Watched.safeParse(message);
			if (!parsed.success || parsed.data.node === node) return;
			for (const schoolId of parsed.data.schoolIds) this.watching(schoolId, parsed.data.node);
		});
		this.#timer = setInterval(() => this.#announce(), everyMs);
		this.#timer.unref();
	}

	/** A node has screens of the school (it said so, or asked for its snapshot). */
	watching(schoolId: string, node: string): void {
		if (node === this.node || !this.holds(schoolId)) return;
		let nodes = this.#watchers.get(schoolId);
		if (!nodes) this.#watchers.set(schoolId, (nodes = new Map()));
		const fresh = (nodes.get(node) ?? 0) < Date.now();
		nodes.set(node, Date.now() + this.everyMs * 3);
		if (fresh) this.onWatched(schoolId);
	}

	/** This node has just become the school's owner: who watches it elsewhere is not known yet. */
	takenOver(schoolId: string): void {
		this.#watchers.delete(schoolId);
		this.#taken.set(schoolId, Date.now() + this.everyMs * 1.5);
	}

	/** Whether the school's frames must go through the adapter to other nodes' screens. */
	elsewhere(schoolId: string): boolean {
		const now = Date.now();
		const taken = this.#taken.get(schoolId);
		if (taken !== undefined) {
			if (taken > now) return true;
			this.#taken.delete(schoolId);
		}
		const nodes = this.#watchers.get(schoolId);
		if (!nodes) return false;
		for (const [node, until] of nodes) {
			if (until > now) return true;
			nodes.delete(node);
		}
		this.#watchers.delete(schoolId);
		return false;
	}

	close(): void {
		clearInterval(this.#timer);
	}

	#announce(): void {
		const schoolIds = new Set<string>();
		for (const [room, sockets] of this.io.sockets.adapter.rooms) {
			const schoolId = sockets.size > 0 ? schoolOfRoom(room) : null;
			if (schoolId && !this.holds(schoolId)) schoolIds.add(schoolId);
		}
		if (schoolIds.size > 0) this.io.serverSideEmit('school:watched', { node: this.node, schoolIds: [...schoolIds] });
	}
}
