import { LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS, lockEnds } from '../domain/access/access';

/** Enough for a sustained guessing run from many addresses; about a megabyte at most. */
const CAPACITY = 10_000;

/**
 * Failed sign-ins for emails that are nobody's account, so they lock as an account does and
 * the answers do not tell which emails exist. Kept in this process, not in the log: there is no
 * school to write them to, and a log anyone could fill by guessing addresses would be a way to
 * fill the disk. Bounded: past `capacity` emails the one that failed longest ago is forgotten.
 */
export class UnknownEmailFailures {
	private readonly failures = new Map<string, number[]>();

	constructor(private readonly capacity = CAPACITY) {}

	/** Until when (ms) this email is locked; null when it is not. */
	lockedUntil(email: string, now: number): number | null {
		return lockEnds(this.failures.get(email) ?? [], now);
	}

	/** Counts a failure; answers until when the email is now locked, or null. */
	fail(email: string, now: number): number | null {
		const earlier = (this.failures.get(email) ?? []).filter((at) => now - at <= LOCKOUT_WINDOW_MS);
		// Deleted and set again, so the map's order is the order of last failure.
		this.failures.delete(email);
		this.failures.set(email, [...earlier, now].slice(-LOCKOUT_FAILURES));
		for (const [oldest] of this.failures) {
			if (this.failures.size <= this.capacity) break;
			this.failures.delete(oldest);
		}
		return this.lockedUntil(email, now);
	}

	get size(): number {
		return this.failures.size;
	}
}
