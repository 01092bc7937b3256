import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster';
import { behaviour, reference, SCHOOL } from '../support/events';
import { FoldingClient } from '../support/folding-client';
import { killed, type ServerProcess } from '../support/process';
import { REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { freePort, until } from '../support/redis-server';

const CONFIG = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));
const LEASE_SECONDS = 2;
const METRICS_TOKEN = 'proxy-test-metrics-token-0123456789abcdef';
const sorted = (list: string[]) => [...list].sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shipped HAProxy config in front of the nodes, as its header says to run it. */
async function startHaproxy(nodes: readonly ServerProcess[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
	const port = await freePort();
	const env: Record<string, string> = { ...process.env, LOOKOUT_BIND: `127.0.0.1:${port}` } as Record<string, string>;
	nodes.forEach((node, i) => (env[`LOOKOUT_NODE${i + 1}`] = new URL(node.url).host));
	const child = spawn('haproxy', ['-db', '-f', CONFIG], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const url = `http://127.0.0.1:${port}`;
	await until(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 10_000, 'HAProxy answering /readyz from a node').catch(
		(err: unknown) => {
			throw new Error(`${String(err)}\n${output}`);
		}
	);
	return { child, url, output: () => output };
}

/** Which node holds the school's lease, by the node id each one logs when it starts. */
function ownerOf(nodes: readonly ServerProcess[], holder: string | null): ServerProcess | undefined {
	return holder === null ? undefined : nodes.find((n) => n.output().includes(`node ${holder} on Redis`));
}

/**
 * Real HAProxy (deploy/haproxy.cfg) in front of three real Lookout processes on Redis: screens
 * and ingest go through the proxy only. The school's owning process is killed; every event the
 * proxy acknowledged reaches every screen, and another node takes the school within the lease.
 */
describe('behind HAProxy, the owner of a school killed', () => {
	let cluster: Cluster;
	let proxy: Awaited<ReturnType<typeof startHaproxy>>;
	let redis: Redis;
	let clients: FoldingClient[] = [];

	beforeAll(async () => {
		await requireRedis();
		if (spawnSync('haproxy', ['-v']).error) throw new Error('haproxy is not installed (apt-get install -y haproxy; .ci/run installs it)');
		cluster = await startCluster(REDIS_TEST_URL, 3, { LEASE_SECONDS: String(LEASE_SECONDS), METRICS_TOKEN });
		proxy = await startHaproxy(cluster.nodes);
		redis = new Redis(REDIS_TEST_URL);
	}, 60_000);

	afterAll(async () => {
		for (const c of clients) c.close();
		if (proxy) await killed(proxy.child, 'SIGTERM');
		await redis?.quit();
		await cluster?.close();
	});

	it('loses no acknowledged event, and the school is taken over within the lease time', async () => {
		const holder = () => redis.get(`${cluster.prefix}:${SCHOOL}:lease`);
		expect((await cluster.ingest(proxy.url, reference())).status).toBe(200);
		const wall = await cluster.pairWall(SCHOOL);
		// The school's owner settles once every node has said it is alive (a round of the leases).
		await until(async () => ownerOf(cluster.nodes, await holder()) !== undefined, 10_000, 'an owner for the school');
		await sleep(LEASE_SECONDS * 1000);
		const owner = ownerOf(cluster.nodes, await holder());
		if (!owner) throw new Error('no owner');
		const ownerId = (await holder()) as string;
		// Each node's /metrics says how many schools it owns: this one school, on its owner only.
		const owned = async (node: ServerProcess) => {
			const text = await (await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
			return Number(/^lookout_schools_owned (\d+)$/m.exec(text)?.[1]);
		};
		expect(await Promise.all(cluster.nodes.map(owned))).toEqual(cluster.nodes.map((n) => (n === owner ? 1 : 0)));

		// Six screens, all through the proxy: leastconn spreads their first connections over the nodes, and
		// those not on the owner are told its name and reconnect there through the proxy.
		clients = Array.from({ length: 6 }, () => new FoldingClient(SCHOOL, [proxy.url], wall));
		await until(() => clients.every((c) => c.status === 'live' && c.snapshots > 0), 10_000, 'every screen live');
		const screens = async (node: ServerProcess) => {
			const text = await (await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
			return [...text.matchAll(/^lookout_clients\{role="[a-z_]+"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
		};
		await until(async () => (await screens(owner)) === clients.length, 10_000, 'every screen on the owner');
		expect(await Promise.all(cluster.nodes.map(screens))).toEqual(cluster.nodes.map((n) => (n === owner ? clients.length : 0)));
		await until(() => clients.every((c) => c.status === 'live'), 10_000, 'every screen live on the owner');

		const acknowledged: string[] = [];
		/**
		 * Sends until the proxy answers 200, as an integration resends (the same id: a duplicate is
		 * harmless). A connection the dead node held through the proxy may be cut mid-request: not
		 * acknowledged, so sent again.
		 */
		const send = async (id: string) => {
			for (;;) {
				const answer = await cluster.ingest(proxy.url, behaviour(id)).catch(() => null);
				if (answer?.status === 200) return acknowledged.push(id);
				await sleep(50);
			}
		};
		for (let i = 0; i < 10; i++) await send(`before-${i}`);
		await until(() => clients.every((c) => c.ids().length === acknowledged.length), 10_000, 'screens hold the first events');

		await killed(owner.child, 'SIGKILL');
		const killedAt = Date.now();
		let takenOverMs: number | null = null;
		let taker: ServerProcess | undefined;
		// Events keep coming through the proxy while the school moves; fewer than the 50 a view keeps.
		for (let i = 0; takenOverMs === null || Date.now() - killedAt < takenOverMs + 1_000; i++) {
			await send(`during-${i}`);
			const now = await holder();
			if (takenOverMs === null && now !== null && now !== ownerId) {
				takenOverMs = Date.now() - killedAt;
				taker = ownerOf(cluster.nodes, now);
			}
			if (Date.now() - killedAt > LEASE_SECONDS * 5_000) throw new Error('the school was not taken over');
			await sleep(100);
		}
		const reached = await until(
			() => clients.every((c) => c.status === 'live' && c.ids().length === acknowledged.length),
			15_000,
			'every screen holds every acknowledged event'
		);
		for (const c of clients) {
			expect(c.ids()).toEqual(sorted(acknowledged));
			expect(c.duplicates).toBe(0);
		}
		expect(taker).toBeDefined();
		expect(taker).not.toBe(owner);
		// Taken when the dead owner's lease ran out (plus the few ms of a round trip), never a round later.
		expect(takenOverMs).toBeLessThanOrEqual(LEASE_SECONDS * 1000 + 250);
		console.info(
			`[proxy] owner SIGKILLed: school taken over ${takenOverMs} ms after the kill (lease ${LEASE_SECONDS * 1000} ms); ` +
				`all ${acknowledged.length} acknowledged events on all ${clients.length} screens ${Date.now() - killedAt} ms after the kill ` +
				`(${reached} ms after the sending stopped); lost 0, duplicates 0`
		);
	}, 90_000);
});
