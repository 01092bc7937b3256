import type { FeedName } from '../../../protocol';
import { FEED_NAMES } from '../../../protocol';

/**
 * What an event (or the clock) changed: per feed, the ids of the items that may differ, or
 * `all` when the whole feed must be derived again. Small feeds are always `all`; the busy ones
 * (behaviour, rooms, support) name their items, so a frame costs what changed, not the school.
 */
export type Touched = Partial<Record<FeedName, readonly string[] | 'all'>>;

export const ALL_FEEDS: Touched = Object.fromEntries(FEED_NAMES.map((f) => [f, 'all']));

export function allOf(...feeds: FeedName[]): Touched {
	return Object.fromEntries(feeds.map((f) => [f, 'all']));
}
