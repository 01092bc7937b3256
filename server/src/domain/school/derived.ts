import type { FeedName } from '../../../protocol';
import type { SchoolState } from './state';
import type { Touched } from './touched';

/**
 * Something a feed derives from the log alone (not from the time of day), such as a day's walk
 * over its registers, kept until an event touches that feed. `what` names it, with its date.
 */
export function derivedFor<T>(state: SchoolState, feed: FeedName, what: string, derive: () => T): T {
	const key = `${feed}|${what}`;
	if (state.derived.has(key)) return state.derived.get(key) as T;
	const value = derive();
	state.derived.set(key, value);
	return value;
}

/** Called with what each applied event touched: those feeds derive afresh. */
export function forgetDerived(state: SchoolState, touched: Touched): void {
	if (state.derived.size === 0) return;
	for (const key of state.derived.keys()) {
		if (key.slice(0, key.indexOf('|')) in touched) state.derived.delete(key);
	}
}
