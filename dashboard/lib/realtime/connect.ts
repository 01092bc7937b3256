import type { SchoolFeed } from '../state/school-feed.svelte';
import { LiveConnection } from './live-connection';

/** Feeds a school's live view from its connection; returns what stops it. */
export function connectSchool(schoolId: string, feed: SchoolFeed): () => void {
	const connection = new LiveConnection(schoolId);
	const off = [
		connection.on('snapshot', (s) => feed.reset(s)),
		connection.on('delta', (d) => feed.queue(d)),
		connection.on('heartbeat', (h) => feed.heartbeat(h)),
		connection.on('status', (s) => (feed.status = s))
	];
	connection.start();
	return () => {
		for (const unsubscribe of off) unsubscribe();
		connection.stop();
	};
}
