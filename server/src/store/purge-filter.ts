import type { InboundEvent } from '../../protocol';

/** A purge's `before` in ms; refused when it does not parse, as it would remove nothing (or, compared as text, the wrong events). */
export function purgeCutoffMs(before: string): number {
	const ms = Date.parse(before);
	if (Number.isNaN(ms)) throw new RangeError(`a purge needs an ISO instant, not ${JSON.stringify(before)}`);
	return ms;
}

/** Whether a purge removes the event. Instants are compared as times: an offset makes text order wrong. */
export function purged(event: InboundEvent, beforeMs: number, keep: (event: InboundEvent) => boolean): boolean {
	return Date.parse(event.occurredAt) < beforeMs && !keep(event);
}
