import { BehaviourWeekly, Chronology, PatternsReport, type PlanBody, type TapMinutesBody } from '$protocol';
import type { Fetch } from '../auth/csrf';
import { getReport, postTo, queryOf } from '../attendance/pa-rag-fetch';

/** One report of the behaviour desk, loaded and reloaded: patterns, the weekly report or a chronology. */
class ReportDesk<T> {
	report = $state.raw<T | null>(null);
	error = $state<string | null>(null);
	#url: () => string;
	#send: Fetch;
	#schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } };
	#what: string;

	constructor(url: () => string, send: Fetch, schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, what: string) {
		this.#url = url;
		this.#send = send;
		this.#schema = schema;
		this.#what = what;
	}

	get csvHref(): string {
		return `${this.#url()}&format=csv`;
	}

	async load(): Promise<void> {
		const got = await getReport(this.#send, this.#url(), this.#schema, this.#what);
		if (typeof got === 'string') this.error = got;
		else {
			this.report = got;
			this.error = null;
		}
	}
}

export const patternsDesk = (schoolId: () => string, date: () => string | undefined, send: Fetch) =>
	new ReportDesk(() => `/api/v1/reports/patterns${queryOf({ school: schoolId(), date: date() })}`, send, PatternsReport, 'Patterns');

/** `compare`: `so_far` for this week so far against the same days of the last; left out, the last full week. */
export const weeklyDesk = (schoolId: () => string, week: () => string | undefined, compare: () => string | undefined, send: Fetch) =>
	new ReportDesk(
		() => `/api/v1/reports/behaviour-weekly${queryOf({ school: schoolId(), week: week(), compare: compare() })}`,
		send,
		BehaviourWeekly,
		'The weekly report'
	);

/** A student's chronology, and the plans, ticks and TAP minutes recorded from it (each reloads it). */
export class ChronologyDesk extends ReportDesk<Chronology> {
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;

	constructor(schoolId: () => string, studentId: () => string, send: Fetch) {
		super(() => `/api/v1/reports/chronology${queryOf({ school: schoolId(), student: studentId() })}`, send, Chronology, 'The chronology');
		this.#schoolId = schoolId;
		this.#send = send;
	}

	async #post(path: string, body: unknown, what: string): Promise<string | null> {
		this.busy = true;
		try {
			const problem = await postTo(this.#send, path, this.#schoolId(), body, what);
			if (problem === null) await this.load();
			return problem;
		} finally {
			this.busy = false;
		}
	}

	addPlan = (body: PlanBody) => this.#post('/plans', body, 'Recording the plan');
	minuteTap = (body: TapMinutesBody) => this.#post('/tap-minutes', body, 'Minuting the meeting');
	tick = (planId: string, actionId: string) =>
		this.#post(`/plans/${encodeURIComponent(planId)}/actions/${encodeURIComponent(actionId)}/done`, {}, 'Ticking the action off');
}
