import { CorrectionsReport } from '$protocol';
import type { Fetch } from '../auth/csrf';
import { problemOf, queryOf } from './minutes-late-desk.svelte';

/** A day's corrected marks and cleared sanctions: the families to tell of a clean slate, and who has been told. */
export class CorrectionsDesk {
	report = $state.raw<CorrectionsReport | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	#query(date?: string, extra = ''): string {
		const params = { school: this.#schoolId(), ...(date ? { date } : {}) };
		return `${queryOf(params)}${extra}`;
	}

	csvHref(date: string): string {
		return `/api/v1/reports/corrections?${this.#query(date, '&format=csv')}`;
	}

	async load(date?: string): Promise<void> {
		try {
			const res = await this.#send(`/api/v1/reports/corrections?${this.#query(date)}`);
			if (!res.ok) {
				this.error = await problemOf(res, 'The corrections list');
				return;
			}
			const parsed = CorrectionsReport.safeParse(await res.json());
			this.report = parsed.success ? parsed.data : null;
			this.error = parsed.success ? null : 'The corrections list came back in a form this page does not understand.';
		} catch (err) {
			this.error = `The corrections list cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	async markTold(studentId: string): Promise<string | null> {
		const date = this.report?.date;
		if (!date) return 'The list is not loaded.';
		this.busy = true;
		try {
			const res = await this.#send(`/api/v1/attendance/parents-told?school=${encodeURIComponent(this.#schoolId())}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ studentId, date })
			});
			if (!res.ok) return await problemOf(res, 'Recording the family told');
			await this.load(date);
			return null;
		} catch (err) {
			return `Recording the family told did not work: ${err instanceof Error ? err.message : String(err)}`;
		} finally {
			this.busy = false;
		}
	}
}
