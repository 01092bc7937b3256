import { error } from '@sveltejs/kit';
import { loadSession, SESSION_DEPENDENCY } from '$lib/auth/session.svelte';
import type { LayoutLoad } from './$types';

// Every page is drawn in the browser: what it shows comes over the API and the live connection.
export const ssr = false;

export const load: LayoutLoad = async ({ fetch, depends, untrack, url }) => {
	depends(SESSION_DEPENDENCY);
	// A wall screen is a device, not a person: it never has a session to ask about.
	if (untrack(() => url.pathname.startsWith('/wall'))) return { session: null };
	try {
		return { session: await loadSession(fetch) };
	} catch (err) {
		error(503, {
			title: 'Lookout cannot be reached',
			message: `The server did not answer who is signed in (${err instanceof Error ? err.message : String(err)}). Check the connection and reload the page.`
		});
	}
};
