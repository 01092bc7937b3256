import type { Server } from 'node:http';
import type { App } from './app';
import type { Logger } from './logger';

/** How often idle keep-alive connections are closed while requests in flight finish. */
const IDLE_SWEEP_MS = 50;

/**
 * Takes Lookout out of service without losing an acknowledged event: refuses new appends (so
 * `/readyz` answers 503 at once, and a write arriving now is answered 503 with Retry-After),
 * stops taking connections, closes live connections' transports (a normal drop: clients
 * reconnect, through the load balancer to another node), waits until every append already
 * taken is durable and the requests in flight are answered (at most `requestGraceMs`), then
 * stops the jobs and closes the log, releasing the journal's lock.
 */
export async function shutDown(app: App, logger: Logger, requestGraceMs: number): Promise<void> {
	const appendsDone = app.store.drain();
	logger.info('Lookout: shutting down: /readyz answers 503 and new events are refused');
	const connectionsClosed = new Promise<void>((resolve) => app.http.close(() => resolve()));
	logger.info('Lookout: shutting down: no new connections are taken');
	// A keep-alive connection could still ask to become a live connection: with no listener, Node answers it as a plain request.
	app.http.removeAllListeners('upgrade');
	const live = app.io.engine.clientsCount;
	app.io.engine.close();
	logger.info(`Lookout: shutting down: closed ${live} live connection(s); their clients reconnect`);
	await appendsDone;
	logger.info('Lookout: shutting down: every event taken is stored');
	const answered = await requestsAnswered(app.http, connectionsClosed, requestGraceMs);
	logger.info(
		answered
			? 'Lookout: shutting down: every request in flight was answered'
			: `Lookout: shutting down: requests still open after ${requestGraceMs} ms were cut off`
	);
	await app.close();
	logger.info('Lookout: shutting down: jobs stopped and the event log closed');
}

/** Whether every connection ended within the grace; those left are then cut. */
async function requestsAnswered(http: Server, closed: Promise<void>, graceMs: number): Promise<boolean> {
	// Node closes the idle ones when the server closes; a connection goes idle again after each answer.
	const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
	try {
		const done = await Promise.race([closed.then(() => true as const), late]);
		if (!done) http.closeAllConnections();
		return done;
	} finally {
		clearInterval(sweep);
		clearTimeout(timer);
	}
}

/**
 * On SIGTERM or SIGINT, shuts down as above and exits 0; past `boundMs` it exits 1 whatever is
 * left, and a second signal exits 1 at once. `also` runs first (the demo stops its simulator).
 */
export function shutDownOnSignals(app: App, logger: Logger, options: { boundMs: number; also?: () => void }): void {
	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) {
			logger.warn(`Lookout: ${signal} again: exiting now`);
			process.exit(1);
		}
		stopping = true;
		logger.info(`Lookout: ${signal}: shutting down within ${options.boundMs} ms`);
		setTimeout(() => {
			logger.error(`Lookout: shutting down took longer than ${options.boundMs} ms: exiting now`);
			process.exit(1);
		}, options.boundMs).unref();
		options.also?.();
		shutDown(app, logger, Math.floor(options.boundMs / 2)).then(
			() => process.exit(0),
			(err: unknown) => {
				logger.error('Lookout: shutting down failed', err);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
