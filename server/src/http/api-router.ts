import express, { type Router } from 'express';
import { ClockInfo, contractJsonSchema, parseIngestBody, SchoolId, SERVER_ONLY_TYPES, toApiIssues, type ApiIssue, type InboundEvent } from '../../protocol';
import { accessRoutes } from './access-routes';
import { accessOf, guardedRouter } from './guarded-router';
import { schoolsOf } from '../auth/principal';
import { trustClaimProblem } from '../domain/access/trust';
import { sessionRoutes } from './session-routes';
import { studentRoutes } from './student-routes';
import type { Clock } from '../clock';
import type { DispatchDesk } from '../live/dispatch-desk';
import type { Projections } from '../live/projections';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { Broadcaster } from '../realtime/broadcaster';
import { tierOf } from '../realtime/rooms';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { onCallRoute, sendDispatchProblem } from './oncall-route';
import { sendError, sendStoreUnavailable } from './errors';
import { countIngest, noteIngested } from './ingest-metrics';
import { sendIngested } from './ingest-answer';
import { deviceRoutes } from './devices-route';
import { floorplanRoute } from './floorplan-route';
import { importRoute } from './import-route';
import { ingestLimiter, signInLimiter, type Limits } from './limits';
import { reportRoutes } from './reports-route';
import { minutesLateRoutes } from './attendance-minutes-late-route';
import { correctionsRoutes } from './attendance-corrections-route';
import { attendanceFirstDayRoutes } from './attendance-first-day-route';
import { attendancePaRoutes } from './attendance-pa-route';
import { attendanceEvidenceRoutes } from './attendance-evidence-route';
import { attendanceRagRoutes } from './attendance-rag-route';
import { reflectionRoutes } from './reflection-route';
import { plansRoutes } from './plans-route';
import { patternsRoutes } from './patterns-route';
import { suspensionRoutes } from './suspensions-route';
import { reflectionBookingRoutes } from './reflection-booking-route';
import { connectorsRoutes, type ConnectorControl } from './connectors-route';

export interface ApiDeps {
	store: EventStore;
	desk: DispatchDesk;
	projections: Projections;
	broadcaster: Broadcaster;
	clock: Clock;
	/** Real time, for sessions, lock-outs and audit entries (the school clock may run fast). */
	now: () => number;
	limits: Limits;
	maxBody: string;
	floorplans: string;
	logger: Logger;
	/** Counts ingest outcomes. */
	metrics?: Metrics;
	/** The connectors' job, for their status and a run now; without it the school has none switched on. */
	connectors?: ConnectorControl;
}

