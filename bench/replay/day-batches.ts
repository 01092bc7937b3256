import type { InboundEventInput } from '../../server/protocol';

export interface DayBatch {
	/** The school clock when the batch is posted: its last event's time. */
	at: number;
	body: string;
	count: number;
}

const MAX_BATCH = 500;

/** The day as a sender would post it: each simulated minute's events together, at most 500. */
export function dayBatches(events: readonly InboundEventInput[]): DayBatch[] {
	const batches: DayBatch[] = [];
	let current: InboundEventInput[] = [];
	let minute = NaN;
	const close = () => {
		const last = current[current.length - 1];
		if (last) batches.push({ at: Date.parse(last.occurredAt), body: JSON.stringify(current), count: current.length });
		current = [];
	};
	for (const event of events) {
		const m = Math.floor(Date.parse(event.occurredAt) / 60_000);
		if (m !== minute || current.length >= MAX_BATCH) close();
		minute = m;
		current.push(event);
	}
	close();
	return batches;
}
