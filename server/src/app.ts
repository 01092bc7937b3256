import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { pageGuard } from './http/page-guard';
import { healthRoutes } from './http/health-routes';
import { metricsRoute } from './http/metrics-route';
import { requestLog } from './http/request-log';
import { Metrics } from './metrics/metrics';
import { clientsByRole } from './realtime/clients-by-role';
import { DEFAULT_LIMITS, type Limits } from './http/limits';
import { fileURLToPath } from 'node:url';
import type { Clock } from './clock';
import { apiHeaders } from './http/api-headers';
import { apiRouter } from './http/api-router';
import { errorHandler } from './http/errors';
import { DispatchDesk } from './live/dispatch-desk';
import { Escalator } from './jobs/escalator';
import { soleProcess, type Leases } from './live/leases';
import { LiveSchools } from './live/live-schools';
import { RetentionJob } from './jobs/retention-job';
import { ConnectorJob } from './jobs/connector-job';
import type { ConnectorStateStore } from './connectors/connector-state';
import { connectorStatuses } from './connectors/connector-status';
import { enabledFor, type ConnectorSchool } from './connectors/connector-schools';
import type { RetryPolicy } from './connectors/source-fetch';
import type { ConnectorStatus } from '../protocol/connectors';
import { loadSchoolWalks } from './floorplan/school-plans';
import { Projections } from './live/projections';
import type { Logger } from './logger';
import { Broadcaster } from './realtime/broadcaster';
import type { SocketAdapter } from './realtime/redis-adapter';
import { hintOwners } from './realtime/owner-hints';
import { ownerSnapshots } from './realtime/owner-snapshots';
import { serveSnapshots } from './realtime/snapshot-command';
import { guardSockets } from './realtime/socket-access';
import { createSocketServer, type LookoutServer } from './realtime/socket-server';
import type { EventStore } from './store/event-store';

const DEFAULT_FLOORPLANS = fileURLToPath(new URL('../../floorplans/', import.meta.url));

export interface AppDeps {
	store: EventStore;
	clock: Clock;
	logger: Logger;
	/** The SvelteKit handler from the dashboard build; without it only the API is served. */
	dashboard?: RequestHandler;
	maxBody?: string;
	/** Folder of floorplans with its `schools.json` index. */
	floorplans?: string;
	frameMs?: number;
	heartbeatMs?: number;
	/** Which process runs each school's timed side effects; one process runs them all by default. */
	leases?: Leases;
	/** Carries Socket.IO across nodes sharing Redis; closed with the app. */
	socketAdapter?: SocketAdapter;
	/** Real time for sessions, lock-outs and audit entries; `Date.now` unless a test moves it. */
	now?: () => number;
	limits?: Partial<Limits>;
	/** Express's `trust proxy`, for a deployment behind a TLS-terminating proxy. */
	trustProxy?: string;
	/** What this app counts; the store records into it too when given the same one. A new one by default. */
	metrics?: Metrics;
	/** The bearer token `GET /metrics` asks for; without one it answers 404. */
	metricsToken?: string;
	/** The schools with a connector switched on (Wonde, Arbor), synced on a schedule, and where their cursors and status are kept. */
	connectors?: { state: ConnectorStateStore; schools: readonly ConnectorSchool[]; everyMs?: number; firstRunMs?: number; retry?: RetryPolicy };
}

export interface App {
	http: Server;
	store: EventStore;
	io: LookoutServer;
	projections: Projections;
	broadcaster: Broadcaster;
	/** Who runs each school's timed side effects (the escalator asks it). */
	leases: Leases;
	metrics: Metrics;
	/** Each connector of the school with its run status (last success, records in and refused, next run), for a status page and `GET /api/v1/connectors`. */
	connectorStatuses(schoolId: string): Promise<ConnectorStatus[]>;
	/** Replay figures from the start. */
	rebuilt: { schools: number; events: number };
	listen(port: number, host: string): Promise<AddressInfo>;
	close(): Promise<void>;
}

