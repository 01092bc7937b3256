import { PaReport, type InterventionBody } from '$protocol';
import type { Fetch } from '../auth/csrf';
import { getReport, postTo, queryOf } from './pa-rag-fetch';

/** The PA tracker of one school on a date (the school's today without one), and the interventions logged on it. */
export class PaDesk {
	report = $state.raw<PaReport | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;
	#date: string | undefined;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	get csvHref(): string {
		return `/api/v1/reports/pa${queryOf({ school: this.#schoolId(), date: this.#date, format: 'csv' })}`;
	}

	async load(date?: string): Promise<void> {
		this.#date = date;
		const got = await getReport(this.#send, `/api/v1/reports/pa${queryOf({ school: this.#schoolId(), date })}`, PaReport, 'The PA tracker');
		if (typeof got === 'string') this.error = got;
		else {
			this.report = got;
			this.error = null;
		}
	}

	/** Logs an intervention, then reloads the tracker; answers the problem, or null. */
	async log(body: InterventionBody): Promise<string | null> {
		this.busy = true;
		try {
			const problem = await postTo(this.#send, '/attendance/interventions', this.#schoolId(), body, 'Logging the intervention');
			if (problem === null) await this.load(this.#date);
			return problem;
		} finally {
			this.busy = false;
		}
	}
}
