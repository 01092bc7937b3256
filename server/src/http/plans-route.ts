import { randomUUID } from 'node:crypto';
import express, { type Response } from 'express';
import { ChronologyQuery, EntityId, PlanBody, PlanReviewBody, TapMinutesBody, toApiIssues, type ApiIssue, type EventOf, type PlanAction } from '../../protocol';
import { auditEntry } from '../auth/audit';
import { actorId } from '../auth/principal';
import type { Clock } from '../clock';
import { localDate } from '../domain/calendar/local-time';
import { studentChronology } from '../domain/chronology';
import { chronologyCsv } from '../domain/plans/chronology-csv';
import { hasAction } from '../domain/plans/plans';
import type { SchoolState } from '../domain/school/state';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { answerCommand, appendOr503 } from './append-answer';
import { sendError } from './errors';
import { accessOf, type guardedRouter } from './guarded-router';

interface Deps {
	store: EventStore;
	projections: Projections;
	clock: Clock;
	/** Real time, for audit entries. */
	now: () => number;
}

const nothingStored = (res: Response, message: string, issues: ApiIssue[]) => sendError(res, 'invalid_body', `${message}; nothing was stored`, issues);

/** Owners who are not on the school's staff list, and due dates before the day the actions were set. */
function actionIssues(state: SchoolState, actions: readonly PlanAction[], from: string): ApiIssue[] {
	return actions.flatMap((a, i) => [
		...(state.staff.has(a.owner) ? [] : [{ path: `actions[${i}].owner`, message: 'is not a member of staff of this school' }]),
		...(a.due < from ? [{ path: `actions[${i}].due`, message: `is before ${from}` }] : [])
	]);
}

const duplicateIds = (actions: readonly PlanAction[]): ApiIssue[] =>
	actions.flatMap((a, i) => (actions.findIndex((b) => b.actionId === a.actionId) < i ? [{ path: `actions[${i}].actionId`, message: 'is used twice' }] : []));

/**
 * Plans, their actions and reviews, TAP minutes (each an event stamped with the server's clock and
 * the signed-in person) and a student's chronology, which is audited before it is given.
 */
