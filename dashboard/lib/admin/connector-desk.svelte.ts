import { z } from 'zod';
import { ConnectorStatus, type ConnectorName } from '$protocol/connectors';
import type { Fetch } from '../auth/csrf';
import { refusal } from './admin-api';
import { CONNECTOR_LABEL, stateInWords } from './connector-words';

const Statuses = z.object({ ok: z.literal(true), data: z.array(ConnectorStatus) });
const Started = z.object({ ok: z.literal(true), data: ConnectorStatus });

/** What came of a "run now": asked and under way, or ended (well or not), in words. */
export interface RunOutcome {
	ended: boolean;
	ok: boolean;
	message: string;
}

/**
 * The school's connectors as their status page shows them: loaded, loaded again while any runs
 * (the page polls through `running`), and run now, telling the result of each run asked for.
 */
export class ConnectorDesk {
	statuses = $state.raw<ConnectorStatus[] | null>(null);
	problem = $state<string | null>(null);
	outcomes = $state<Partial<Record<ConnectorName, RunOutcome>>>({});
	readonly running = $derived(this.statuses?.some((s) => s.state === 'running') ?? false);
	#send: Fetch;
	#schoolId: () => string;
	#timezone: () => string;

	constructor(send: Fetch, schoolId: () => string, timezone: () => string) {
		this.#send = send;
		this.#schoolId = schoolId;
		this.#timezone = timezone;
	}

	get csvHref(): string {
		return this.#url('connectors', { format: 'csv' });
	}

	async load(): Promise<void> {
		try {
			const res = await this.#send(this.#url('connectors'));
			const body: unknown = await res.json().catch(() => null);
			const parsed = Statuses.safeParse(body);
			if (!res.ok || !parsed.success) {
				this.problem = res.ok ? 'The connectors came back in a form this page does not understand; reload the page.' : refusal(res.status, body).message;
				return;
			}
			this.#tellEnded(parsed.data.data);
			this.statuses = parsed.data.data;
			this.problem = null;
		} catch {
			this.problem = 'The server cannot be reached; the statuses shown may be out of date.';
		}
	}

	async runNow(connector: ConnectorName): Promise<void> {
		const label = CONNECTOR_LABEL[connector];
		this.outcomes = { ...this.outcomes, [connector]: { ended: false, ok: true, message: `Asking ${label} to run now…` } };
		let res: Response;
		try {
			res = await this.#send(this.#url(`connectors/${connector}/run`), { method: 'POST' });
		} catch {
			this.outcomes = { ...this.outcomes, [connector]: { ended: true, ok: false, message: 'The server cannot be reached, so nothing was run.' } };
			return;
		}
		const body: unknown = await res.json().catch(() => null);
		const started = Started.safeParse(body);
		if (res.status === 202 && started.success) {
			this.statuses = (this.statuses ?? []).map((s) => (s.connector === connector ? started.data.data : s));
			this.outcomes = { ...this.outcomes, [connector]: { ended: false, ok: true, message: `${label} is running…` } };
			return;
		}
		const message = res.status === 409 ? `${label} is already running; this page shows its result when it ends.` : refusal(res.status, body).message;
		this.outcomes = { ...this.outcomes, [connector]: { ended: res.status === 409 ? false : true, ok: res.status === 409, message } };
		if (res.status === 409) await this.load();
	}

	/** A run asked for from this page that has ended since the last load is told in words. */
	#tellEnded(next: readonly ConnectorStatus[]): void {
		for (const status of next) {
			const asked = this.outcomes[status.connector];
			if (!asked || asked.ended || status.state === 'running') continue;
			const counts = `${status.recordsIn} ${status.recordsIn === 1 ? 'record' : 'records'} in, ${status.refused} refused`;
			// A run that stopped says why in the state above; this line says only where and how far it got.
			const message =
				status.state === 'ok'
					? `The run finished: ${counts}.`
					: `The run stopped at ${status.endpoint ?? 'its start'} (${stateInWords(status, this.#timezone()).label.toLowerCase()}), ${counts} before it stopped.`;
			this.outcomes = { ...this.outcomes, [status.connector]: { ended: true, ok: status.state === 'ok', message } };
		}
	}

	#url(path: string, query: Record<string, string> = {}): string {
		const pairs = Object.entries({ school: this.#schoolId(), ...query }).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
		return `/api/v1/${path}?${pairs.join('&')}`;
	}
}
