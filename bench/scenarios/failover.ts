import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { Delta, SnapshotAck } from '../../server/protocol';
import { rendezvousOwner } from '../../server/src/live/redis-leases';
import { clearPrefix } from '../../server/src/store/redis-clear';
import type { SchoolCredentials } from '../lib/access';
import { BehaviourSource, benchSchools, referenceEvent } from '../lib/schools';
import { sleep } from '../lib/time';
import { behaviourIds } from '../load/frames';
import { ServerChild } from './children';

/** What killing a school's owner costs the screens of that school on the other nodes. */
export interface FailoverRun {
	/** SIGKILL of the owner to another node holding the school's lease. */
	takeoverMs: number;
	/** The longest any acknowledged event took from its acknowledgement to the last screen. */
	worstDeliveryMs: number;
	/** Events acknowledged from the kill on, and all events acknowledged. */
	ackedDuringMs: number;
	acked: number;
	/** Acknowledged events some screen never received. */
	lost: number;
	leaseMs: number;
}

const SCHOOLS = 10;
const SCREENS_PER_NODE = 2;
/** One event every 250 ms: fewer in the failover window than the 50 recent items a view keeps, so a fresh snapshot holds them all. */
const SEND_EVERY_MS = 250;
const LEASE_MS = 6_000;

/**
 * Three Lookout nodes on Redis, ten schools; screens of the first school on the two nodes that
 * do not own it (the dashboard's own connection), events posted to those nodes every 250 ms
 * with the school's key. Then its owner is killed with SIGKILL, and the run measures when
 * another node takes the school's lease and how late each acknowledged event reaches every
 * screen; sending goes on for 2 s after the takeover.
 */
