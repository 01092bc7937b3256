import { latency, type Latency } from '../lib/stats';

interface Sent {
	sentAt: number;
	acked: boolean;
	receivedBy: number;
}

export interface ReceiptSummary {
	latency: Latency;
	/** Events sent in the measured window. */
	windowEvents: number;
	sent: number;
	acked: number;
	/** Deliveries owed: every acknowledged event to every client of its school. */
	expected: number;
	lost: number;
	/** Events that at least one client of their school never received. */
	eventsLost: number;
}

/**
 * Which client received which event, and when. Latency is counted from just before the
 * ingest call to the first receipt on each client; only events sent inside the window count.
 */
export class Receipts {
	#sent = new Map<string, Sent>();
	#seen: Set<string>[];
	#samples: number[] = [];
	#windowStart = Infinity;
	#windowEnd = Infinity;

	constructor(
		clients: number,
		private readonly clientsPerSchool: number
	) {
		this.#seen = Array.from({ length: clients }, () => new Set<string>());
	}

	setWindow(start: number, end: number): void {
		this.#windowStart = start;
		this.#windowEnd = end;
	}

	sent(id: string, sentAt: number): void {
		this.#sent.set(id, { sentAt, acked: false, receivedBy: 0 });
	}

	acked(id: string): void {
		const sent = this.#sent.get(id);
		if (sent) sent.acked = true;
	}

	received(client: number, id: string, receivedAt: number): void {
		const sent = this.#sent.get(id);
		const seen = this.#seen[client];
		if (!sent || !seen || seen.has(id)) return;
		seen.add(id);
		sent.receivedBy += 1;
		if (sent.sentAt >= this.#windowStart && sent.sentAt < this.#windowEnd) this.#samples.push(receivedAt - sent.sentAt);
	}

	/** True once every acknowledged event has reached every client of its school. */
	complete(): boolean {
		for (const s of this.#sent.values()) if (s.acked && s.receivedBy < this.clientsPerSchool) return false;
		return true;
	}

	summary(): ReceiptSummary {
		let acked = 0;
		let lost = 0;
		let eventsLost = 0;
		let windowEvents = 0;
		for (const s of this.#sent.values()) {
			if (s.sentAt >= this.#windowStart && s.sentAt < this.#windowEnd) windowEvents += 1;
			if (!s.acked) continue;
			acked += 1;
			const missing = this.clientsPerSchool - s.receivedBy;
			lost += missing;
			if (missing > 0) eventsLost += 1;
		}
		return {
			latency: latency(Float64Array.from(this.#samples)),
			windowEvents,
			sent: this.#sent.size,
			acked,
			expected: acked * this.clientsPerSchool,
			lost,
			eventsLost
		};
	}
}
