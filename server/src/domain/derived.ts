import type { FeedName } from '../../protocol';
import type { SchoolState } from './state';
import type { Touched } from './touched';

/**
 * What a feed derives from the log for one date, kept until an event touches that feed. The
 * clock re-derives every timed feed whenever any of them changes by itself, and a day's walk
 * over its registers does not depend on the time of day: only the events decide it.
 */
export function derivedFor<T>(state: SchoolState, feed: FeedName, date: string, derive: () => T): T {
	const key = `${feed}|${date}`;
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