/** `/api/v1`: every route through the permission table, then a JSON 404 for the rest. */
export function apiRouter(deps: ApiDeps): Router {
	const { store, desk, projections, broadcaster, clock, now, limits, maxBody, floorplans, logger } = deps;
	const api = guardedRouter(projections, now);
	const schema = contractJsonSchema();
	const trustOf = (schoolId: string) => (projections.has(schoolId) ? projections.state(schoolId).access.trustId : null);
	if (deps.metrics) api.router.use('/events', countIngest(deps.metrics));

	api.route('POST /events', ingestLimiter(limits.ingestPerMinute), express.json({ limit: maxBody }), async (req, res) => {
		// express.json leaves no body exactly when there was none or it was not application/json (the check `req.is` would repeat).
		if (req.body === undefined) return sendError(res, 'invalid_body', 'send the events as JSON, with Content-Type: application/json');
		const parsed = parseIngestBody(req.body);
		if (!parsed.ok) {
			return sendError(res, 'invalid_body', `${parsed.issues.length} invalid field(s); nothing was stored`, parsed.issues);
		}
		const refused = outOfScope(parsed.events, accessOf(res).schoolId, Array.isArray(req.body), trustOf);
		if (refused.length > 0) return sendError(res, 'forbidden', `this key may send only its own school's events; nothing was stored`, refused);
		try {
			const submitted = await desk.submit(parsed.events);
			if (!submitted.ok) return sendDispatchProblem(res, submitted.problem, Array.isArray(req.body));
			const { stored, duplicates, positions } = submitted.result;
			noteIngested(res, stored.length, duplicates);
			sendIngested(res, { ok: true, data: { accepted: stored.length, duplicates, positions } });
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
		}
	});

	api.route('POST /oncall', express.json({ limit: '64kb' }), onCallRoute(desk, clock));
	api.route('POST /import', express.json({ limit: maxBody }), importRoute(store, clock, now, projections));

	api.route('GET /snapshot', (req, res) => {
		const school = SchoolId.safeParse(req.query.school);
		if (!school.success) {
			return sendError(
				res,
				'invalid_query',
				'school must be a school id',
				toApiIssues(school.error, false).map((i) => ({ ...i, path: 'school' }))
			);
		}
		const tier = tierOf(accessOf(res).role);
		// A school with no events yet gets an empty view, and is not created by being looked at.
		res.json(projections.has(school.data) ? broadcaster.snapshot(school.data, tier) : broadcaster.emptySnapshot(school.data));
	});

	reportRoutes(api, projections, clock);
	minutesLateRoutes(api, { store, projections, clock });
	correctionsRoutes(api, { store, projections, clock });
	attendanceFirstDayRoutes(api, { store, projections, clock, now });
	attendancePaRoutes(api, { store, projections, clock });
	attendanceRagRoutes(api, { store, projections, clock });
	reflectionRoutes(api, { store, projections, clock });
	suspensionRoutes(api, { store, projections, clock, now });
	reflectionBookingRoutes(api, { store, projections, clock });
	attendanceEvidenceRoutes(api, { store, projections, clock, now });
	plansRoutes(api, { store, projections, clock, now });
	patternsRoutes(api, { projections, clock });
	deviceRoutes(api, { store, projections, broadcaster, now });
	sessionRoutes(api, { store, projections, now, signInLimiter: signInLimiter(limits.signInPerMinute) });
	accessRoutes(api, { store, projections, now });
	studentRoutes(api, { store, projections, now });
	connectorsRoutes(api, { store, connectors: deps.connectors, now });
	api.route('GET /floorplan', floorplanRoute(floorplans, logger));

	api.route('GET /schools', (_req, res) => {
		res.json(schoolsOf(accessOf(res).principal, projections).map(({ id, name }) => ({ id, name })));
	});

	api.route('GET /clock', (_req, res) => {
		const body: ClockInfo = { now: new Date(clock.now()).toISOString(), speed: clock.speed };
		res.json(body);
	});

	api.route('GET /schema', (_req, res) => {
		res.json(schema);
	});

	api.router.use((_req, res) => sendError(res, 'not_found', 'no such API route'));
	return api.router;
}

/** Events a key may not send: another school's, the kinds only the server writes, or a trust the operator did not set. */
function outOfScope(events: readonly InboundEvent[], schoolId: string, batch: boolean, trustOf: (schoolId: string) => string | null): ApiIssue[] {
	const issues: ApiIssue[] = [];
	events.forEach((event, i) => {
		const problem = scopeProblem(event, schoolId, trustOf);
		if (problem) issues.push({ path: batch ? `[${i}].${problem.field}` : problem.field, ...(batch ? { index: i } : {}), message: problem.message });
	});
	return issues;
}

/** Nothing is built for an event in scope: every post goes through here. */
function scopeProblem(event: InboundEvent, schoolId: string, trustOf: (schoolId: string) => string | null): { field: string; message: string } | null {
	if (event.schoolId !== schoolId) return { field: 'schoolId', message: `is not ${schoolId}, the school of this key` };
	if (SERVER_ONLY_TYPES.has(event.type)) return { field: 'type', message: 'is written by Lookout itself, never sent' };
	const trust = event.type === 'reference:updated' ? trustClaimProblem(event.school?.trustId, trustOf(event.schoolId)) : null;
	return trust === null ? null : { field: 'school.trustId', message: trust };
}
