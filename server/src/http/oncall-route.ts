import type { RequestHandler, Response } from 'express';
import { CommandResult, DispatchCommand, SchoolId, toApiIssues, type ApiIssue, type InboundEvent } from '../../protocol';
import type { Clock } from '../clock';
import type { DeskProblem } from '../domain/desk-check';
import type { DispatchDesk } from '../live/dispatch-desk';
import { StoreUnavailableError } from '../store/event-store';
import { accessOf, type Access } from './guarded-router';
import { sendError, sendStoreUnavailable } from './errors';

/** Answers a refused dispatch step or cancel, naming the field (and the event, in a batch). */
export function sendDispatchProblem(res: Response, problem: DeskProblem, batch: boolean): void {
	const path = batch ? `[${problem.index}].${problem.field}` : problem.field;
	sendError(res, problem.code, `${problem.message}; nothing was stored`, [{ path, ...(batch ? { index: problem.index } : {}), message: problem.message }]);
}

/**
 * `POST /api/v1/oncall?school=ID`: one step taken on a dashboard, checked like ingest and
 * stamped with the server's clock, so all the steps of a call are timed by one clock.
 */
export function onCallRoute(desk: DispatchDesk, clock: Clock): RequestHandler {
	return async (req, res) => {
		const school = SchoolId.safeParse(req.query.school);
		if (!school.success) return sendError(res, 'invalid_query', 'school must be a school id', [{ path: 'school', message: 'invalid' }]);
		const parsed = DispatchCommand.safeParse(req.body);
		if (!parsed.success) return sendError(res, 'invalid_body', 'the step is not valid; nothing was stored', toApiIssues(parsed.error, false));
		const notSelf = patrolProblem(accessOf(res), parsed.data);
		if (notSelf) return sendError(res, 'forbidden', `patrol staff act for themselves only; nothing was stored`, [notSelf]);
		const event = { ...parsed.data, schoolId: school.data, occurredAt: new Date(clock.now()).toISOString() } as InboundEvent;
		try {
			const submitted = await desk.submit([event]);
			if (!submitted.ok) return sendDispatchProblem(res, submitted.problem, false);
			const { stored, positions } = submitted.result;
			const body: CommandResult = { ok: true, data: { id: event.id, duplicate: stored.length === 0, position: positions[school.data] ?? 0 } };
			res.json(body);
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
		}
	};
}

/**
 * A patrol member's phone acts for that person only: they take a call for themselves, step
 * through it, raise and cancel their own calls, and set their own status. Coordinators may
 * act for anyone (a teacher radios in; the coordinator raises the call for them).
 */
function patrolProblem({ role, principal }: Access, command: DispatchCommand): ApiIssue | null {
	if (role !== 'patrol') return null;
	const self = principal.kind === 'person' ? principal.staffId : null;
	if (self === null) return { path: 'by', message: 'your account is not linked to a member of staff' };
	// Handing a call back to the queue restarts its escalation: the coordinator's decision.
	if (command.type === 'oncall:unacknowledged') return { path: 'type', message: 'is for coordinators' };
	for (const field of ['by', 'raisedBy', 'staffId'] as const) {
		const value = (command as Partial<Record<typeof field, string>>)[field];
		if (value !== undefined && value !== self) return { path: field, message: `must be ${self}, you` };
	}
	return null;
}
