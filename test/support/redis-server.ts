import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

export interface OwnRedis {
	url: string;
	/** Stops Redis: SIGTERM shuts it down cleanly, SIGKILL as a crash would. */
	stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
	/** Starts it again on the same port and data, replaying the append-only file. */
	start(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/**
 * A redis-server of the test's own, for tests that stop and restart Redis: its own port and
 * folder, with every write in the append-only file before Redis answers (appendfsync always).
 */
export async function startOwnRedis(): Promise<OwnRedis> {
	const port = await freePort();
	const dir = await mkdtemp(join(tmpdir(), 'lookout-redis-'));
	const url = `redis://127.0.0.1:${port}`;
	let child: ChildProcess | null = null;

	const start = async () => {
		const started = spawn(
			REDIS_SERVER,
			['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no'],
			{ stdio: 'ignore' }
		);
		child = started;
		const exited = new Promise<never>((_, reject) => {
			started.once('error', (err) => reject(new Error(`cannot run ${REDIS_SERVER} (.ci/run installs redis-server): ${err.message}`, { cause: err })));
			started.once('exit', (code) => reject(new Error(`redis-server exited with ${code} (.ci/run installs redis-server)`)));
		});
		exited.catch(() => {});
		await Promise.race([until(() => answers(url), 10_000), exited]);
	};

	const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
		const running = child;
		child = null;
		if (!running || running.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill(signal);
		});
	};

	await start();
	return { url, stop, start };
}

async function answers(url: string): Promise<boolean> {
	const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
	probe.on('error', () => {});
	try {
		await probe.connect();
		return (await probe.ping()) === 'PONG';
	} catch {
		return false;
	} finally {
		probe.disconnect();
	}
}

/** Waits until the (possibly async) check holds, polling; rejects with the given message after the timeout. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<number> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 25));
	}
	return Date.now() - started;
}
