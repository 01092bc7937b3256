/**
 * Time as a dependency. Domain code only ever receives `now` as a number; timers that wake
 * projections (register sweeps, no-shows) are set here, so a test or a demo can run a whole
 * school day in seconds.
 */
export interface Clock {
	now(): number;
	/** Simulated milliseconds per real millisecond. */
	readonly speed: number;
	/** Calls `fn` once the clock reaches `at`; returns a cancel function. */
	at(at: number, fn: () => void): () => void;
}

const MAX_TIMEOUT = 2 ** 31 - 1;

/** Real time, or real time scaled from a chosen start (`speed` 60 runs an hour a minute). */
export function scaledClock(options: { start?: number; speed?: number } = {}): Clock {
	const speed = options.speed ?? 1;
	const realStart = Date.now();
	const simStart = options.start ?? realStart;
	const now = () => simStart + (Date.now() - realStart) * speed;
	return {
		speed,
		now,
		at(at, fn) {
			let handle: NodeJS.Timeout;
			// Never calls back synchronously, so callers may re-arm from inside `fn`.
			const arm = () => {
				const wait = Math.min(Math.max(Math.ceil((at - now()) / speed), 0), MAX_TIMEOUT);
				handle = setTimeout(() => (now() >= at ? fn() : arm()), wait);
				handle.unref();
			};
			arm();
			return () => clearTimeout(handle);
		}
	};
}

/** A clock that moves only when told to; for tests and benchmarks. */
export class ManualClock implements Clock {
	readonly speed = 1;
	#now: number;
	#timers: { at: number; fn: () => void }[] = [];

	constructor(start: number | string) {
		this.#now = typeof start === 'string' ? Date.parse(start) : start;
	}

	now(): number {
		return this.#now;
	}

	at(at: number, fn: () => void): () => void {
		const timer = { at, fn };
		this.#timers.push(timer);
		return () => {
			this.#timers = this.#timers.filter((t) => t !== timer);
		};
	}

	/** Moves time forward, firing due timers in order, each at its own instant. */
	advanceTo(target: number | string): void {
		const end = typeof target === 'string' ? Date.parse(target) : target;
		for (;;) {
			const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			this.#timers = this.#timers.filter((t) => t !== due);
			this.#now = Math.max(this.#now, due.at);
			due.fn();
		}
		this.#now = Math.max(this.#now, end);
	}

	advanceBy(ms: number): void {
		this.advanceTo(this.#now + ms);
	}
}
