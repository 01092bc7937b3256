import { goto, invalidate } from '$app/navigation';
import { resolve } from '$app/paths';
import { createContext } from 'svelte';
import { z } from 'zod';
import { SessionInfo, type PageSection, type Role } from '$protocol';
import type { Denial } from '../realtime/live-connection';
import { csrfFetch, type Fetch } from './csrf';
import { mayOpen, refusalText, roleIn } from './page-access';

/** What the root layout's load declares, so signing in or out reloads who is signed in. */
export const SESSION_DEPENDENCY = 'lookout:session';

const Answer = z.object({ ok: z.literal(true), data: SessionInfo });

/** `GET /api/v1/session`: who is signed in, or null for nobody. */
export async function loadSession(send: Fetch): Promise<SessionInfo | null> {
	const res = await send('/api/v1/session');
	if (res.status === 401) return null;
	const answer = Answer.safeParse(await res.json().catch(() => null));
	if (!res.ok || !answer.success) throw new Error(`the session check answered ${res.status} in a form this page does not understand`);
	return answer.data.data;
}

/**
 * The signed-in person, as the root layout loaded them, and what every page does with them: a
 * fetch that carries the session's CSRF token, signing out, and a refusal when the server will
 * not give this person the page's live view.
 */
export class Session {
	#info: () => SessionInfo | null;
	/** Shown instead of the page when the live connection refuses this person. */
	refusal = $state<string | null>(null);
	signOutError = $state<string | null>(null);
	/** Sends the CSRF token with every state-changing request; a 401 means the session ended, so it is checked again. */
	readonly fetch: Fetch;

	constructor(info: () => SessionInfo | null) {
		this.#info = info;
		const withToken = csrfFetch(() => this.#info()?.csrfToken ?? null);
		this.fetch = async (input, init) => {
			const res = await withToken(input, init);
			if (res.status === 401 && this.#info() !== null) void invalidate(SESSION_DEPENDENCY);
			return res;
		};
	}

	get info(): SessionInfo | null {
		return this.#info();
	}

	roleIn(schoolId: string): Role | null {
		return roleIn(this.info, schoolId);
	}

	async signOut(everywhere: boolean): Promise<void> {
		this.signOutError = null;
		let res: Response;
		try {
			res = await this.fetch(everywhere ? '/api/v1/session/everywhere' : '/api/v1/session', { method: everywhere ? 'POST' : 'DELETE' });
		} catch {
			this.signOutError = 'The server cannot be reached, so you are still signed in. Try again.';
			return;
		}
		if (!res.ok && res.status !== 401) {
			this.signOutError = `Signing out did not work (the server answered ${res.status}). Try again.`;
			return;
		}
		await goto(resolve('/signin'), { invalidateAll: true, state: { signedOut: everywhere ? 'everywhere' : 'here' } });
	}

	/** What a school page does when its live connection is refused: sign in again, or say why not. */
	onDenied(section: PageSection, schoolId: string): (why: Denial) => void {
		return (why) => {
			if (why === 'unauthenticated') {
				void invalidate(SESSION_DEPENDENCY);
				return;
			}
			const school = this.info?.schools.find((s) => s.id === schoolId)?.name ?? schoolId;
			const role = this.roleIn(schoolId);
			this.refusal = mayOpen(role, section)
				? `The server will not give you the live view of ${school}. Ask your school's Lookout admin.`
				: refusalText(section, school, role);
		};
	}
}

export const [getSession, setSession, hasSession] = createContext<Session>();
