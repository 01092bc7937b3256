import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApp, type App } from './app';
import { scaledClock } from './clock';
import { ConfigError, type Config } from './config';
import { loadDashboard } from './dashboard-handler';
import type { Logger } from './logger';
import { Metrics } from './metrics/metrics';
import { redisNode } from './redis-node';
import { shutDownOnSignals } from './shutdown';
import { MemoryStore } from './store/memory-store';
import { openConnectorState } from './connectors/open-connector-state';
import { connectorSchools as configuredConnectors, ConnectorSettingsError } from './connectors/connector-schools';

const DEFAULT_SHUTDOWN_MS = 10_000;

/** Starts Lookout as configured and prints where the dashboard is. */
export async function startServer(config: Config, logger: Logger): Promise<{ app: App; url: string }> {
	const clock = scaledClock({
		speed: config.CLOCK_SPEED,
		...(config.CLOCK_START ? { start: Date.parse(config.CLOCK_START) } : {})
	});
	const started = Date.now();
	const connectors = connectorSchools();
	const metrics = new Metrics({ processMetrics: true });
	const storage = config.REDIS_URL
		? await redisNode({
				url: config.REDIS_URL,
				prefix: config.REDIS_PREFIX,
				logger,
				now: clock.now,
				metrics,
				leaseMs: config.LEASE_SECONDS * 1000,
				...(config.NODE_NAME ? { node: config.NODE_NAME } : {})
			})
		: { store: await MemoryStore.open({ journal: join(config.DATA_DIR, 'journal.ndjson'), now: clock.now, logger, writer: 'Lookout', metrics }) };
	const dashboard = await loadDashboard();
	const app = await createApp({
		...storage,
		clock,
		logger,
		maxBody: config.MAX_BODY,
		limits: { signInPerMinute: config.SIGN_IN_LIMIT, ingestPerMinute: config.INGEST_LIMIT },
		floorplans: config.FLOORPLANS,
		metrics,
		...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
		...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY } : {}),
		...(dashboard ? { dashboard } : {}),
		...(connectors.length > 0 ? { connectors: { state: openConnectorState(config), schools: connectors, everyMs: config.CONNECTOR_MINUTES * 60_000 } } : {})
	});
	limitSlowRequests(app.http, config);
	const address = await app.listen(config.PORT, config.HOST);
	const host = address.address.includes(':') ? `[${address.address}]` : address.address;
	const url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}`;
	logger.info(
		`Lookout: rebuilt ${app.rebuilt.events} events of ${app.rebuilt.schools} school(s) in ${Date.now() - started} ms from ${config.REDIS_URL ? `Redis (${config.REDIS_PREFIX})` : config.DATA_DIR}`
	);
	if ('leases' in storage) logger.info(`Lookout: node ${storage.leases.holder} on Redis; school leases last ${config.LEASE_SECONDS} s`);
	if (connectors.length > 0)
		logger.info(
			`Lookout: connectors sync every ${config.CONNECTOR_MINUTES} minute(s): ${connectors.map((s) => `${s.schoolId} (${'wondeId' in s ? 'Wonde' : 'Arbor'})`).join(', ')}`
		);
	if (!dashboard) logger.warn('Lookout: the dashboard is not built (npm run build); serving the API only');
	logger.info(`Lookout: dashboard at ${url}/  (API at ${url}/api/v1, clock x${config.CLOCK_SPEED})`);
	return { app, url };
}

/**
 * A request not wholly received in time is answered 408 and closed. Node checks its open
 * connections every 30 s by default, which would let a trickled body run well past the
 * timeout; checking at a quarter of the shorter timeout keeps the cut-off close to it.
 */
function limitSlowRequests(http: Server, config: Config): void {
	http.requestTimeout = config.REQUEST_TIMEOUT_SECONDS * 1000;
	http.headersTimeout = config.HEADERS_TIMEOUT_SECONDS * 1000;
	// Node reads it when the server starts listening; its types know it only as a createServer option.
	(http as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
		250,
		Math.min(config.HEADERS_TIMEOUT_SECONDS, config.REQUEST_TIMEOUT_SECONDS) * 250
	);
}

/** Shuts down gracefully on SIGINT/SIGTERM (see `shutDown`), exiting within `boundMs`. */
export function closeOnSignals(app: App, logger: Logger, also: () => void = () => {}, boundMs = DEFAULT_SHUTDOWN_MS): void {
	shutDownOnSignals(app, logger, { boundMs, also });
}

/** The schools with a connector switched on (Wonde, Arbor); a mistake in their variables is a configuration error, named. */
function connectorSchools() {
	try {
		return configuredConnectors();
	} catch (err) {
		if (err instanceof ConnectorSettingsError) throw new ConfigError([err.message]);
		throw err;
	}
}
