import type { StaffItem } from '$protocol';
import type { SchoolFeed } from '../state/school-feed.svelte';

const keyOf = (schoolId: string) => `lookout:me:${schoolId}`;

function stored(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch (err) {
		// Storage can be switched off (private browsing): the choice then lasts for this page only.
		console.warn('Lookout: cannot read who you are from this browser', err);
		return null;
	}
}

/**
 * "Who am I" on this device, until sign-in replaces it: a member of staff chosen once per school
 * and kept in localStorage. Commands carry `staffId` as `by` or `raisedBy`.
 */
export class Identity {
	/** Choices made on this page, by storage key; they win over what storage held. */
	#chosen = $state<Record<string, string | null>>({});
	#schoolId: () => string;
	staffId: string | null = $derived.by(() => {
		const key = keyOf(this.#schoolId());
		return key in this.#chosen ? (this.#chosen[key] ?? null) : stored(key);
	});
	/** The chosen member of staff as the live view sees them; null until chosen and known. */
	me: StaffItem | null;

	constructor(schoolId: () => string, feed: SchoolFeed) {
		this.#schoolId = schoolId;
		this.me = $derived(this.staffId === null ? null : (feed.view.staff.find((s) => s.id === this.staffId) ?? null));
	}

	choose(staffId: string): void {
		const key = keyOf(this.#schoolId());
		this.#chosen = { ...this.#chosen, [key]: staffId };
		try {
			localStorage.setItem(key, staffId);
		} catch (err) {
			console.warn('Lookout: cannot remember who you are on this browser', err);
		}
	}

	forget(): void {
		const key = keyOf(this.#schoolId());
		this.#chosen = { ...this.#chosen, [key]: null };
		try {
			localStorage.removeItem(key);
		} catch (err) {
			console.warn('Lookout: cannot forget who you are on this browser', err);
		}
	}
}
