import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InboundEvent } from '../../server/protocol';
import { behaviour, SCHOOL } from '../support/events';
import { killed, spawnServer } from '../support/process';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/server';

const admin = (dataDir: string, args: string[], env: Record<string, string> = {}) =>
	runCli('admin', args, { DATA_DIR: dataDir, PORT: '1', LOOKOUT_PASSWORD: 'a first admin password', ...env });

/** What a start that failed printed: `spawnServer` rejects with it. */
async function refusedStart(env: Record<string, string>): Promise<string> {
	const started = await spawnServer(env).then(
		async (server) => {
			await killed(server.child, 'SIGTERM');
			return null;
		},
		(err: Error) => err.message
	);
	if (started === null) throw new Error('Lookout started, and should have refused');
	return started.replace(/^server exited with 1:\n/, '');
}

describe('one writer a DATA_DIR', () => {
	it('npm run admin refuses while Lookout runs on the DATA_DIR, whatever PORT says, naming the folder and its pid; takes over the lock a killed Lookout left', async () => {
		const DATA_DIR = await tempDir();
		const journal = join(DATA_DIR, 'journal.ndjson');
		const server = await spawnServer({ DATA_DIR });
		const before = existsSync(journal) ? await readFile(journal, 'utf8') : '';
		const refused = await admin(DATA_DIR, ['key', '--school', 'lock-school', '--name', 'MIS sync']);
		expect(refused.code).toBe(1);
		expect(refused.err.trim().split('\n')).toHaveLength(1);
		expect(refused.err).toContain(DATA_DIR);
		expect(refused.err).toContain(`pid ${server.child.pid}`);
		expect(existsSync(journal) ? await readFile(journal, 'utf8') : '').toBe(before);

		await killed(server.child, 'SIGKILL');
		const issued = await admin(DATA_DIR, ['key', '--school', 'lock-school', '--name', 'MIS sync']);
		expect(issued.code, issued.err).toBe(0);
		const again = await spawnServer({ DATA_DIR });
		expect(again.output()).toContain('rebuilt 2 events');
		// Its signal handlers are set just after it prints its address.
		await new Promise((r) => setTimeout(r, 500));
		await killed(again.child, 'SIGTERM');
		expect(existsSync(`${journal}.lock`)).toBe(false);
	});

	it('a second Lookout on the same DATA_DIR refuses to start, in one line naming the folder and the first one', async () => {
		const DATA_DIR = await tempDir();
		const first = await spawnServer({ DATA_DIR });
		try {
			const output = await refusedStart({ DATA_DIR });
			expect(output.trim().split('\n')).toEqual([expect.stringContaining(`${DATA_DIR} is in use by Lookout (pid ${first.child.pid}`)]);
		} finally {
			await killed(first.child, 'SIGTERM');
		}
	});

	it('refuses to start on a journal with a position written twice, in one line naming the school, the position and both lines', async () => {
		const DATA_DIR = await tempDir();
		const line = (p: number, id: string) => JSON.stringify({ p, r: '2026-11-23T09:00:00Z', e: InboundEvent.parse(behaviour(id)) });
		await writeFile(join(DATA_DIR, 'journal.ndjson'), [line(1, 'a'), line(2, 'b'), line(3, 'c'), line(2, 'from-admin'), line(4, 'd')].join('\n') + '\n');
		const output = await refusedStart({ DATA_DIR });
		expect(output.trim().split('\n')).toEqual([expect.stringContaining(`school ${SCHOOL} has position 2 on lines 2 and 4`)]);
		expect(output).toContain('npm run journal -- repair');
		expect(output).not.toMatch(/^\s+at /m);
	});
});
