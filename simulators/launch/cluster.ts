import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../server/src/config';
import { seedDemoAccess } from './demo-access';
import { demoDate, demoEnv, demoSeed, startSimulator } from './demo-day';
import { demoGreeting } from './demo-greeting';
import { consoleLogger } from '../../server/src/logger';
import { clearPrefix } from '../../server/src/store/redis-clear';
import { RedisStore } from '../../server/src/store/redis-store';

/**
 * The demo on several processes: N Lookout nodes on ports PORT..PORT+N-1 sharing one Redis
 * (REDIS_URL, the local one by default), the simulator feeding the first. Open any node's
 * address: they all show the same school. Each run clears the demo's keys first, so the day
 * replays the same, then writes the demo's people, the simulator's key and the wall into the
 * log before any node starts, so every node has them from its first replay.
 */
const SCHOOL = 'northfield';
const ENTRY = fileURLToPath(new URL('../../server/src/index.ts', import.meta.url));
const Args = z.object({ nodes: z.coerce.number().int().min(1).max(16).default(3) });
const children: ChildProcess[] = [];

function startNode(env: NodeJS.ProcessEnv, index: number): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	children.push(child);
	return new Promise((resolve, reject) => {
		let seen = '';
		const onData = (chunk: Buffer) => {
			const text = chunk.toString();
			for (const line of text.split('\n')) if (line.trim() && !answeredRequest(line)) console.log(`[node${index + 1}] ${line}`);
			// Only until the address shows: a node logs each request, and all of it need not be kept.
			seen = (seen + text).slice(-8_192);
			const match = /dashboard at (http:\/\/[^/\s]+)\//.exec(seen);
			if (match?.[1]) resolve({ child, url: match[1] });
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`node${index + 1} exited with ${code}`)));
	});
}

/** A node's line for each request it answered: too many for a terminal; its warnings and errors still show. */
const answeredRequest = (line: string) => line.includes('"level":"info"') && line.includes('"msg":"request"');

try {
	const { values } = parseArgs({ options: { nodes: { type: 'string' } } });
	const args = Args.safeParse(values);
	if (!args.success) throw new ConfigError(args.error.issues.map((i) => `--${i.path.join('.')}=${JSON.stringify(values.nodes)}: ${i.message}`));
	const env = { ...demoEnv(), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', REDIS_PREFIX: process.env.REDIS_PREFIX || 'lookout-demo' };
	const config = loadConfig(env);
	if (!config.REDIS_URL) throw new ConfigError(['REDIS_URL: needed']);
	await clearPrefix(config.REDIS_URL, config.REDIS_PREFIX);
	const store = await RedisStore.open({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger: consoleLogger });
	const access = await seedDemoAccess(store, { schoolId: SCHOOL, seed: demoSeed(env), date: demoDate(env) }).finally(() => store.close());
	const nodes = await Promise.all(
		Array.from({ length: args.data.nodes }, (_, i) => startNode({ ...env, PORT: String(config.PORT + i), NODE_NAME: `node${i + 1}` }, i))
	);
	const first = nodes[0]?.url as string;
	children.push(startSimulator(first, env, access.key, consoleLogger));
	for (const line of demoGreeting(first, SCHOOL, access)) consoleLogger.info(line.replace(/^Lookout:/, 'Lookout cluster:'));
	for (const [i, node] of nodes.entries()) consoleLogger.info(`Lookout cluster: node${i + 1} dashboard at ${node.url}/live/${SCHOOL}`);
	consoleLogger.info(
		`Lookout cluster: ${nodes.length} node(s) on Redis ${config.REDIS_PREFIX}; the simulator feeds node1; a session or wall works on every node`
	);
	consoleLogger.info(
		`Lookout cluster: one node owns ${SCHOOL} and derives its frames (redis-cli GET ${config.REDIS_PREFIX}:${SCHOOL}:lease names it); a screen on another node is told its name, and behind deploy/haproxy.cfg moves there; kill it and another takes over within ${config.LEASE_SECONDS} s`
	);
	process.once('SIGINT', stopAll);
	process.once('SIGTERM', stopAll);
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	stopAll();
	process.exit(1);
}

function stopAll(): void {
	for (const child of children) child.kill('SIGTERM');
}
