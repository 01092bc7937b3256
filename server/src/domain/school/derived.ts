import type { FeedName } from '../../../protocol';
import type { SchoolState } from './state';
import type { Touched } from './touched';

/** `state.derived` holds one map per feed, so an event forgets what it touched without looking at the rest. */
function kept(state: SchoolState, feed: FeedName): Map<string, unknown> {
	let values = state.derived.get(feed) as Map<string, unknown> | undefined;
	if (!values) {
		values = new Map();
		state.derived.set(feed, values);
	}
	return values;
}

/**
 * Something a feed derives from the log alone (not from the time of day), such as a day's walk
 * over its registers, kept until an event touches that feed. `what` names it, with its date.
 * What only reference data changes (periods, lessons, settings) is kept under `school`, which
 * only `reference:updated` touches.
 */
export function derivedFor<T>(state: SchoolState, feed: FeedName, what: string, derive: () => T): T {
	const values = kept(state, feed);
	if (values.has(what)) return values.get(what) as T;
	const value = derive();
	values.set(what, value);
	return value;
}

/** Called with what each applied event touched: those feeds derive afresh. */
export function forgetDerived(state: SchoolState, touched: Touched): void {
	if (state.derived.size === 0) return;
	for (const feed in touched) state.derived.delete(feed);
}
