import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol';
import { REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { startCluster, type Cluster } from '../support/cluster';
import { behaviour, reference, SCHOOL } from '../support/events';
import { FoldingClient } from '../support/folding-client';
import { getSnapshot } from '../support/http';
import { killed } from '../support/process';
import { until } from '../support/redis-server';

const OTHER = 'other-school';
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const sorted = (list: string[]) => [...list].sort();

/** Three processes on the machine's Redis; the tests follow on from each other, as a day would. */
describe('several processes on Redis', () => {
	let cluster: Cluster;
	let clients: FoldingClient[] = [];
	let other: FoldingClient;
	/** Wall screens of the school and of the other school: what the clients connect as. */
	let wall: string;
	let otherWall: string;
	/** Where each school's log stands once set up (reference, key, screen): positions count from here. */
	let base: number;
	let otherBase: number;
	const sent: string[] = [];
	const sentOther: string[] = [];

	beforeAll(async () => {
		await requireRedis();
		cluster = await startCluster(REDIS_TEST_URL, 3);
		const [first] = cluster.urls();
		expect((await cluster.ingest(first as string, [reference(), reference(OTHER)])).status).toBe(200);
		wall = await cluster.pairWall(SCHOOL);
		otherWall = await cluster.pairWall(OTHER);
		// Every node knows the screens, so has applied everything before them.
		base = (await getSnapshot(first as string, SCHOOL, { deviceToken: wall })).position;
		otherBase = (await getSnapshot(first as string, OTHER, { deviceToken: otherWall })).position;
		// Two clients of the school on every node, one client of another school.
		clients = cluster
			.urls()
			.flatMap((_, node) => [new FoldingClient(SCHOOL, cluster.urls(), wall, node), new FoldingClient(SCHOOL, cluster.urls(), wall, node)]);
		other = new FoldingClient(OTHER, cluster.urls(), otherWall, 2);
		await until(() => [...clients, other].every((c) => c.status === 'live' && c.snapshots > 0), 10_000, 'every client live');
	}, 60_000);

	afterAll(async () => {
		for (const c of [...clients, other]) c?.close();
		await cluster?.close();
	});

	it('an ingest on any node reaches every client of the school on every node once, and no other school', async () => {
		for (const [node, url] of cluster.urls().entries()) {
			const batch = ids(`n${node}`, 5);
			expect(
				(
					await cluster.ingest(
						url,
						batch.map((id) => behaviour(id))
					)
				).status
			).toBe(200);
			sent.push(...batch);
		}
		// A resend of the first batch to another node is a duplicate: stored once, shown once.
		const resend = await cluster.ingest(
			cluster.urls()[2] as string,
			ids('n0', 5).map((id) => behaviour(id))
		);
		expect(resend.status).toBe(200);
		const otherBatch = ids('other', 3);
		await cluster.ingest(
			cluster.urls()[1] as string,
			otherBatch.map((id) => behaviour(id, { schoolId: OTHER }))
		);
		sentOther.push(...otherBatch);

		const took = await until(
			() => clients.every((c) => c.position === base + sent.length) && other.position === otherBase + sentOther.length,
			10_000,
			'every client caught up'
		);
		for (const c of clients) {
			expect(c.ids()).toEqual(sorted(sent));
			expect(c.duplicates).toBe(0);
		}
		expect(other.ids()).toEqual(sorted(sentOther));
		console.info(`[redis-cluster] fan-out: ${clients.length} clients on 3 nodes held all ${sent.length} events ${took} ms after the last ingest`);
	});

	it('a node killed with SIGKILL: its clients move to another node and end with no gap and no duplicate', async () => {
		const victim = cluster.nodes[0];
		if (!victim) throw new Error('no node');
		const moved = clients.filter((c) => c.url === victim.url);
		const snapshotsBefore = moved.map((c) => c.snapshots);
		await killed(victim.child, 'SIGKILL');
		const killedAt = Date.now();

		// Events keep coming in on the surviving nodes while the clients move.
		const during = ids('during-kill', 10);
		for (const [i, id] of during.entries()) {
			expect((await cluster.ingest(cluster.urls()[1 + (i % 2)] as string, behaviour(id))).status).toBe(200);
		}
		sent.push(...during);
		await until(() => moved.every((c) => c.url !== victim.url && c.status === 'live'), 10_000, 'clients moved');
		const after = ids('after-kill', 5);
		await cluster.ingest(
			cluster.urls()[2] as string,
			after.map((id) => behaviour(id))
		);
		sent.push(...after);

		await until(() => clients.every((c) => c.position === base + sent.length), 10_000, 'every client caught up');
		const converged = Date.now() - killedAt;
		for (const c of clients) {
			expect(c.ids()).toEqual(sorted(sent));
			expect(c.duplicates).toBe(0);
		}
		// The new node has another epoch, so each moved client took a fresh snapshot there.
		moved.forEach((c, i) => expect(c.snapshots).toBeGreaterThan(snapshotsBefore[i] ?? 0));
		console.info(`[redis-cluster] SIGKILL: ${moved.length} clients moved and every client converged ${converged} ms after the kill; lost 0, duplicates 0`);
	});

	it('every node restarted: state is rebuilt from Redis and the snapshot equals the one before', async () => {
		const live = cluster.nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
		const before: Snapshot = await getSnapshot(live[0]?.url as string, SCHOOL, { deviceToken: wall });
		for (const c of [...clients, other]) c.close();
		await Promise.all(live.map((n) => killed(n.child, 'SIGTERM')));
		cluster.nodes.length = 0;
		const restarted = await Promise.all([cluster.add(), cluster.add()]);
		for (const node of restarted) {
			expect(node.output()).toContain(`rebuilt ${2 + cluster.accessEvents + sent.length + sentOther.length} events of 2 school(s)`);
			const after = await getSnapshot(node.url, SCHOOL, { deviceToken: wall });
			expect(after.position).toBe(before.position);
			expect(after.view).toEqual(before.view);
			expect(after.epoch).not.toBe(before.epoch);
		}
		// And the restarted nodes carry on: a client of each sees a new event.
		const fresh = restarted.map((_, node) => new FoldingClient(SCHOOL, cluster.urls(), wall, node));
		clients = fresh;
		await until(() => fresh.every((c) => c.status === 'live' && c.snapshots > 0), 10_000, 'clients live');
		await cluster.ingest(restarted[0]?.url as string, behaviour('after-restart'));
		sent.push('after-restart');
		await until(() => fresh.every((c) => c.position === base + sent.length), 10_000, 'clients caught up');
		// Fewer than the 50 recent behaviour items a view keeps, so every id is still shown.
		for (const c of fresh) expect(c.ids()).toEqual(sorted(sent));
	});
});
