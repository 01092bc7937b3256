import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { EventStore } from '../store/event-store';
import { MemoryStore } from '../store/memory-store';
import { RedisStore } from '../store/redis-store';

/** The journal store has one writer: a tool may not append while a server holds the same file. */
export class StoreBusyError extends Error {
	override readonly name = 'StoreBusyError';
}

/**
 * The event store the server would open with this configuration: Redis when REDIS_URL is set
 * (safe beside running nodes), else the journal in DATA_DIR, which only one process may write,
 * so a server answering on the configured port makes it refuse.
 */
export async function openConfiguredStore(config: Config, logger: Logger): Promise<{ store: EventStore; where: string }> {
	if (config.REDIS_URL) {
		return { store: await RedisStore.open({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger }), where: `Redis (${config.REDIS_PREFIX})` };
	}
	const running = await lookoutAnswering(config);
	if (running) {
		throw new StoreBusyError(
			`Lookout answers at ${running}: with the embedded journal store only one process may write ${config.DATA_DIR}. ` +
				'Stop Lookout, run this again, then start Lookout (with REDIS_URL set, this works while it runs).'
		);
	}
	const journal = join(config.DATA_DIR, 'journal.ndjson');
	return { store: await MemoryStore.open({ journal }), where: journal };
}

async function lookoutAnswering(config: Config): Promise<string | null> {
	if (config.PORT === 0) return null;
	const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
	const url = `http://${host}:${config.PORT}`;
	try {
		const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_500) });
		return res.ok ? url : null;
	} catch {
		return null;
	}
}
