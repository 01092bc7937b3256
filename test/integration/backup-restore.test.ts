import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../server/protocol';
import { BackupManifest } from '../../server/src/store/journal-backup';
import { MemoryStore } from '../../server/src/store/memory-store';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/server';
import { testEvent } from '../support/store-contract';

const SCHOOLS = ['northfield', 'southfield', 'westfield'];
const EVENTS_BEFORE = 3_000;

async function logOf(store: MemoryStore, schoolId: string): Promise<string[]> {
	const out: string[] = [];
	for await (const s of store.read(schoolId)) out.push(`${s.event.id}@${s.position}`);
	return out;
}

/** Appends one event a school in turn, in small batches, until told to stop. */
function keepAppending(store: MemoryStore): { stop: () => Promise<number> } {
	let going = true;
	let appended = 0;
	const run = (async () => {
		while (going) {
			const batch = SCHOOLS.map((schoolId) => testEvent(schoolId, `live-${appended}`, appended % 60));
			await store.append(batch);
			appended += 1;
		}
	})();
	return {
		stop: async () => {
			going = false;
			await run;
			return appended;
		}
	};
}

describe('npm run backup and npm run restore', () => {
	it('backs up a journal while it is written, and restores it to a new path that replays to the same positions', async () => {
		const dataDir = await tempDir();
		const journal = join(dataDir, 'journal.ndjson');
		const store = await MemoryStore.open({ journal });
		for (let i = 0; i < EVENTS_BEFORE; i += 300) {
			await store.append(SCHOOLS.flatMap((schoolId) => Array.from({ length: 300 }, (_, j) => testEvent(schoolId, `e${i + j}`, (i + j) % 60))));
		}
		const writer = keepAppending(store);
		const backups = await tempDir();
		const backedUp = await runCli('backup', ['--to', `${backups}/`, '--data-dir', dataDir]);
		const appendedMeanwhile = await writer.stop();
		expect(backedUp.code).toBe(0);
		expect(backedUp.out).toContain('Lookout was writing the journal: copied up to its last whole line');
		const backup = /to (\S+\.ndjson)\n/.exec(backedUp.out)?.[1] ?? '';
		const manifest = BackupManifest.parse(JSON.parse(await readFile(`${backup}.manifest.json`, 'utf8')));
		expect(manifest.quiescent).toBe(false);
		expect(Object.keys(manifest.schools).sort()).toEqual(SCHOOLS);
		for (const schoolId of SCHOOLS) expect(manifest.schools[schoolId]?.events).toBeGreaterThanOrEqual(EVENTS_BEFORE);
		expect(appendedMeanwhile).toBeGreaterThan(0);

		const restoredPath = join(await tempDir(), 'journal.ndjson');
		const restored = await runCli('restore', ['--from', backup, '--journal', restoredPath]);
		expect(restored.code).toBe(0);
		// Standard error carries only the progress of a long copy.
		expect(restored.err.split('\n').filter((line) => line !== '' && !/^restore: [\d,]+ lines \([\d.]+ MB\) so far$/.test(line))).toEqual([]);
		for (const schoolId of SCHOOLS) {
			const { events, position } = manifest.schools[schoolId] ?? { events: 0, position: 0 };
			expect(restored.out).toContain(`restore: ${schoolId}: ${events} events to position ${position}, as backed up`);
		}
		expect(restored.out).toContain('all 3 school(s) replay as backed up');

		// The copy is the journal as it was at one moment: each school's log up to the manifest's position.
		const copy = await MemoryStore.open({ journal: restoredPath });
		for (const schoolId of SCHOOLS) {
			const original = await logOf(store, schoolId);
			expect(await logOf(copy, schoolId)).toEqual(original.slice(0, manifest.schools[schoolId]?.events));
		}
		await copy.close();
		await store.close();
	}, 60_000);

	it('refuses a damaged backup by its SHA-256, and an existing journal without --force', async () => {
		const dataDir = await tempDir();
		const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') });
		await store.append(Array.from({ length: 500 }, (_, i) => testEvent(SCHOOLS[i % 3] ?? 'northfield', `e${i}`, i % 60)));
		await store.close();
		const backup = join(await tempDir(), 'backup.ndjson');
		const backedUp = await runCli('backup', ['--to', backup, '--data-dir', dataDir]);
		expect(backedUp.code).toBe(0);
		expect(backedUp.out).toContain('nobody was writing the journal');
		expect((await runCli('backup', ['--to', backup, '--data-dir', dataDir])).err).toMatch(/^backup: .*backup\.ndjson exists/);

		const damaged = join(await tempDir(), 'damaged.ndjson');
		const bytes = await readFile(backup);
		const middle = Math.floor(bytes.length / 2);
		bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
		await writeFile(damaged, bytes);
		await copyFile(`${backup}.manifest.json`, `${damaged}.manifest.json`);
		const target = join(await tempDir(), 'journal.ndjson');
		const refused = await runCli('restore', ['--from', damaged, '--journal', target]);
		expect(refused.code).toBe(1);
		expect(refused.err.trimEnd().split('\n')).toEqual([
			expect.stringMatching(/^restore: .*damaged\.ndjson does not match its manifest \(SHA-256 .*nothing was restored$/)
		]);
		expect(existsSync(target)).toBe(false);

		const existing = join(dataDir, 'journal.ndjson');
		const before = await readFile(existing);
		const onto = await runCli('restore', ['--from', backup, '--journal', existing]);
		expect(onto.code).toBe(1);
		expect(onto.err).toMatch(/^restore: .*journal\.ndjson exists: give --force to replace it\n$/);
		expect(await readFile(existing)).toEqual(before);
		const forced = await runCli('restore', ['--from', backup, '--journal', existing, '--force']);
		expect(forced).toMatchObject({ code: 0, err: '' });
		expect(forced.out).toContain('all 3 school(s) replay as backed up');
	}, 60_000);

	it('refuses to restore onto a journal Lookout holds, even with --force', async () => {
		const dataDir = await tempDir();
		const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson') });
		await store.append([testEvent('northfield', '1')]);
		const backup = join(await tempDir(), 'backup.ndjson');
		expect((await runCli('backup', ['--to', backup, '--data-dir', dataDir])).code).toBe(0);
		const refused = await runCli('restore', ['--from', backup, '--journal', join(dataDir, 'journal.ndjson'), '--force']);
		expect(refused.code).toBe(1);
		expect(refused.err).toMatch(/^restore: .* is in use by Lookout \(pid \d+/);
		const kept: StoredEvent[] = [];
		for await (const s of store.read('northfield')) kept.push(s);
		expect(kept).toHaveLength(1);
		await store.close();
	}, 30_000);
});
