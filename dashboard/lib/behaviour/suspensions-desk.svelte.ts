import {
	ApiError,
	SuspensionReport,
	SuspensionStudents,
	type NotifiedHow,
	type NotifiedParty,
	type SuspensionAmendBodyInput,
	type SuspensionBodyInput,
	type WithdrawalReason
} from '$protocol';
import type { Fetch } from '../auth/csrf';

const json = { 'content-type': 'application/json' };

/** A refusal: the server's message, and each field it named with what it said. */
export interface Refusal {
	message: string;
	fields: Record<string, string>;
}

async function refusalOf(res: Response, what: string): Promise<Refusal> {
	const parsed = ApiError.safeParse(await res.json().catch(() => null));
	if (!parsed.success) return { message: `${what} did not work (status ${res.status}).`, fields: {} };
	const fields: Record<string, string> = {};
	for (const issue of parsed.data.issues ?? []) fields[issue.path] = fields[issue.path] ? `${fields[issue.path]}; ${issue.message}` : issue.message;
	return { message: parsed.data.message, fields };
}

/** The suspensions log of one school: the report, recording, correcting and withdrawing one, parties told, the letter's wording. */
export class SuspensionsDesk {
	report = $state.raw<SuspensionReport | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	get #school(): string {
		return encodeURIComponent(this.#schoolId());
	}

	csvHref(table: 'log' | 'totals'): string {
		return `/api/v1/reports/suspensions?school=${this.#school}&format=csv&table=${table}`;
	}

	laReturnHref(term: string): string {
		return `/api/v1/reports/suspensions/la-return?school=${this.#school}&term=${encodeURIComponent(term)}`;
	}

	async load(): Promise<void> {
		try {
			const res = await this.#send(`/api/v1/reports/suspensions?school=${this.#school}`);
			if (!res.ok) {
				this.error = (await refusalOf(res, 'The suspensions log')).message;
				return;
			}
			const parsed = SuspensionReport.safeParse(await res.json());
			this.report = parsed.success ? parsed.data : null;
			this.error = parsed.success ? null : 'The suspensions log came back in a form this page does not understand.';
		} catch (err) {
			this.error = `The suspensions log cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	/** The students the record form's picker offers for what was typed (two characters or more), or why it cannot say. */
	async findStudents(q: string): Promise<SuspensionStudents | string> {
		try {
			const res = await this.#send(`/api/v1/suspensions/students?school=${this.#school}&q=${encodeURIComponent(q)}`);
			if (!res.ok) return (await refusalOf(res, 'Finding the student')).message;
			const parsed = SuspensionStudents.safeParse(await res.json());
			return parsed.success ? parsed.data : 'The students came back in a form this page does not understand.';
		} catch (err) {
			return `Finding the student did not work: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	/** Posts, then reloads the log on success; answers the refusal, or null. */
	async #post(path: string, body: unknown, what: string): Promise<Refusal | null> {
		this.busy = true;
		try {
			const res = await this.#send(`/api/v1${path}?school=${this.#school}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
			if (!res.ok) return await refusalOf(res, what);
			await this.load();
			return null;
		} catch (err) {
			return { message: `${what} did not work: ${err instanceof Error ? err.message : String(err)}`, fields: {} };
		} finally {
			this.busy = false;
		}
	}

	record(body: SuspensionBodyInput): Promise<Refusal | null> {
		return this.#post('/suspensions', body, 'Recording the suspension');
	}

	amend(suspensionId: string, body: SuspensionAmendBodyInput): Promise<Refusal | null> {
		return this.#post(`/suspensions/${encodeURIComponent(suspensionId)}/amend`, body, 'Amending the suspension');
	}

	withdraw(suspensionId: string, reason: WithdrawalReason, note: string): Promise<Refusal | null> {
		return this.#post(`/suspensions/${encodeURIComponent(suspensionId)}/withdraw`, { reason, note }, 'Withdrawing the suspension');
	}

	markTold(suspensionId: string, who: NotifiedParty, how: NotifiedHow): Promise<Refusal | null> {
		return this.#post(`/suspensions/${encodeURIComponent(suspensionId)}/notified`, { who, how }, 'Marking them told');
	}

	saveTemplate(body: string): Promise<Refusal | null> {
		return this.#post('/suspensions/letter-template', { body }, 'Saving the letter');
	}
}
