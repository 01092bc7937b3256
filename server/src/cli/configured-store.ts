import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { EventStore } from '../store/event-store';
import { JournalLockedError } from '../store/journal-lock';
import { MemoryStore } from '../store/memory-store';
import { RedisStore } from '../store/redis-store';

/** The journal store has one writer: a tool may not append while a server holds the same file. */
export class StoreBusyError extends Error {
	override readonly name = 'StoreBusyError';
}

/**
 * The event store the server would open with this configuration: Redis when REDIS_URL is set
 * (safe beside running nodes), else the journal in DATA_DIR, whose lock only one process holds:
 * while Lookout runs on that DATA_DIR (whatever its port), this refuses.
 */
export async function openConfiguredStore(config: Config, logger: Logger, writer = 'npm run admin'): Promise<{ store: EventStore; where: string }> {
	if (config.REDIS_URL) {
		return { store: await RedisStore.open({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger }), where: `Redis (${config.REDIS_PREFIX})` };
	}
	const journal = join(config.DATA_DIR, 'journal.ndjson');
	try {
		return { store: await MemoryStore.open({ journal, logger, writer }), where: journal };
	} catch (err) {
		if (err instanceof JournalLockedError && err.holder) {
			throw new StoreBusyError(err.message);
		}
		throw err;
	}
}
