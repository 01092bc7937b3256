import type { Response } from 'express';
import type { IngestResult } from '../../protocol';

/**
 * The ingest route's answer, written as `res.json` would write it (the same status, type and
 * length; no ETag, which the app switches off) without `res.send`'s work for other bodies:
 * re-reading and re-formatting the Content-Type to add a charset, and the freshness check.
 * Every acknowledged post pays for its answer, so the answer is kept to what it needs.
 */
export function sendIngested(res: Response, body: IngestResult): void {
	const text = JSON.stringify(body);
	res.statusCode = 200;
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.setHeader('Content-Length', Buffer.byteLength(text));
	res.end(text);
}
