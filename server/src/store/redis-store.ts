import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { InboundEvent, StoredEvent } from '../../protocol';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { StoreUnavailableError, type AppendListener, type AppendResult, type EventStore, type StoreReadiness } from './event-store';
import { purgeCutoffMs, purged } from './purge-filter';
import { closeRedis, connectRedis } from './redis-connection';
import { parseEntries } from './redis-entries';
import { STORED_VERSION } from './stored-version';
import { entryId, redisKeys, type RedisKeys } from './redis-keys';
import { RedisLogFollower } from './redis-log-follower';

const APPEND_SCRIPT = readFileSync(new URL('./redis-append.lua', import.meta.url), 'utf8');
const PURGE_SCRIPT = readFileSync(new URL('./redis-purge.lua', import.meta.url), 'utf8');
const AppendReply = z.array(z.number().int().min(0)).min(1);
const PurgeReply = z.number().int().min(0);
const PositionReply = z.string().regex(/^\d+$/).nullable();
const PAGE = 1_000;
/** A write that Redis has not answered in this long is reported as failed (it may still land: the sender's resend is then a duplicate). */
const WRITE_TIMEOUT_MS = 5_000;

type ScriptCommand = (...keysThenArgs: string[]) => Promise<unknown>;

export interface RedisStoreOptions {
	url: string;
	/** Every key starts with it: several trusts (or test runs) can share one Redis. */
	prefix: string;
	logger: Logger;
	now?: () => number;
	/** Where the follower's lag is recorded. */
	metrics?: Metrics;
}

/**
 * The event log in Redis, for several processes: one stream per school whose entry ids are
 * the positions, a hash of event ids per school so a resend is a duplicate on any node, and
 * one Lua script per school batch so the id check, the position and the entry are one step.
 * A purge deletes entries (XDEL) and leaves the position counter alone, so the log has gaps
 * and numbering carries on.
 * Every process follows every log (see `RedisLogFollower`), so subscribers hear appends made
 * anywhere.
 */
export class RedisStore implements EventStore {
	/** Set by `drain` or `close`: appends and purges are refused from then on. */
	#closing = false;
	/** Appends taken and not yet answered, which a drain waits for. */
	#inFlight = new Set<Promise<unknown>>();

	private constructor(
		private readonly redis: Redis,
		private readonly keys: RedisKeys,
		private readonly follower: RedisLogFollower,
		private readonly now: () => number
	) {}

