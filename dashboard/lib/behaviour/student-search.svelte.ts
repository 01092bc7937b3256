import { SuspensionStudents } from '$protocol';
import type { Fetch } from '../auth/csrf';
import { getReport, queryOf } from '../attendance/pa-rag-fetch';

/**
 * Finds students by name, form or id to open their chronology, through the desk's student picker
 * (the same roles as the chronology; each search written to the audit log). Searches when asked,
 * not on each key, so the audit log holds what was looked for rather than every letter typed.
 */
export class StudentFinder {
	found = $state.raw<SuspensionStudents | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#school: () => string;
	#send: Fetch;

	constructor(school: () => string, send: Fetch) {
		this.#school = school;
		this.#send = send;
	}

	async find(q: string): Promise<void> {
		const typed = q.trim();
		if (typed.length < 2) {
			this.found = null;
			this.error = 'Type two letters or more of a name, a form or a student id.';
			return;
		}
		this.busy = true;
		try {
			const got = await getReport(
				this.#send,
				`/api/v1/suspensions/students${queryOf({ school: this.#school(), q: typed })}`,
				SuspensionStudents,
				'Finding the student'
			);
			this.found = typeof got === 'string' ? null : got;
			this.error = typeof got === 'string' ? got : null;
		} finally {
			this.busy = false;
		}
	}
}
