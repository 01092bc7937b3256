import type { PageSection } from '$protocol';
import { getSession } from '../auth/session.svelte';
import { SignedInStaff } from '../auth/signed-in-staff.svelte';
import { connectSchool } from '../realtime/connect';
import { SchoolClock } from '../state/school-clock.svelte';
import { SchoolFeed } from '../state/school-feed.svelte';
import { Actions } from './actions.svelte';

/**
 * What every on-call page of a member of staff (dispatch, patrol, raise) starts with: the
 * school's live feed and clock, who is signed in as which member of staff, and the way to send
 * steps. Call it while the page's component is being set up: it connects and starts the clock.
 */
export function staffPage(schoolId: () => string, section: PageSection) {
	const feed = new SchoolFeed();
	const clock = new SchoolClock(feed);
	const session = getSession();
	const account = new SignedInStaff(session, feed);
	const actions = new Actions(schoolId, session.fetch);
	$effect(() => connectSchool(schoolId(), feed, { onDenied: session.onDenied(section, schoolId()) }));
	$effect(() => clock.start());
	return { feed, clock, session, account, actions };
}
