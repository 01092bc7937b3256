import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStore } from '../../server/src/store/memory-store';

const ENTRY = fileURLToPath(new URL('../../server/src/index.ts', import.meta.url));

export interface ServerProcess {
	child: ChildProcess;
	url: string;
	output: () => string;
}

/** Lookout as its own process, as `npm run server` runs it; resolves once it prints its address. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /dashboard at (http:\/\/[^/\s]+)\//.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve({ child, url: match[1], output: () => output });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});
}

export function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill(signal);
	});
}

/**
 * Works on a data directory's journal before a server process starts on it, e.g. to issue the
 * key a test will send events with: only one process may write the journal, so this one closes it first.
 */
export async function withJournal<T>(dataDir: string, work: (store: MemoryStore) => Promise<T>): Promise<T> {
	const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') });
	try {
		return await work(store);
	} finally {
		await store.close();
	}
}
