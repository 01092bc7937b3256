import { io, type Socket } from 'socket.io-client';
import { sessionCookie, type SchoolCredentials } from '../lib/access';
import { nowMs, within } from '../lib/time';

/** One signed-in coordinator's socket.io-client, noting when each new position reached it. */
class Watcher {
	readonly #socket: Socket;
	/** Positions only grow, so this stays sorted. */
	readonly #seen: { position: number; at: number }[] = [];
	#waiting: { position: number; resolve: (at: number) => void } | null = null;
	frames = 0;

	constructor(url: string, access: SchoolCredentials) {
		const cookie = sessionCookie(access.schoolId, access.sessionTokens[0] as string);
		this.#socket = io(url, { transports: ['websocket'], auth: { schoolId: access.schoolId }, extraHeaders: { cookie }, reconnection: false });
		this.#socket.on('school:changed', (frame: { position?: unknown }) => {
			this.frames += 1;
			const last = this.#seen[this.#seen.length - 1]?.position ?? 0;
			if (typeof frame.position !== 'number' || frame.position <= last) return;
			const at = nowMs();
			this.#seen.push({ position: frame.position, at });
			if (this.#waiting && frame.position >= this.#waiting.position) this.#waiting.resolve(at);
		});
	}

	connected(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#socket.once('connect', () => resolve());
			this.#socket.once('connect_error', reject);
		});
	}

	/** When the first frame at `position` or beyond arrived, whether before this call or after. */
	reached(position: number): Promise<number> {
		const seen = this.#seen.find((s) => s.position >= position);
		if (seen) return Promise.resolve(seen.at);
		return new Promise((resolve) => {
			this.#waiting = { position, resolve };
		});
	}

	close(): void {
		this.#socket.disconnect();
	}
}

/** A coordinator's client in every school, as a trust's screens would be. */
export class SchoolWatchers {
	readonly #watchers: Map<string, Watcher>;

	private constructor(watchers: Map<string, Watcher>) {
		this.#watchers = watchers;
	}

	static async connect(url: string, access: readonly SchoolCredentials[]): Promise<SchoolWatchers> {
		const watchers = new SchoolWatchers(new Map(access.map((a) => [a.schoolId, new Watcher(url, a)])));
		try {
			await within(30_000, 'socket.io-clients connect', Promise.all([...watchers.#watchers.values()].map((w) => w.connected())));
		} catch (err) {
			watchers.close();
			throw err;
		}
		return watchers;
	}

	get frames(): number {
		return [...this.#watchers.values()].reduce((sum, w) => sum + w.frames, 0);
	}

	/** When the last school's client got its frame at the school's `positions` (or beyond). */
	async reached(positions: ReadonlyMap<string, number>): Promise<number> {
		const times = await Promise.all(
			[...positions].map(([schoolId, position]) => {
				const watcher = this.#watchers.get(schoolId);
				if (!watcher) throw new Error(`no client for ${schoolId}`);
				return watcher.reached(position);
			})
		);
		return Math.max(...times);
	}

	close(): void {
		for (const watcher of this.#watchers.values()) watcher.close();
	}
}