	/** Connects, learns where each school's log ends, and starts following from there. */
	static async open(options: RedisStoreOptions): Promise<RedisStore> {
		const keys = redisKeys(options.prefix);
		const redis = connectRedis({
			url: options.url,
			logger: options.logger,
			name: 'store',
			maxRetriesPerRequest: 1,
			commandTimeout: WRITE_TIMEOUT_MS,
			autoPipelining: true
		});
		redis.defineCommand('lookoutAppend', { numberOfKeys: 5, lua: APPEND_SCRIPT });
		redis.defineCommand('lookoutPurge', { numberOfKeys: 2, lua: PURGE_SCRIPT });
		const reader = connectRedis({ url: options.url, logger: options.logger, name: 'log reader', maxRetriesPerRequest: null });
		const follower = new RedisLogFollower({
			reader,
			keys,
			readRange: (schoolId, after, upTo) => readRange(redis, keys, schoolId, after, upTo),
			onError: (err) => options.logger.warn(`Lookout: following the logs in Redis failed (${errorText(err)}); retrying`),
			...(options.metrics ? { lag: options.metrics.redisFollowerLag } : {}),
			...(options.now ? { now: options.now } : {})
		});
		const store = new RedisStore(redis, keys, follower, options.now ?? Date.now);
		try {
			// Schools that join after the cursor are read from it; those before it are in the set.
			const last = await redis.xrevrange(keys.schoolsJoined, '+', '-', 'COUNT', 1);
			const positions = new Map<string, number>();
			for (const schoolId of await store.schools()) positions.set(schoolId, await store.#position(schoolId));
			follower.start(positions, last[0]?.[0] ?? '0-0');
		} catch (err) {
			redis.disconnect();
			reader.disconnect();
			throw new StoreUnavailableError(err);
		}
		return store;
	}

	writable(): boolean {
		return !this.#closing && this.redis.status === 'ready';
	}

	/** A PING and a read of the schools' set on the store's own connection; nothing is written to any school's log. */
	async ready(): Promise<StoreReadiness> {
		if (this.#closing) return { reads: this.redis.status === 'ready', writes: 'closing' };
		// Not connected: a command would wait for a reconnection, and the probe must answer now.
		if (this.redis.status !== 'ready') return { reads: false, writes: 'unreachable' };
		const [pong, read] = await Promise.allSettled([this.redis.ping(), this.redis.scard(this.keys.schools)]);
		return { reads: read.status === 'fulfilled', writes: pong.status === 'fulfilled' && pong.value === 'PONG' ? null : 'unreachable' };
	}

	async drain(): Promise<void> {
		this.#closing = true;
		await Promise.allSettled([...this.#inFlight]);
	}

	append(events: readonly InboundEvent[]): Promise<AppendResult> {
		if (this.#closing) return Promise.reject(new StoreUnavailableError(new Error('the store is closing')));
		const appending = this.#append(events);
		this.#inFlight.add(appending);
		const done = () => this.#inFlight.delete(appending);
		void appending.then(done, done);
		return appending;
	}

	async #append(events: readonly InboundEvent[]): Promise<AppendResult> {
		// Fail at once rather than queue writes for a Redis that may be gone for minutes.
		if (!this.writable()) throw new StoreUnavailableError(new Error(`Redis connection is ${this.redis.status}`));
		const receivedAt = new Date(this.now()).toISOString();
		const bySchool = new Map<string, number[]>();
		events.forEach((event, index) => {
			const indexes = bySchool.get(event.schoolId);
			if (indexes) indexes.push(index);
			else bySchool.set(event.schoolId, [index]);
		});
		const placed: (StoredEvent | null)[] = events.map(() => null);
		const positions: Record<string, number> = {};
		try {
			await Promise.all(
				[...bySchool].map(async ([schoolId, indexes]) => {
					const batch = indexes.map((i) => events[i] as InboundEvent);
					const reply = await this.#appendScript(schoolId, receivedAt, batch);
					indexes.forEach((eventIndex, i) => {
						const position = reply[i] ?? 0;
						if (position > 0) placed[eventIndex] = { position, receivedAt, event: batch[i] as InboundEvent };
					});
					positions[schoolId] = reply[reply.length - 1] ?? 0;
				})
			);
		} catch (err) {
			throw new StoreUnavailableError(err);
		}
		const stored = placed.filter((s): s is StoredEvent => s !== null);
		for (const schoolId of bySchool.keys()) {
			await this.follower.appended(
				schoolId,
				stored.filter((s) => s.event.schoolId === schoolId)
			);
		}
		return { stored, duplicates: events.length - stored.length, positions };
	}

	async *read(schoolId: string, after = 0): AsyncIterable<StoredEvent> {
		for await (const page of this.#pages(schoolId, after)) yield* page;
	}

	/** Reads the whole log a page at a time, deleting each page's purged entries as it goes. */
	async purge(schoolId: string, before: string, keep: (event: InboundEvent) => boolean): Promise<number> {
		const beforeMs = purgeCutoffMs(before);
		if (!this.writable()) throw new StoreUnavailableError(new Error(`Redis connection is ${this.redis.status}`));
		let removed = 0;
		for await (const page of this.#pages(schoolId, 0)) {
			const doomed = page.filter((s) => purged(s.event, beforeMs, keep));
			if (doomed.length > 0) removed += await this.#purgeScript(schoolId, doomed);
		}
		return removed;
	}

	async schools(): Promise<string[]> {
		return this.redis.smembers(this.keys.schools);
	}

	subscribe(listener: AppendListener): () => void {
		return this.follower.subscribe(listener);
	}

	async close(): Promise<void> {
		this.#closing = true;
		await this.follower.stop();
		await closeRedis(this.redis);
	}

	async #appendScript(schoolId: string, receivedAt: string, batch: readonly InboundEvent[]): Promise<number[]> {
		const k = this.keys;
		const args = [schoolId, receivedAt, String(STORED_VERSION)];
		for (const event of batch) args.push(event.id, JSON.stringify(event));
		const run = (this.redis as unknown as { lookoutAppend: ScriptCommand }).lookoutAppend;
		const reply = await run.call(this.redis, k.ids(schoolId), k.log(schoolId), k.position(schoolId), k.schools, k.schoolsJoined, ...args);
		return AppendReply.parse(reply);
	}

	async *#pages(schoolId: string, after: number): AsyncIterable<StoredEvent[]> {
		let from = after;
		for (;;) {
			const page = parseEntries(this.keys.log(schoolId), await this.redis.xrange(this.keys.log(schoolId), entryId(from + 1), '+', 'COUNT', PAGE));
			if (page.length > 0) yield page;
			const last = page[page.length - 1];
			if (!last || page.length < PAGE) return;
			from = last.position;
		}
	}

	async #purgeScript(schoolId: string, entries: readonly StoredEvent[]): Promise<number> {
		const args: string[] = [];
		for (const s of entries) args.push(String(s.position), s.event.id);
		const run = (this.redis as unknown as { lookoutPurge: ScriptCommand }).lookoutPurge;
		return PurgeReply.parse(await run.call(this.redis, this.keys.ids(schoolId), this.keys.log(schoolId), ...args));
	}

	async #position(schoolId: string): Promise<number> {
		return Number(PositionReply.parse(await this.redis.get(this.keys.position(schoolId))) ?? 0);
	}
}

async function readRange(redis: Redis, keys: RedisKeys, schoolId: string, after: number, upTo: number): Promise<StoredEvent[]> {
	return parseEntries(keys.log(schoolId), await redis.xrange(keys.log(schoolId), entryId(after + 1), entryId(upTo)));
}

function errorText(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
