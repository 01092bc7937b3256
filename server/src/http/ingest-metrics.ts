import type { RequestHandler, Response } from 'express';
import type { Metrics } from '../metrics/metrics';
import { errorCodeOf } from './errors';

/** What the ingest route stored, for `countIngest` to count once the answer is sent. */
export function noteIngested(res: Response, accepted: number, duplicates: number): void {
	res.locals.ingested = { accepted, duplicates };
}

/**
 * Counts each `POST /events` once answered: the events accepted and duplicated as the route
 * stored them, or every event of a refused request (one, if its body could not be read) under
 * the error code that refused it, wherever it was refused (key, limit, body, dispatch, store).
 */
export function countIngest(metrics: Metrics): RequestHandler {
	return (req, res, next) => {
		if (req.method !== 'POST') return next();
		res.once('finish', () => {
			const stored = res.locals.ingested as { accepted: number; duplicates: number } | undefined;
			if (stored) {
				if (stored.accepted > 0) metrics.ingested('accepted', '', stored.accepted);
				if (stored.duplicates > 0) metrics.ingested('duplicate', '', stored.duplicates);
				return;
			}
			const body: unknown = req.body;
			metrics.ingested('refused', errorCodeOf(res) ?? `http_${res.statusCode}`, Array.isArray(body) ? Math.max(body.length, 1) : 1);
		});
		next();
	};
}
