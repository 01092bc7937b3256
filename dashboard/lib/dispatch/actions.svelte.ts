import type { Fetch } from '../auth/csrf';
import { sendCommand, type Step } from './command';

/** How long a confirmation stays up; an error stays until the next step or until dismissed. */
const DONE_SHOWN_MS = 6_000;

/**
 * The steps a page sends, one at a time, and what came of the last: an error stays on screen
 * until the next step or until it is dismissed, so nothing fails silently.
 */
export class Actions {
	busy = $state(false);
	error = $state<string | null>(null);
	/** The server's own words for the last refusal, shown small under the plain ones. */
	detail = $state<string | null>(null);
	done = $state<string | null>(null);
	#schoolId: () => string;
	#send: Fetch;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	/** Sends the steps in order and stops at the first refusal; true when all were taken. */
	async send(steps: Step | Step[], success: string, ids?: string[]): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.dismiss();
		try {
			const list = Array.isArray(steps) ? steps : [steps];
			for (const [i, step] of list.entries()) {
				const result = await sendCommand(this.#send, this.#schoolId(), step, ids?.[i]);
				if (!result.ok) {
					this.error = result.message;
					this.detail = result.detail ?? null;
					return false;
				}
			}
			this.done = success;
			setTimeout(() => {
				if (this.done === success) this.done = null;
			}, DONE_SHOWN_MS);
			return true;
		} finally {
			this.busy = false;
		}
	}

	/** A refusal found before sending, e.g. an account not linked to a member of staff. */
	refuse(message: string): void {
		this.dismiss();
		this.error = message;
	}

	dismiss(): void {
		this.error = null;
		this.detail = null;
		this.done = null;
	}
}
