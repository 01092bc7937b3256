import type { RequestHandler } from 'express';

/**
 * What every API answer carries: OWASP's set for REST services. An answer is JSON, never a
 * document, so a page's headers (helmet's, for the dashboard) would be work for nothing on
 * every ingest call; but no answer may be cached, framed or sniffed, since many name children.
 */
const API_HEADERS = new Map([
	['Cache-Control', 'no-store'],
	['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
	['Cross-Origin-Resource-Policy', 'same-origin'],
	['Referrer-Policy', 'no-referrer'],
	['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
	['X-Content-Type-Options', 'nosniff'],
	['X-Frame-Options', 'DENY']
]);

export const apiHeaders: RequestHandler = (_req, res, next) => {
	res.setHeaders(API_HEADERS);
	next();
};
