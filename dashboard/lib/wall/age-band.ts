import type { Settings } from '$protocol';
import type { AgeBand } from '../format';

/**
 * The age band of a call, by the school's own escalation interval: fresh until the first alert
 * would fire, ageing up to three intervals, old after. Shown with the age in words and arrows too.
 */
export function wallAgeBand(ageMs: number, settings: Settings | null): AgeBand {
	const interval = (settings?.ackEscalateSeconds ?? 60) * 1_000;
	return ageMs < interval ? 'fresh' : ageMs < 3 * interval ? 'ageing' : 'old';
}
