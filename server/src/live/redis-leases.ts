import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';
import { z } from 'zod';
import type { Metrics } from '../metrics/metrics';
import { closeRedis } from '../store/redis-connection';
import { redisKeys, type RedisKeys } from '../store/redis-keys';
import { nodeName, type Leases, type OwnershipListener } from './leases';

/**
 * Take the lease when it is free, or extend it when it is ours. KEYS: lease. ARGV: holder, ttl ms.
 * Answers 0 when the lease is ours now, else how many ms the other holder's lease has left.
 */
const ACQUIRE_OR_RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
	return 0
end
if holder then
	local left = redis.call('PTTL', KEYS[1])
	if left < 1 then return tonumber(ARGV[2]) end
	return left
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 0
`;

/** Let go of the lease only if it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * This node is alive until Redis's clock passes now + ARGV[2]; forgets nodes gone for ARGV[3] ms.
 * KEYS: the nodes' sorted set. Answers every live node, then the ms until the first of the
 * others lapses if it does not renew (-1 when there is none).
 */
const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
local live = redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf', 'WITHSCORES')
local nodes = {}
local soonest = -1
for i = 1, #live, 2 do
	nodes[#nodes + 1] = live[i]
	local left = tonumber(live[i + 1]) - now
	if live[i] ~= ARGV[1] and (soonest < 0 or left < soonest) then soonest = left end
end
return { nodes, soonest }
`;

const Acquired = z.number().int().min(0);
const Heartbeat = z.tuple([z.array(z.string()), z.number().int()]);

/** The nodes' sorted set (node to the Redis time it is alive until), beside the leases. */
export const nodesKey = (prefix: string): string => `${prefix}:nodes`;

/**
 * Rendezvous (highest random weight) hashing: the node that ranks first for a school among the
 * given ones. Ranked by the node's name, so a node restarted under the same name gets the same
 * schools back; two live processes of one name tie, and the lower identity wins.
 */
export function rendezvousOwner(schoolId: string, nodes: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestWeight = -1;
	for (const node of nodes) {
		const weight = createHash('sha1').update(nodeName(node)).update('\0').update(schoolId).digest().readUInt32BE(0);
		if (weight > bestWeight || (weight === bestWeight && best !== undefined && node < best)) {
			best = node;
			bestWeight = weight;
		}
	}
	return best;
}

export interface RedisLeasesOptions {
	/** A connection the leases own: closing them closes it. */
	redis: Redis;
	prefix: string;
	/** How long a lease lasts without renewal: how soon another process takes over from a dead one. */
	ttlMs?: number;
	/** This node's name (NODE_NAME): the load balancer routes screens by it. Random by default. */
	name?: string;
	/** This process's whole identity among the nodes, given in tests; `<name>#<instance>` by default. */
	holder?: string;
	/** Where the gauge of schools held is registered. */
	metrics?: Metrics;
}

/**
 * One owner per school across the nodes sharing Redis: it derives the school's frames (for the
 * screens of every node) and runs its timed side effects. Each node says it is alive in
 * a sorted set (renewed every third of a TTL, lapsing after 0.9 TTL), and each school goes to
 * the live node that ranks first for it by rendezvous hashing, so the schools spread evenly and
 * a node's death or arrival moves only the schools that rank it first. Ownership itself is a
 * lease per school (SET NX PX, renewed by compare-and-extend): a node ranked first takes it
 * once it is free, a holder no longer ranked first hands it over, and a dead holder's lease
 * lapses after one TTL, when the next node in rank (retrying exactly then) takes it.
 * The local view of a lease ends a third of a TTL before Redis's does, so two processes never
 * both believe they hold it, even when a renewal is slow.
 */
export class RedisLeases implements Leases {
	readonly holder: string;
	readonly ttlMs: number;
	readonly #redis: Redis;
	readonly #keys: RedisKeys;
	readonly #nodes: string;
	/** School to the local time its lease is safe until; 0 while another process holds it. */
	#until = new Map<string, number>();
	/** The live nodes as the last round read them (this one included). */
	#live: readonly string[] = [];
	#retries = new Map<string, NodeJS.Timeout>();
	#listeners = new Set<OwnershipListener>();
	#timer: NodeJS.Timeout | null = null;
	#ticking: Promise<void> | null = null;
	#closed = false;