export async function failoverRun(): Promise<FailoverRun> {
	const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
	const redisPrefix = `lookout-bench-${randomUUID()}`;
	const schools = benchSchools(SCHOOLS, new Date().toISOString().slice(0, 10));
	const school = schools[0];
	if (!school) throw new Error('no school');
	const nodes: ServerChild[] = [];
	const redis = new Redis(url);
	const screens: Socket[] = [];
	let victim: ServerChild | undefined;
	try {
		nodes.push(
			await ServerChild.start('lookout-redis', { node: { redisPrefix, index: 0 }, access: { schoolIds: schools.map((s) => s.schoolId), people: 0, walls: 4 } })
		);
		nodes.push(...(await Promise.all([1, 2].map((index) => ServerChild.start('lookout-redis', { node: { redisPrefix, index } })))));
		const credentials = nodes[0]?.credentials.find((c) => c.schoolId === school.schoolId) as SchoolCredentials;
		const post = async (to: ServerChild, body: unknown): Promise<boolean> => {
			const res = await fetch(`${to.url}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.key}` },
				body: JSON.stringify(body)
			}).catch(() => null);
			return res?.status === 200;
		};
		if (!(await post(nodes[0] as ServerChild, referenceEvent(school)))) throw new Error('reference data refused');
		// Ownership settles once each node has seen the others alive: the lease goes to the school's first in rank.
		const names = nodes.map((n) => n.node as string);
		const holder = () => redis.get(`${redisPrefix}:${school.schoolId}:lease`);
		const settleBy = Date.now() + 30_000;
		while ((await holder()) !== rendezvousOwner(school.schoolId, names)) {
			if (Date.now() > settleBy) throw new Error('the school found no owner');
			await sleep(50);
		}
		const ownerName = (await holder()) as string;
		victim = nodes.find((n) => n.node === ownerName);
		const survivors = nodes.filter((n) => n !== victim);

		const seen: Map<string, number>[] = [];
		for (const [i, node] of survivors.flatMap((n) => Array.from({ length: SCREENS_PER_NODE }, () => n)).entries()) {
			const ids = new Map<string, number>();
			seen.push(ids);
			const note = (list: readonly string[]) => {
				const at = Date.now();
				for (const id of list) if (!ids.has(id)) ids.set(id, at);
			};
			screens.push(screen(node.url, school.schoolId, credentials.deviceTokens[i] as string, note));
		}
		const ready = Date.now() + 20_000;
		while (seen.some((ids) => ids.size === 0) || screens.length === 0) {
			// Each screen holds its first snapshot once the school has an event: send one until they do.
			if (Date.now() > ready) throw new Error('screens did not come live');
			await sleep(100);
			if (seen.every((ids) => ids.size === 0))
				await post(survivors[0] as ServerChild, new BehaviourSource(school, 1).next(`warm-${Date.now()}`, new Date().toISOString()));
		}

		const source = new BehaviourSource(school, 7);
		const acked = new Map<string, number>();
		let sending = true;
		let killedAt = Infinity;
		const sender = (async () => {
			for (let i = 0; sending; i++) {
				const id = `failover-${i}`;
				const to = survivors[i % survivors.length] as ServerChild;
				// Resent until acknowledged, as an integration does (a resend is a duplicate, stored once).
				while (!(await post(to, source.next(id, new Date().toISOString())))) await sleep(50);
				acked.set(id, Date.now());
				await sleep(SEND_EVERY_MS);
			}
		})();
		await sleep(1_500);
		victim?.kill();
		killedAt = Date.now();
		let takeoverMs = NaN;
		while (Date.now() - killedAt < LEASE_MS * 3) {
			const now = await holder();
			if (now !== null && now !== ownerName) {
				takeoverMs = Date.now() - killedAt;
				break;
			}
			await sleep(10);
		}
		await sleep(2_000);
		sending = false;
		await sender;
		const deliveredBy = Date.now() + 15_000;
		const missing = () => [...acked.keys()].reduce((n, id) => n + seen.filter((ids) => !ids.has(id)).length, 0);
		while (missing() > 0 && Date.now() < deliveredBy) await sleep(50);
		let worstDeliveryMs = 0;
		for (const [id, ackedAt] of acked) for (const ids of seen) worstDeliveryMs = Math.max(worstDeliveryMs, (ids.get(id) ?? ackedAt) - ackedAt);
		return {
			takeoverMs,
			worstDeliveryMs,
			ackedDuringMs: [...acked.values()].filter((at) => at >= killedAt).length,
			acked: acked.size,
			lost: missing(),
			leaseMs: LEASE_MS
		};
	} finally {
		for (const socket of screens) socket.disconnect();
		await redis.quit();
		for (const node of nodes) {
			if (node === victim) await node.child.exit(5_000);
			else await node.close();
		}
		await clearPrefix(url, redisPrefix);
	}
}

/**
 * A screen as the dashboard's connection behaves, reduced to what the figure needs: a snapshot
 * on connecting and whenever a frame comes from another epoch (a new owner), and the behaviour
 * ids of every frame and snapshot, noted when first seen.
 */
function screen(url: string, schoolId: string, deviceToken: string, note: (ids: readonly string[]) => void): Socket {
	const socket = io(url, { transports: ['websocket'], auth: { schoolId, deviceToken } });
	let epoch: string | null = null;
	let asking = false;
	const resync = async () => {
		if (asking) return;
		asking = true;
		for (;;) {
			const answer = SnapshotAck.safeParse(
				await socket
					.timeout(10_000)
					.emitWithAck('school:snapshot', { schoolId })
					.catch(() => null)
			);
			if (answer.success && answer.data.ok) {
				epoch = answer.data.data.epoch;
				note(answer.data.data.view.behaviour.map((b) => b.id));
				break;
			}
			// No owner yet (a takeover under way): ask again shortly (the dashboard waits 2 s).
			await sleep(500);
			if (!socket.connected) break;
		}
		asking = false;
	};
	socket.on('connect', () => void resync());
	socket.on('school:changed', (raw: unknown) => {
		const frame = Delta.safeParse(raw);
		if (!frame.success) return;
		note(behaviourIds(raw));
		if (frame.data.epoch !== epoch) void resync();
	});
	return socket;
}
