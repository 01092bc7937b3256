import { EvidencePack } from '$protocol';
import type { Fetch } from '../auth/csrf';
import { getReport, queryOf } from './pa-rag-fetch';

/** One student's evidence pack for the Local Authority over a range (the academic year to date without one). Each load is audited. */
export class EvidenceDesk {
	pack = $state.raw<EvidencePack | null>(null);
	error = $state<string | null>(null);
	#schoolId: () => string;
	#studentId: () => string;
	#send: Fetch;
	#range = $state.raw<{ from?: string | undefined; to?: string | undefined }>({});

	constructor(schoolId: () => string, studentId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#studentId = studentId;
		this.#send = send;
	}

	#url(range: { from?: string | undefined; to?: string | undefined }, format?: 'csv'): string {
		return `/api/v1/reports/evidence${queryOf({ school: this.#schoolId(), student: this.#studentId(), ...range, format })}`;
	}

	/** The same pack as a spreadsheet: downloading it is another pack produced, and audited as one. */
	get csvHref(): string {
		return this.#url(this.#range, 'csv');
	}

	async load(from?: string, to?: string): Promise<void> {
		this.#range = { from, to };
		// The URL from the arguments, not from #range: an effect runs this, and must not read what it writes.
		const got = await getReport(this.#send, this.#url({ from, to }), EvidencePack, 'The evidence pack');
		if (typeof got === 'string') {
			this.error = got;
			this.pack = null;
		} else {
			this.pack = got;
			this.error = null;
		}
	}
}
