import { getContext, setContext } from 'svelte';
import type { SchoolFeed } from './school-feed.svelte';

const KEY = Symbol('school-feed');

export function provideSchoolFeed(feed: SchoolFeed): SchoolFeed {
	return setContext(KEY, feed);
}

export function useSchoolFeed(): SchoolFeed {
	const feed = getContext<SchoolFeed | undefined>(KEY);
	if (!feed) throw new Error('useSchoolFeed() outside a live page');
	return feed;
}
