import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

/** An incoming id is kept only if it looks like one: anything else could be text put in the log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const MAX_PATH = 200;

/**
 * Gives each request an id (a sane incoming `X-Request-Id`, else a new one), echoes it in the
 * answer, and logs one line once it is answered: method, path, status and milliseconds. The path
 * is cut at `?`, since a query string may carry a token; no header, cookie or body is logged.
 */
export function requestLog(logger: Logger): RequestHandler {
	return (req, res, next) => {
		const incoming = req.get('x-request-id');
		const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
		res.setHeader('X-Request-Id', requestId);
		const log = logger.child({ requestId });
		res.locals.log = log;
		const started = performance.now();
		res.once('close', () => {
			const line = {
				method: req.method,
				path: pathOf(req.originalUrl),
				status: res.statusCode,
				ms: Math.round((performance.now() - started) * 10) / 10,
				...(res.writableFinished ? {} : { aborted: true })
			};
			if (res.statusCode >= 500) log.error('request', line);
			else log.info('request', line);
		});
		next();
	};
}

/** The request's own log, with its id on every line; `fallback` outside a request. */
export const requestLogOf = (res: Response, fallback: Logger): Logger => (res.locals.log as Logger | undefined) ?? fallback;

function pathOf(url: string): string {
	const query = url.indexOf('?');
	const path = query === -1 ? url : url.slice(0, query);
	return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}
