import type { OnCallItem } from '$protocol';

/** Calls that take over the wall until someone acknowledges them: emergencies, and any call escalated. */
export function interrupting(calls: readonly OnCallItem[]): OnCallItem[] {
	return calls
		.filter((c) => c.status === 'raised' && (c.priority === 'emergency' || c.escalation !== null))
		.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}

export type Tone = 'call' | 'escalation';

/**
 * Which tones to play for the calls now on screen: one when a call first interrupts, one for
 * each new escalation of it, never twice for the same thing. It forgets calls once they stop
 * interrupting, so it stays as small as the queue however long the wall runs.
 */
export class ToneLedger {
	#heard = new Set<string>();

	next(calls: readonly OnCallItem[]): Tone[] {
		const now = new Set<string>();
		const tones: Tone[] = [];
		for (const call of calls) {
			const keys: [string, Tone][] = [[`${call.id}:call`, 'call']];
			if (call.escalation) keys.push([`${call.id}:${call.escalation.rule}:${call.escalation.level}`, 'escalation']);
			for (const [key, tone] of keys) {
				now.add(key);
				if (!this.#heard.has(key)) tones.push(tone);
			}
		}
		this.#heard = now;
		// An escalated call new to the screen sounds once, as an escalation.
		return tones.includes('escalation') ? ['escalation'] : tones.slice(0, 1);
	}

	get size(): number {
		return this.#heard.size;
	}
}
