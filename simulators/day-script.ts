import { zonedInstant, type InboundEventInput, type Lesson } from '../server/protocol';
import { Random } from './random';
import { PERIODS, TIMEZONE, type SimSchool } from './school';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the script stamps it with its id, school and time. */
export type Draft = DistributiveOmit<InboundEventInput, 'id' | 'schoolId' | 'occurredAt'>;

export const MINUTE = 60_000;

/**
 * Collects one simulated day's events. Ids are derived from the seed, the date and a counter,
 * so replaying the same day sends the same ids and the server ignores them as duplicates.
 */
export class DayScript {
	readonly events: InboundEventInput[] = [];
	#count = 0;

	/** Each date plays differently; the same seed and date always play the same. */
	readonly rng: Random;

	constructor(
		readonly school: SimSchool,
		readonly seed: number
	) {
		let hash = seed ^ 0x5eed;
		for (const c of school.date) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193);
		this.rng = new Random(hash);
	}

	/** The instant of a local time today, in ms. */
	at(hhmm: string): number {
		return Date.parse(zonedInstant(this.school.date, hhmm, TIMEZONE));
	}

	period(id: string) {
		const period = PERIODS.find((p) => p.id === id);
		if (!period) throw new Error(`no period ${id}`);
		return { ...period, start: this.at(period.startsAt), end: this.at(period.endsAt) };
	}

	lessonsIn(periodId: string): Lesson[] {
		return this.school.lessons.filter((l) => l.periodId === periodId);
	}

	emit(ms: number, draft: Draft): string {
		this.#count += 1;
		const id = `sim${this.seed}-${this.school.date}-${String(this.#count).padStart(5, '0')}`;
		this.events.push({ ...draft, id, schoolId: this.school.schoolId, occurredAt: new Date(Math.round(ms)).toISOString() } as InboundEventInput);
		return id;
	}

	/** The day's events in the order they happen. */
	sorted(): InboundEventInput[] {
		return [...this.events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
	}
}
