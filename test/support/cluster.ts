import { randomUUID } from 'node:crypto';
import type { InboundEventInput } from '../../server/protocol';
import { deleteKeys } from '../../server/src/store/redis-test-support';
import { postJson } from './http';
import { killed, spawnServer, type ServerProcess } from './process';
import { tempDir } from './server';

export interface Cluster {
	url: string;
	prefix: string;
	nodes: ServerProcess[];
	urls(): string[];
	/** Starts another node on the same Redis and prefix. */
	add(): Promise<ServerProcess>;
	/** Stops every node still running, and deletes the run's keys. */
	close(): Promise<void>;
}

/** Several Lookout processes sharing one Redis under a prefix of their own, as `start:cluster` runs them. */
export async function startCluster(redisUrl: string, nodes: number): Promise<Cluster> {
	const prefix = `lookout-test-${randomUUID()}`;
	const add = async () => spawnServer({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DATA_DIR: await tempDir() });
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
		close: async () => {
			await Promise.all(cluster.nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null).map((n) => killed(n.child, 'SIGTERM')));
			await deleteKeys(prefix, redisUrl);
		}
	};
	return cluster;
}

/** Posts events to a node; resolves with the HTTP status and the Retry-After header. */
export async function ingest(url: string, events: InboundEventInput | InboundEventInput[]): Promise<{ status: number; retryAfter: string | null }> {
	const res = await postJson(`${url}/api/v1/events`, events);
	return { status: res.status, retryAfter: res.headers.get('retry-after') };
}
