import type { StaffItem } from '$protocol';
import type { SchoolFeed } from '../state/school-feed.svelte';
import type { Session } from './session.svelte';

/**
 * The member of staff the signed-in person is, by the staff id on their account: the steps
 * they take on the phone and the console are recorded as theirs, and the server holds patrol
 * staff to it.
 */
export class SignedInStaff {
	#session: Session;
	#feed: SchoolFeed;
	staffId: string | null = $derived.by(() => this.#session.info?.staffId ?? null);
	/** As the live view sees them; null until the view has them, or when it never will. */
	me: StaffItem | null = $derived.by(() => (this.staffId === null ? null : (this.#feed.view.staff.find((s) => s.id === this.staffId) ?? null)));
	state: 'linked' | 'unlinked' | 'loading' | 'unknown' = $derived.by(() => {
		if (this.staffId === null) return 'unlinked';
		if (this.me) return 'linked';
		return this.#feed.school === null ? 'loading' : 'unknown';
	});

	constructor(session: Session, feed: SchoolFeed) {
		this.#session = session;
		this.#feed = feed;
	}
}
