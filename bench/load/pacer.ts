import { nowMs, sleep } from '../lib/time';

export interface PaceResult {
	issued: number;
	/** Ticks on which events were due but `maxInFlight` requests were still open. */
	blockedTicks: number;
	/** Settles once the requests still open when the sending stopped have been answered. */
	answered: Promise<void>;
}

/**
 * Fires `fire(i)` at an even `rate` per second for `durationMs` (open loop: a slow answer
 * does not slow the sending, up to `maxInFlight` open requests). Resolves when the sending
 * stops; `answered` tells when the last answers are in.
 */
export async function pace(options: {
	rate: number;
	durationMs: number;
	maxInFlight: number;
	/** Must not reject: it records its own failures. */
	fire: (i: number) => Promise<void>;
}): Promise<PaceResult> {
	const { rate, durationMs, maxInFlight, fire } = options;
	const total = Math.floor((rate * durationMs) / 1_000);
	const start = nowMs();
	let issued = 0;
	let inFlight = 0;
	let blockedTicks = 0;
	const open = new Set<Promise<void>>();
	while (issued < total) {
		const elapsed = nowMs() - start;
		if (elapsed > durationMs + 5_000) break;
		const due = Math.min(total, Math.floor((rate * elapsed) / 1_000) + 1);
		if (due > issued && inFlight >= maxInFlight) blockedTicks += 1;
		while (issued < due && inFlight < maxInFlight) {
			inFlight += 1;
			const p = fire(issued).finally(() => {
				inFlight -= 1;
				open.delete(p);
			});
			open.add(p);
			issued += 1;
		}
		await sleep(1);
	}
	return { issued, blockedTicks, answered: Promise.allSettled([...open]).then(() => undefined) };
}
