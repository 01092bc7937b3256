import express, { Router } from 'express';
import { ClockInfo, contractJsonSchema, parseIngestBody, SchoolId, toApiIssues, type IngestResult } from '../../protocol';
import type { Clock } from '../clock';
import type { DispatchDesk } from '../live/dispatch-desk';
import type { Projections } from '../live/projections';
import type { Logger } from '../logger';
import type { Broadcaster } from '../realtime/broadcaster';
import type { LookoutServer } from '../realtime/socket-server';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { onCallRoute, sendDispatchProblem, sendStoreUnavailable } from './oncall-route';
import { sendError } from './errors';
import { devicesRouter } from './devices-route';
import { floorplanRoute } from './floorplan-route';
import { importRoute } from './import-route';
import { reportsRouter } from './reports-route';

export interface ApiDeps {
	store: EventStore;
	desk: DispatchDesk;
	projections: Projections;
	broadcaster: Broadcaster;
	io: LookoutServer;
	clock: Clock;
	maxBody: string;
	floorplans: string;
	logger: Logger;
}

/** `/api/v1`: ingest, import, snapshot, reports, the contract as JSON Schema, the clock, the schools. */
export function apiRouter({ store, desk, projections, broadcaster, io, clock, maxBody, floorplans, logger }: ApiDeps): Router {
	const api = Router();
	const schema = contractJsonSchema();

	api.post('/events', express.json({ limit: maxBody }), async (req, res) => {
		if (!req.is('application/json')) return sendError(res, 'invalid_body', 'send the events as JSON, with Content-Type: application/json');
		const parsed = parseIngestBody(req.body);
		if (!parsed.ok) {
			return sendError(res, 'invalid_body', `${parsed.issues.length} invalid field(s); nothing was stored`, parsed.issues);
		}
		try {
			const submitted = await desk.submit(parsed.events);
			if (!submitted.ok) return sendDispatchProblem(res, submitted.problem, Array.isArray(req.body));
			const { stored, duplicates, positions } = submitted.result;
			const body: IngestResult = { ok: true, data: { accepted: stored.length, duplicates, positions } };
			res.status(200).json(body);
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
		}
	});

	api.post('/oncall', express.json({ limit: '64kb' }), onCallRoute(desk, clock));

	api.post('/import', express.json({ limit: maxBody }), importRoute(store, clock));

	api.get('/snapshot', (req, res) => {
		const school = SchoolId.safeParse(req.query.school);
		if (!school.success) {
			return sendError(res, 'invalid_query', 'school must be a school id', toApiIssues(school.error, false).map((i) => ({ ...i, path: 'school' })));
		}
		// A school with no events yet gets an empty view, and is not created by being looked at.
		res.json(projections.has(school.data) ? broadcaster.snapshot(school.data) : broadcaster.emptySnapshot(school.data));
	});

	api.use('/reports', reportsRouter(projections, clock));
	api.use(devicesRouter({ store, projections, clock, io }));
	api.get('/floorplan', floorplanRoute(floorplans, logger));

	api.get('/schools', (_req, res) => {
		res.json(projections.schoolIds().map((id) => ({ id, name: projections.state(id).name })));
	});

	api.get('/clock', (_req, res) => {
		const body: ClockInfo = { now: new Date(clock.now()).toISOString(), speed: clock.speed };
		res.json(body);
	});

	api.get('/schema', (_req, res) => {
		res.json(schema);
	});

	api.use((_req, res) => sendError(res, 'not_found', 'no such API route'));
	return api;
}
