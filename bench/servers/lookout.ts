import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { grantAccess, type SchoolCredentials } from '../lib/access';
import { BENCH_LIMITS } from './bench-limits';
import type { RunningServer } from './running-server';

/**
 * Lookout as production runs it: real-time clock, journal on disk (fsync), 50 ms frames, and
 * the load's keys, sessions and walls in its log before it listens.
 */
export async function startLookout(credentials: readonly SchoolCredentials[]): Promise<RunningServer> {
	const dataDir = await mkdtemp(join(tmpdir(), 'lookout-bench-'));
	const clock = scaledClock();
	const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson'), now: () => clock.now() });
	const app = await createApp({ store, clock, logger: silentLogger, limits: BENCH_LIMITS });
	if (credentials.length > 0) await grantAccess(app.store, credentials);
	const { port } = await app.listen(0, '127.0.0.1');
	return {
		port,
		journalWrites: () => store.journalWrites,
		async close() {
			await app.close();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
