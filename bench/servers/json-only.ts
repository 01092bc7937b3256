import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { IngestResult } from '../../server/protocol';
import type { RunningServer } from './running-server';

/**
 * The ingest baseline: the same route answering the same bodies after express.json alone,
 * with no validation, no store and no projections.
 */
export async function startJsonOnly(): Promise<RunningServer> {
	const web = express();
	web.disable('x-powered-by');
	web.post('/api/v1/events', express.json({ limit: '10mb' }), (req, res) => {
		const body: unknown = req.body;
		const accepted = Array.isArray(body) ? body.length : 1;
		const answer: IngestResult = { ok: true, data: { accepted, duplicates: 0, positions: {} } };
		res.status(200).json(answer);
	});
	const http = createServer(web);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return {
		port: (http.address() as AddressInfo).port,
		close: () =>
			new Promise((resolve) => {
				http.close(() => resolve());
				http.closeAllConnections();
			})
	};
}
