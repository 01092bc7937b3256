import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { testEvent } from '../../../test/support/store-contract';
import { JournalLockedError } from './journal-lock';
import { MemoryStore } from './memory-store';

const journalIn = async () => join(await mkdtemp(join(tmpdir(), 'lookout-lock-')), 'journal.ndjson');
const open = (journal: string, writer = 'Lookout') => MemoryStore.open({ journal, logger: silentLogger, writer });

/** The pid of a process that has exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
	return Number(child.stdout.toString());
}

describe('one writer a journal', () => {
	it('refuses a second writer while the first has the journal open, naming the folder and the holder; lets it in once closed', async () => {
		const journal = await journalIn();
		const first = await open(journal);
		const refused = open(journal, 'npm run admin');
		await expect(refused).rejects.toThrow(JournalLockedError);
		await expect(open(journal)).rejects.toThrow(`${join(journal, '..')} is in use by Lookout (pid ${process.pid}`);
		await first.close();
		const second = await open(journal, 'npm run admin');
		await second.append([testEvent('a', '1')]);
		await second.close();
		expect((await readdir(join(journal, '..'))).sort()).toEqual(['journal.ndjson']);
	});

	it('takes over a lock whose holder has died', async () => {
		const journal = await journalIn();
		await writeFile(`${journal}.lock`, `${JSON.stringify({ pid: deadPid(), what: 'Lookout', since: '2026-11-23T08:00:00.000Z' })}\n`);
		const store = await open(journal, 'npm run admin');
		expect(JSON.parse(await readFile(`${journal}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, what: 'npm run admin' });
		await store.close();
	});

	it('takes over a lock naming this very pid that this process does not hold (a restarted container reuses pids)', async () => {
		const journal = await journalIn();
		await writeFile(`${journal}.lock`, `${JSON.stringify({ pid: process.pid, what: 'Lookout', since: '2026-11-23T08:00:00.000Z' })}\n`);
		const store = await open(journal);
		await store.close();
	});

	it('refuses while a live process holds the lock', async () => {
		const journal = await journalIn();
		await writeFile(`${journal}.lock`, `${JSON.stringify({ pid: process.ppid, what: 'Lookout', since: '2026-11-23T08:00:00.000Z' })}\n`);
		await expect(open(journal)).rejects.toThrow(`is in use by Lookout (pid ${process.ppid}`);
		expect(JSON.parse(await readFile(`${journal}.lock`, 'utf8'))).toMatchObject({ pid: process.ppid });
	});
});
