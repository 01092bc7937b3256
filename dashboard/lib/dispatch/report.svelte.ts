import { OnCallReport } from '$protocol';
import type { Fetch } from '../auth/csrf';

/** The day's p90 response times; refreshed when the day's history changes, at most once per `minGapMs`. */
export class ReportLoader {
	report = $state.raw<OnCallReport | null>(null);
	error = $state<string | null>(null);
	#schoolId: () => string;
	#send: Fetch;
	#minGapMs: number;
	#lastAt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(schoolId: () => string, send: Fetch, minGapMs = 10_000) {
		this.#schoolId = schoolId;
		this.#send = send;
		this.#minGapMs = minGapMs;
	}

	get csvHref(): string {
		return `/api/v1/reports/oncall?school=${encodeURIComponent(this.#schoolId())}&format=csv`;
	}

	/** Asks for a refresh: now if the last was long enough ago, else once at the end of the gap. */
	refresh(): void {
		if (this.#timer !== null) return;
		const due = this.#lastAt + this.#minGapMs - Date.now();
		this.#timer = setTimeout(
			() => {
				this.#timer = null;
				this.#lastAt = Date.now();
				void this.#load();
			},
			Math.max(0, due)
		);
	}

	stop(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #load(): Promise<void> {
		try {
			const res = await this.#send(`/api/v1/reports/oncall?school=${encodeURIComponent(this.#schoolId())}`);
			const body: unknown = await res.json();
			const parsed = OnCallReport.safeParse(body);
			if (parsed.success) {
				this.report = parsed.data;
				this.error = null;
			} else {
				this.error = res.ok
					? 'The response-time report came back in a form this page does not understand.'
					: `The response-time report is not available (status ${res.status}).`;
			}
		} catch (err) {
			this.error = `The response-time report cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
		}
	}
}
