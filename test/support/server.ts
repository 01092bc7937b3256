import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import { createApp, type App, type AppDeps } from '../../server/src/app';
import { ManualClock, scaledClock, type Clock } from '../../server/src/clock';
import type { Limits } from '../../server/src/http/limits';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { FIXTURE_MORNING } from './events';

export interface TestServer {
	url: string;
	app: App;
	store: MemoryStore;
	dataDir: string;
	close(): Promise<void>;
}

export const tempDir = () => mkdtemp(join(tmpdir(), 'lookout-test-'));

/** A real Lookout on port 0 with a journal in a temporary (or given) data directory, its clock on the fixtures' morning. */
export async function startTestServer(
	options: {
		dataDir?: string;
		clock?: Clock;
		dashboard?: RequestHandler;
		port?: number;
		heartbeatMs?: number;
		now?: () => number;
		limits?: Partial<Limits>;
		connectors?: AppDeps['connectors'];
	} = {}
): Promise<TestServer> {
	const dataDir = options.dataDir ?? (await tempDir());
	const clock = options.clock ?? scaledClock({ start: Date.parse(FIXTURE_MORNING) });
	const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson'), now: () => clock.now() });
	const app = await createApp({
		store,
		clock,
		logger: silentLogger,
		maxBody: '2mb',
		// Suites sign in many times from one address; the limit itself has its own test.
		limits: { signInPerMinute: 100_000, ...options.limits },
		...(options.now ? { now: options.now } : {}),
		...(options.dashboard ? { dashboard: options.dashboard } : {}),
		...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
		...(options.connectors ? { connectors: options.connectors } : {})
	});
	const address = await app.listen(options.port ?? 0, '127.0.0.1');
	return { url: `http://127.0.0.1:${address.port}`, app, store, dataDir, close: () => app.close() };
}

export { ManualClock };