/** Builds Lookout from its dependencies: one HTTP server for the API, Socket.IO and the dashboard. */
export async function createApp(deps: AppDeps): Promise<App> {
	const { store, clock, logger } = deps;
	const metrics = deps.metrics ?? new Metrics();
	const web = express();
	web.disable('x-powered-by');
	// API answers are never cached (no-store), so an ETag would be a hash for nothing.
	web.set('etag', false);
	if (deps.trustProxy !== undefined) web.set('trust proxy', /^\d+$/.test(deps.trustProxy) ? Number(deps.trustProxy) : deps.trustProxy);
	web.use(requestLog(logger));
	const http = createServer(web);
	const io = createSocketServer(http, deps.socketAdapter?.adapter, (schoolId, bytes) => metrics.frameSent(schoolId, bytes));
	metrics.countClientsWith(() => clientsByRole(io));
	const floorplans = deps.floorplans ?? DEFAULT_FLOORPLANS;
	const projections = new Projections(
		(stored, err) => logger.error(`event ${stored.event.id} of ${stored.event.schoolId} (position ${stored.position}) could not be applied`, err),
		await loadSchoolWalks(floorplans, (message) => logger.warn(message))
	);
	const leases = deps.leases ?? soleProcess;
	// Several nodes: each school's owner derives its frames once and the adapter fans them out.
	const fanOut = deps.socketAdapter && deps.leases ? deps.leases : undefined;
	const broadcaster = new Broadcaster({
		io,
		clock,
		source: projections,
		...(fanOut ? { fanOut } : {}),
		live: () => store.writable(),
		metrics,
		...(deps.frameMs === undefined ? {} : { frameMs: deps.frameMs }),
		...(deps.heartbeatMs === undefined ? {} : { heartbeatMs: deps.heartbeatMs })
	});
	serveSnapshots(
		io,
		fanOut
			? ownerSnapshots({ io, broadcaster, leases: fanOut, known: (schoolId) => projections.has(schoolId) })
			: (schoolId, tier) => (projections.has(schoolId) ? broadcaster.snapshot(schoolId, tier) : broadcaster.emptySnapshot(schoolId))
	);
	if (fanOut) hintOwners(io, fanOut);
	const live = new LiveSchools(store, projections, broadcaster, clock);
	const unowned = leases.onChange?.((schoolId, held) => {
		if (!held) return broadcaster.giveUp(schoolId);
		broadcaster.takeOver(schoolId);
		live.derive(schoolId);
	});
	const rebuilt = await live.start();
	const desk = new DispatchDesk(store, projections);
	const escalator = new Escalator({ store, projections, desk, clock, leases, logger, metrics });
	escalator.start();
	const now = deps.now ?? Date.now;
	const retention = new RetentionJob({ store, projections, leases, logger, now });
	retention.start();
	const connectors = deps.connectors ? new ConnectorJob({ store, leases, logger, now, metrics, ...deps.connectors }) : null;
	connectors?.start();
	const unguard = guardSockets(io, projections, store, now, (address) =>
		(web.get('trust proxy fn') as (address?: string, hop?: number) => boolean)(address, 0)
	);

	web.use(healthRoutes({ store, clock }));
	web.get('/metrics', metricsRoute(metrics, deps.metricsToken));
	const limits = { ...DEFAULT_LIMITS, ...deps.limits };
	web.use(
		'/api/v1',
		apiHeaders,
		apiRouter({
			store,
			desk,
			projections,
			broadcaster,
			clock,
			now,
			logger,
			metrics,
			limits,
			maxBody: deps.maxBody ?? '10mb',
			floorplans,
			...(connectors ? { connectors } : {})
		})
	);
	// Pages get their policy from SvelteKit, which hashes its own inline script.
	web.use(helmet({ contentSecurityPolicy: false }));
	web.use(pageGuard(projections, now));
	if (deps.dashboard) web.use(deps.dashboard);
	web.use(errorHandler(logger));

	return {
		http,
		store,
		io,
		projections,
		broadcaster,
		leases,
		metrics,
		connectorStatuses: async (schoolId) => {
			if (!deps.connectors) return [];
			return connectorStatuses(deps.connectors.state, schoolId, enabledFor(deps.connectors.schools, schoolId));
		},
		rebuilt,
		listen: (port, host) =>
			new Promise((resolve, reject) => {
				http.once('error', reject);
				http.listen(port, host, () => resolve(http.address() as AddressInfo));
			}),
		async close() {
			escalator.stop();
			await retention.stop();
			await connectors?.stop();
			await deps.connectors?.state.close();
			unguard();
			live.stop();
			unowned?.();
			broadcaster.close();
			await io.close();
			await deps.socketAdapter?.close();
			await leases.close();
			await store.close();
		}
	};
}
