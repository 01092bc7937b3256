import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { closeRedis } from '../store/redis-connection';
import { redisKeys, type RedisKeys } from '../store/redis-keys';
import type { Leases } from './leases';

/** Take the lease when it is free, or extend it when it is ours. KEYS: lease. ARGV: holder, ttl ms. */
const ACQUIRE_OR_RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
	return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** Let go of the lease only if it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const Granted = z.union([z.literal(0), z.literal(1)]);

export interface RedisLeasesOptions {
	/** A connection the leases own: closing them closes it. */
	redis: Redis;
	prefix: string;
	/** How long a lease lasts without renewal: how soon another process takes over from a dead one. */
	ttlMs?: number;
	/** Names this process in Redis; random by default. */
	holder?: string;
}

/**
 * One lease per school in Redis (SET NX PX, renewed by compare-and-extend), so exactly one
 * process runs a school's timed side effects. A school is contended for from the first time
 * `holds` is asked about it. The local view of a lease ends a third of a TTL before Redis's
 * does, so two processes never both believe they hold it, even when a renewal is slow.
 */
export class RedisLeases implements Leases {
	readonly holder: string;
	readonly #redis: Redis;
	readonly #keys: RedisKeys;
	readonly #ttlMs: number;
	/** School to the local time its lease is safe until; 0 while another process holds it. */
	#until = new Map<string, number>();
	#timer: NodeJS.Timeout;
	#closed = false;

	constructor(options: RedisLeasesOptions) {
		this.#redis = options.redis;
		this.#keys = redisKeys(options.prefix);
		this.#ttlMs = options.ttlMs ?? 6_000;
		this.holder = options.holder ?? randomUUID();
		this.#timer = setInterval(() => void this.#renewAll(), this.#ttlMs / 3);
		this.#timer.unref();
	}

	holds(schoolId: string): boolean {
		const until = this.#until.get(schoolId);
		if (until === undefined) {
			this.#until.set(schoolId, 0);
			void this.#renew(schoolId);
			return false;
		}
		return Date.now() < until;
	}

	/** Resolves once every school asked about has been tried once more (for tests and start-up). */
	async settle(): Promise<void> {
		await this.#renewAll();
	}

	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#timer);
		const held = [...this.#until].filter(([, until]) => Date.now() < until).map(([schoolId]) => schoolId);
		this.#until.clear();
		await Promise.all(held.map((schoolId) => this.#redis.eval(RELEASE, 1, this.#keys.lease(schoolId), this.holder).catch(() => 0)));
		await closeRedis(this.#redis);
	}

	async #renewAll(): Promise<void> {
		await Promise.all([...this.#until.keys()].map((schoolId) => this.#renew(schoolId)));
	}

	async #renew(schoolId: string): Promise<void> {
		const asked = Date.now();
		try {
			const granted = Granted.parse(await this.#redis.eval(ACQUIRE_OR_RENEW, 1, this.#keys.lease(schoolId), this.holder, this.#ttlMs));
			if (this.#closed) return;
			this.#until.set(schoolId, granted === 1 ? asked + (this.#ttlMs * 2) / 3 : 0);
		} catch {
			// Unreachable Redis: what we hold lapses on its own time, and the next tick tries again.
		}
	}
}
