import { randomUUID } from 'node:crypto';
import type { InboundEventInput } from '../../server/protocol';
import { silentLogger } from '../../server/src/logger';
import { RedisStore } from '../../server/src/store/redis-store';
import { deleteKeys } from './redis-test';
import { issueKey, pairDevice } from './access';
import { postJson } from './http';
import { killed, spawnServer, type ServerProcess } from './process';
import { until } from './redis-server';
import { tempDir } from './server';

export interface Cluster {
	url: string;
	prefix: string;
	nodes: ServerProcess[];
	urls(): string[];
	/** Starts another node on the same Redis and prefix. */
	add(): Promise<ServerProcess>;
	/**
	 * Posts events to a node as an integration does, one request per school with that school's
	 * key; resolves with the HTTP status and the Retry-After header (for several schools, the
	 * first answer that is not a 200, else the last).
	 */
	ingest(url: string, events: InboundEventInput | InboundEventInput[]): Promise<{ status: number; retryAfter: string | null }>;
	/** A paired wall screen's device token for the school, once every running node knows it. */
	pairWall(schoolId: string): Promise<string>;
	/** How many events the cluster wrote itself (keys, screens): each takes a place in its school's log. */
	readonly accessEvents: number;
	/** Stops every node still running, and deletes the run's keys. */
	close(): Promise<void>;
}

/** Several Lookout processes sharing one Redis under a prefix of their own, as `start:cluster` runs them. */
export async function startCluster(redisUrl: string, nodes: number, env: Record<string, string> = {}): Promise<Cluster> {
	const prefix = `lookout-test-${randomUUID()}`;
	let started = 0;
	// Named node1, node2, ... as deploy/haproxy.cfg names its servers.
	const add = async () => spawnServer({ ...env, NODE_NAME: `node${++started}`, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DATA_DIR: await tempDir() });
	const running = () => cluster.nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
	// Credentials go straight into the shared log, as an admin would have issued them; each node
	// knows them once it has followed the log that far.
	const written = async <T>(work: (store: RedisStore) => Promise<T>): Promise<T> => {
		const store = await RedisStore.open({ url: redisUrl, prefix, logger: silentLogger });
		try {
			return await work(store);
		} finally {
			await store.close();
		}
	};
	/** Waits until every running node answers the probe with something other than 401. */
	const everyNodeKnows = async (schoolId: string, token: string) => {
		const known = async (url: string) =>
			(await fetch(`${url}/api/v1/snapshot?school=${schoolId}`, { headers: { authorization: `Bearer ${token}` } })).status !== 401;
		await until(async () => (await Promise.all(running().map((n) => known(n.url)))).every(Boolean), 10_000, `every node knows the credentials for ${schoolId}`);
	};
	const keys = new Map<string, Promise<string>>();
	const keyFor = (schoolId: string) => {
		let key = keys.get(schoolId);
		if (!key) {
			key = written((store) => issueKey(store, schoolId)).then(async (issued) => {
				accessEvents += 1;
				await everyNodeKnows(schoolId, issued);
				return issued;
			});
			key.catch(() => keys.delete(schoolId));
			keys.set(schoolId, key);
		}
		return key;
	};
	let accessEvents = 0;

	const cluster: Cluster = {
		url: redisUrl,
		prefix,
		nodes: await Promise.all(Array.from({ length: nodes }, add)),
		urls: () => cluster.nodes.map((n) => n.url),
		add: async () => {
			const node = await add();
			cluster.nodes.push(node);
			return node;
		},
		async ingest(url, events) {
			const list = Array.isArray(events) ? events : [events];
			const schools = [...new Set(list.map((e) => e.schoolId))];
			let answer = { status: 0, retryAfter: null as string | null };
			for (const schoolId of schools) {
				const mine = list.filter((e) => e.schoolId === schoolId);
				const res = await postJson(`${url}/api/v1/events`, Array.isArray(events) ? mine : mine[0], { authorization: `Bearer ${await keyFor(schoolId)}` });
				answer = { status: res.status, retryAfter: res.headers.get('retry-after') };
				if (res.status !== 200) break;
			}
			return answer;
		},
		async pairWall(schoolId) {
			const { token } = await written((store) => pairDevice(store, schoolId));
			accessEvents += 1;
			await everyNodeKnows(schoolId, token);
			return token;
		},
		get accessEvents() {
			return accessEvents;
		},
		close: async () => {
			await Promise.all(running().map((n) => killed(n.child, 'SIGTERM')));
			await deleteKeys(prefix, redisUrl);
		}
	};
	return cluster;
}
