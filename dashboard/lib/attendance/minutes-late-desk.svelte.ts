import { ApiError, MinutesLateReport, type LetterKind } from '$protocol';
import type { Fetch } from '../auth/csrf';

const json = { 'content-type': 'application/json' };

/** `a=1&b=2`, each value encoded. */
export const queryOf = (params: Record<string, string>): string =>
	Object.entries(params)
		.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
		.join('&');

/** What went wrong, in a line: the server's message and the issues it named. */
export async function problemOf(res: Response, what: string): Promise<string> {
	const parsed = ApiError.safeParse(await res.json().catch(() => null));
	if (!parsed.success) return `${what} did not work (status ${res.status}).`;
	const issues = (parsed.data.issues ?? []).map((i) => `${i.path}: ${i.message}`);
	return [parsed.data.message, ...issues].join('; ');
}

/** The minutes-late report of a range, its letter template and the letters sent, for one school. */
export class MinutesLateDesk {
	report = $state.raw<MinutesLateReport | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	#query(range: { from?: string; to?: string }, extra = ''): string {
		const params = { school: this.#schoolId(), ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
		return `${queryOf(params)}${extra}`;
	}

	csvHref(range: { from: string; to: string }): string {
		return `/api/v1/reports/minutes-late?${this.#query(range, '&format=csv')}`;
	}

	async load(range: { from?: string; to?: string } = {}): Promise<void> {
		try {
			const res = await this.#send(`/api/v1/reports/minutes-late?${this.#query(range)}`);
			if (!res.ok) {
				this.error = await problemOf(res, 'The minutes-late report');
				return;
			}
			const parsed = MinutesLateReport.safeParse(await res.json());
			this.report = parsed.success ? parsed.data : null;
			this.error = parsed.success ? null : 'The minutes-late report came back in a form this page does not understand.';
		} catch (err) {
			this.error = `The minutes-late report cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	/** Posts, then reloads the report on success; answers the problem, or null. */
	async #post(path: string, body: unknown, what: string): Promise<string | null> {
		this.busy = true;
		try {
			const res = await this.#send(`/api/v1${path}?school=${encodeURIComponent(this.#schoolId())}`, {
				method: 'POST',
				headers: json,
				body: JSON.stringify(body)
			});
			if (!res.ok) return await problemOf(res, what);
			if (this.report) await this.load({ from: this.report.from, to: this.report.to });
			return null;
		} catch (err) {
			return `${what} did not work: ${err instanceof Error ? err.message : String(err)}`;
		} finally {
			this.busy = false;
		}
	}

	saveTemplate(kind: LetterKind, body: string): Promise<string | null> {
		return this.#post('/attendance/letter-template', { kind, body }, 'Saving the template');
	}

	markSent(studentId: string): Promise<string | null> {
		const r = this.report;
		if (!r) return Promise.resolve('The report is not loaded.');
		return this.#post('/attendance/letters/sent', { studentId, kind: 'minutes_late', from: r.from, to: r.to }, 'Recording the letter');
	}
}