export function plansRoutes(api: ReturnType<typeof guardedRouter>, deps: Deps): void {
	const { store, projections, clock, now } = deps;
	const by = (res: Response) => {
		const { principal } = accessOf(res);
		// Someone not linked to the staff list (an admin from the trust, say) is written down by their user id.
		return principal.kind === 'person' ? (principal.staffId ?? principal.userId) : actorId(principal);
	};
	const stateOf = (res: Response) => {
		const { schoolId } = accessOf(res);
		return projections.has(schoolId) ? projections.state(schoolId) : null;
	};
	const stamp = (res: Response) => ({ schoolId: accessOf(res).schoolId, occurredAt: new Date(clock.now()).toISOString() });

	api.route('POST /plans', express.json({ limit: '32kb' }), async (req, res) => {
		const body = PlanBody.safeParse(req.body);
		if (!body.success) return nothingStored(res, 'the plan is not valid', toApiIssues(body.error, false));
		const state = stateOf(res);
		if (!state?.students.has(body.data.studentId)) return noSuchStudent(res);
		const today = localDate(clock.now(), state.timezone);
		const issues = [...duplicateIds(body.data.actions), ...actionIssues(state, body.data.actions, today)];
		if (issues.length > 0) return nothingStored(res, 'the plan is not valid', issues);
		const event: EventOf<'plan:recorded'> = { ...body.data, ...stamp(res), id: `plan-${body.data.planId}`, type: 'plan:recorded', by: by(res) };
		await answerCommand(store, res, event);
	});

	api.route('POST /plans/:planId/actions/:actionId/done', async (req, res) => {
		const planId = EntityId.safeParse(req.params.planId);
		const actionId = EntityId.safeParse(req.params.actionId);
		const state = stateOf(res);
		const record = planId.success ? (state?.plans.get(planId.data) ?? state?.tapMeetings.get(planId.data)) : undefined;
		if (!record || !planId.success)
			return sendError(res, 'not_found', 'no plan or TAP meeting has that id; nothing was stored', [
				{ path: 'planId', message: 'is not a plan or TAP meeting of this school' }
			]);
		if (!actionId.success || !hasAction(record, actionId.data))
			return sendError(res, 'not_found', 'the plan has no such action; nothing was stored', [{ path: 'actionId', message: 'is not an action of this plan' }]);
		if (record.done.has(actionId.data))
			return sendError(res, 'invalid_transition', 'that action is already done; nothing was stored', [{ path: 'actionId', message: 'is already done' }]);
		const event: EventOf<'plan:action-done'> = {
			...stamp(res),
			id: `done-${randomUUID()}`,
			type: 'plan:action-done',
			planId: planId.data,
			actionId: actionId.data,
			by: by(res)
		};
		await answerCommand(store, res, event);
	});

	api.route('POST /plans/:planId/reviews', express.json({ limit: '8kb' }), async (req, res) => {
		const planId = EntityId.safeParse(req.params.planId);
		const state = stateOf(res);
		if (!planId.success || !state?.plans.has(planId.data))
			return sendError(res, 'not_found', 'no plan has that id; nothing was stored', [{ path: 'planId', message: 'is not a plan of this school' }]);
		const body = PlanReviewBody.safeParse(req.body);
		if (!body.success) return nothingStored(res, 'the review is not valid', toApiIssues(body.error, false));
		const today = localDate(clock.now(), state.timezone);
		const date = body.data.date ?? today;
		if (date > today) return nothingStored(res, 'a review is recorded once it happened', [{ path: 'date', message: `is after today (${today})` }]);
		if (body.data.nextReviewOn !== undefined && body.data.nextReviewOn <= date)
			return nothingStored(res, 'the next review comes later', [{ path: 'nextReviewOn', message: `is not after ${date}` }]);
		const event: EventOf<'plan:reviewed'> = {
			...body.data,
			...stamp(res),
			id: `review-${randomUUID()}`,
			type: 'plan:reviewed',
			planId: planId.data,
			date,
			by: by(res)
		};
		await answerCommand(store, res, event);
	});

	api.route('POST /tap-minutes', express.json({ limit: '32kb' }), async (req, res) => {
		const body = TapMinutesBody.safeParse(req.body);
		if (!body.success) return nothingStored(res, 'the minutes are not valid', toApiIssues(body.error, false));
		const state = stateOf(res);
		if (!state?.students.has(body.data.studentId)) return noSuchStudent(res);
		const today = localDate(clock.now(), state.timezone);
		const issues: ApiIssue[] = [
			...(body.data.date > today ? [{ path: 'date', message: `is after today (${today})` }] : []),
			...body.data.attendees.flatMap((a, i) =>
				'staffId' in a && !state.staff.has(a.staffId) ? [{ path: `attendees[${i}].staffId`, message: 'is not a member of staff of this school' }] : []
			),
			...duplicateIds(body.data.actions),
			...actionIssues(state, body.data.actions, body.data.date)
		];
		if (issues.length > 0) return nothingStored(res, 'the minutes are not valid', issues);
		const event: EventOf<'tap:minuted'> = { ...body.data, ...stamp(res), id: `tap-${body.data.meetingId}`, type: 'tap:minuted', by: by(res) };
		await answerCommand(store, res, event);
	});

	api.route('GET /reports/chronology', async (req, res) => {
		const parsed = ChronologyQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school and student (and optionally format) are needed', toApiIssues(parsed.error, false));
		const { school, student, format } = parsed.data;
		const access = accessOf(res);
		const state = projections.has(school) ? projections.state(school) : null;
		const chronology = state ? studentChronology(state, student, clock.now()) : null;
		if (!chronology) return sendError(res, 'not_found', 'this school has no such student', [{ path: 'student', message: 'not a student of this school' }]);
		const entry = auditEntry(
			school,
			access,
			'chronology_viewed',
			{ studentId: student, address: req.ip, detail: `chronology to ${chronology.date} as ${format}` },
			now()
		);
		if ((await appendOr503(store, res, [entry])) === null) return;
		if (format === 'json') return res.json(chronology);
		res.type('text/csv').attachment(`${school}-chronology-${student}-${chronology.date}.csv`).send(chronologyCsv(chronology));
	});
}

const noSuchStudent = (res: Response) =>
	sendError(res, 'not_found', 'this school has no such student', [{ path: 'studentId', message: 'not a student of this school' }]);
