import type { RequestHandler } from 'express';
import { sameSecret, sha256 } from '../auth/secrets';
import type { Metrics } from '../metrics/metrics';

/**
 * `GET /metrics` for an operator's scraper, with `Authorization: Bearer <METRICS_TOKEN>`. Without
 * a token configured it answers 404, as if there were no such page. The token is compared by
 * hash, so neither its content nor its length shows in the time a refusal takes.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): RequestHandler {
	const expected = token === undefined ? null : sha256(token);
	return (req, res, next) => {
		res.setHeader('Cache-Control', 'no-store');
		if (expected === null) return void res.status(404).type('text/plain').send('Not Found');
		const [scheme, given] = (req.get('authorization') ?? '').split(' ', 2);
		if (scheme?.toLowerCase() !== 'bearer' || given === undefined || !sameSecret(sha256(given), expected)) {
			res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
			return void res.status(401).type('text/plain').send('a bearer token is needed: METRICS_TOKEN');
		}
		metrics.scrape().then((text) => void res.type(metrics.contentType).send(text), next);
	};
}
