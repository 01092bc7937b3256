import type { InboundEventInput } from '../../server/protocol';

export interface DayBatch {
	/** The school clock when the batch is posted: its last event's time. */
	at: number;
	body: string;
	count: number;
}

const MAX_BATCH = 500;

const minuteOf = (ms: number) => Math.floor(ms / 60_000);

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
		const m = minuteOf(Date.parse(event.occurredAt));
		if (m !== minute || current.length >= MAX_BATCH) close();
		minute = m;
		current.push(event);
	}
	close();
	return batches;
}

export interface SchoolBatches {
	schoolId: string;
	batches: DayBatch[];
}

/** One simulated minute of a trust: each school's batches of that minute, in order. */
export interface DayMinute {
	/** The latest batch time of the minute, in any school. */
	at: number;
	schools: SchoolBatches[];
}

/** The schools' days side by side, minute by minute. */
export function dayMinutes(days: readonly SchoolBatches[]): DayMinute[] {
	const minutes = new Map<number, DayMinute>();
	for (const { schoolId, batches } of days) {
		for (const batch of batches) {
			const key = minuteOf(batch.at);
			let minute = minutes.get(key);
			if (!minute) minutes.set(key, (minute = { at: batch.at, schools: [] }));
			minute.at = Math.max(minute.at, batch.at);
			const last = minute.schools[minute.schools.length - 1];
			if (last?.schoolId === schoolId) last.batches.push(batch);
			else minute.schools.push({ schoolId, batches: [batch] });
		}
	}
	return [...minutes].sort(([a], [b]) => a - b).map(([, minute]) => minute);
}
