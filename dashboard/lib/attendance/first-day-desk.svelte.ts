import { ApiError, CommandResult, ContactsAnswer, FirstDayReport, type CallOutcome, type Contact } from '$protocol';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { Fetch } from '../auth/csrf';

/** The first-day list, each family's contacts once shown, and the calls logged from this page. */
export class FirstDayDesk {
	report = $state.raw<FirstDayReport | null>(null);
	error = $state<string | null>(null);
	/** Contacts shown, by student: each show is written to the audit log by the server. */
	readonly contacts = new SvelteMap<string, Contact[]>();
	/** Students with a call being logged, so a second click does not log it twice. */
	readonly busy = new SvelteSet<string>();
	#school: () => string;
	#send: Fetch;

	constructor(school: () => string, send: Fetch) {
		this.#school = school;
		this.#send = send;
	}

	#url(path: string): string {
		return `/api/v1/${path}${path.includes('?') ? '&' : '?'}school=${encodeURIComponent(this.#school())}`;
	}

	csvHref(table: 'list' | 'corrections'): string {
		return this.#url(`reports/first-day?format=csv&table=${table}`);
	}

	async load(): Promise<void> {
		try {
			const res = await this.#send(this.#url('reports/first-day'));
			const parsed = FirstDayReport.safeParse(await res.json());
			if (parsed.success) {
				this.report = parsed.data;
				this.error = null;
			} else
				this.error = res.ok
					? 'The first-day list came back in a form this page does not understand.'
					: `The first-day list is not available (status ${res.status}).`;
		} catch (err) {
			this.error = `The first-day list cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	async reveal(studentId: string): Promise<void> {
		const res = await this.#post('attendance/contacts', { studentId });
		const parsed = ContactsAnswer.safeParse(res);
		if (parsed.success) this.contacts.set(studentId, parsed.data.data.contacts);
	}

	async log(studentId: string, contactIndex: number, outcome: CallOutcome, reason: string): Promise<boolean> {
		if (this.busy.has(studentId)) return false;
		this.busy.add(studentId);
		try {
			const body = { callId: crypto.randomUUID(), studentId, contactIndex, outcome, ...(reason.trim() ? { reason: reason.trim() } : {}) };
			const logged = CommandResult.safeParse(await this.#post('attendance/calls', body)).success;
			await this.load();
			return logged;
		} finally {
			this.busy.delete(studentId);
		}
	}

	async #post(path: string, body: unknown): Promise<unknown> {
		try {
			const res = await this.#send(this.#url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			const answer: unknown = await res.json();
			if (!res.ok) {
				const problem = ApiError.safeParse(answer);
				this.error = problem.success ? `Not done: ${problem.data.message}` : `Not done (status ${res.status}).`;
			}
			return answer;
		} catch (err) {
			this.error = `Not done: ${err instanceof Error ? err.message : String(err)}`;
			return null;
		}
	}
}
