import type { SchoolFeed } from '../state/school-feed.svelte';
import { LiveConnection, type Denial } from './live-connection';

export interface ConnectOptions {
	credentials?: { deviceToken?: string };
	onRefused?: (reason: string) => void;
	/** A person's connection refused: signed out, or not for this school. */
	onDenied?: (why: Denial) => void;
	onReload?: () => void;
}

/** Feeds a school's live view from its connection; returns what stops it. */
export function connectSchool(schoolId: string, feed: SchoolFeed, options: ConnectOptions = {}): () => void {
	const connection = new LiveConnection(schoolId, '', options.credentials);
	const off = [
		connection.on('snapshot', (s) => feed.reset(s)),
		connection.on('delta', (d) => feed.queue(d)),
		connection.on('heartbeat', (h) => feed.heartbeat(h)),
		connection.on('status', (s) => (feed.status = s)),
		connection.on('refused', (reason) => options.onRefused?.(reason)),
		connection.on('denied', (why) => options.onDenied?.(why)),
		connection.on('reload', () => options.onReload?.())
	];
	connection.start();
	return () => {
		for (const unsubscribe of off) unsubscribe();
		connection.stop();
	};
}