	constructor(options: RedisLeasesOptions) {
		this.#redis = options.redis;
		this.#keys = redisKeys(options.prefix);
		this.#nodes = nodesKey(options.prefix);
		this.ttlMs = options.ttlMs ?? 6_000;
		this.holder = options.holder ?? `${options.name ?? randomUUID()}#${randomUUID().slice(0, 8)}`;
		if (options.metrics) {
			const owned = () => this.owned().length;
			new Gauge({
				name: 'lookout_schools_owned',
				help: 'Schools whose lease this node holds: it derives their frames for every node and runs their timed work',
				registers: [options.metrics.registry],
				collect() {
					this.set(owned());
				}
			});
		}
		this.#schedule(0);
	}

	holds(schoolId: string): boolean {
		const until = this.#until.get(schoolId);
		if (until === undefined) {
			this.#until.set(schoolId, 0);
			this.#schedule(0);
			return false;
		}
		return Date.now() < until;
	}

	get node(): string {
		return this.holder;
	}

	ownerOf(schoolId: string): string | undefined {
		return rendezvousOwner(schoolId, this.#live);
	}

	/** The schools this node holds now. */
	owned(): string[] {
		const now = Date.now();
		return [...this.#until].filter(([, until]) => now < until).map(([schoolId]) => schoolId);
	}

	onChange(listener: OwnershipListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Resolves once every school known has been tried once more (for tests and start-up). */
	async settle(): Promise<void> {
		// A round under way may have read the live nodes before what the caller waits on (another node closing): run a fresh one after it.
		await this.#ticking;
		await this.#tick();
	}

	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		for (const retry of this.#retries.values()) clearTimeout(retry);
		const held = this.owned();
		this.#until.clear();
		await Promise.all([
			this.#redis.zrem(this.#nodes, this.holder).catch(() => 0),
			...held.map((schoolId) => this.#redis.eval(RELEASE, 1, this.#keys.lease(schoolId), this.holder).catch(() => 0))
		]);
		await closeRedis(this.#redis);
	}

	#schedule(inMs: number): void {
		if (this.#closed) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#tick(), inMs);
		this.#timer.unref();
	}

	/** One round: say this node is alive, learn the others and the schools, then take, keep or hand over each lease. */
	#tick(): Promise<void> {
		this.#ticking ??= this.#round().finally(() => {
			this.#ticking = null;
		});
		return this.#ticking;
	}

	async #round(): Promise<void> {
		let next = this.ttlMs / 3;
		try {
			const [live, soonest] = Heartbeat.parse(await this.#redis.eval(HEARTBEAT, 1, this.#nodes, this.holder, Math.round(this.ttlMs * 0.9), this.ttlMs * 10));
			// Look again just after another node would lapse, so its schools are taken the moment its leases end.
			if (soonest >= 0) next = Math.min(next, soonest + 5);
			for (const schoolId of await this.#redis.smembers(this.#keys.schools)) if (!this.#until.has(schoolId)) this.#until.set(schoolId, 0);
			const nodes = live.includes(this.holder) ? live : [...live, this.holder];
			this.#live = nodes;
			await Promise.all([...this.#until.keys()].map((schoolId) => this.#settle(schoolId, nodes)));
		} catch {
			// Unreachable Redis: what we hold lapses on its own time, and the next round tries again.
		}
		this.#schedule(next);
	}

	async #settle(schoolId: string, nodes: readonly string[]): Promise<void> {
		if (this.#closed) return;
		const asked = Date.now();
		if (rendezvousOwner(schoolId, nodes) !== this.holder) {
			if (this.#until.get(schoolId) === 0) return;
			// Another live node ranks first: hand the school over, and it takes it on its next round.
			this.#set(schoolId, 0);
			await this.#redis.eval(RELEASE, 1, this.#keys.lease(schoolId), this.holder);
			return;
		}
		const wait = Acquired.parse(await this.#redis.eval(ACQUIRE_OR_RENEW, 1, this.#keys.lease(schoolId), this.holder, this.ttlMs));
		if (this.#closed) return;
		if (wait === 0) return this.#set(schoolId, asked + (this.ttlMs * 2) / 3);
		this.#set(schoolId, 0);
		// Held by a node that is dead or handing over: try again the moment its lease ends.
		if (this.#retries.has(schoolId)) return;
		const retry = setTimeout(() => {
			this.#retries.delete(schoolId);
			// A round already under way may have passed this school: run one more after it.
			void (this.#ticking ?? Promise.resolve()).then(() => this.#tick());
		}, wait + 5);
		retry.unref();
		this.#retries.set(schoolId, retry);
	}

	#set(schoolId: string, until: number): void {
		const was = Date.now() < (this.#until.get(schoolId) ?? 0);
		this.#until.set(schoolId, until);
		const is = Date.now() < until;
		if (was !== is) for (const listener of this.#listeners) listener(schoolId, is);
	}
}
