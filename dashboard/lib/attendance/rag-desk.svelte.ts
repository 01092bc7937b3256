import { RagReport } from '$protocol';
import type { Fetch } from '../auth/csrf';
import { getReport, postTo, queryOf } from './pa-rag-fetch';

/** The weekly RAG report of one school for a week (this week without one), and marking a form's page as sent. */
export class RagDesk {
	report = $state.raw<RagReport | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;
	#week: string | undefined;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	get csvHref(): string {
		return `/api/v1/reports/rag${queryOf({ school: this.#schoolId(), week: this.#week, format: 'csv' })}`;
	}

	async load(week?: string): Promise<void> {
		this.#week = week;
		const got = await getReport(this.#send, `/api/v1/reports/rag${queryOf({ school: this.#schoolId(), week })}`, RagReport, 'The weekly RAG report');
		if (typeof got === 'string') this.error = got;
		else {
			this.report = got;
			this.error = null;
		}
	}

	/** Records a form's page as sent to its tutor, then reloads; answers the problem, or null. */
	async markSent(week: string, formGroup: string): Promise<string | null> {
		this.busy = true;
		try {
			const problem = await postTo(this.#send, '/attendance/rag-sent', this.#schoolId(), { week, formGroup }, 'Marking the report as sent');
			if (problem === null) await this.load(this.#week);
			return problem;
		} finally {
			this.busy = false;
		}
	}
}
