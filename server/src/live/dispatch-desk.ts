import type { InboundEvent } from '../../protocol';
import { checkAtDesk, needsDeskCheck, type DeskProblem } from '../domain/desk-check';
import { createSchoolState } from '../domain/school/state';
import type { AppendResult, EventStore } from '../store/event-store';
import type { Projections } from './projections';

export type Submitted = { ok: true; result: AppendResult } | { ok: false; problem: DeskProblem };

/**
 * The way into the log for anything dispatch must check (a step of a call, a member of staff's
 * status, cover) and for a Reflection Room booking cancelled. Checks and appends run one batch at
 * a time, so each is checked against the state every earlier batch left: two coordinators
 * pressing "acknowledge" at once store one.
 * Batches with nothing to check go straight to the store.
 */
export class DispatchDesk {
	#queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly store: EventStore,
		private readonly projections: Projections
	) {}

	submit(events: readonly InboundEvent[]): Promise<Submitted> {
		if (!needsDeskCheck(events)) return this.store.append(events).then((result) => ({ ok: true, result }));
		const turn = this.#queue.then(async (): Promise<Submitted> => {
			const problem = checkAtDesk((id) => (this.projections.has(id) ? this.projections.state(id) : createSchoolState(id)), events);
			if (problem) return { ok: false, problem };
			return { ok: true, result: await this.store.append(events) };
		});
		this.#queue = turn.catch(() => {});
		return turn;
	}
}
