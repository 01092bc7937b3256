import { appendFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../protocol';
import { silentLogger } from '../logger';
import { JournalCorruptError, JournalPositionsError, JournalRewriteError } from './journal-file';
import { MemoryStore } from './memory-store';
import { storeContract, testEvent } from '../../../test/support/store-contract';

let journal = '';
storeContract(
	'memory + journal',
	async () => {
		journal = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		return MemoryStore.open({ journal });
	},
	() => MemoryStore.open({ journal })
);

describe('journal file', () => {
	it('groups concurrent appends into few writes (group commit)', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await Promise.all(Array.from({ length: 200 }, (_, i) => store.append([testEvent('a', `e${i}`)])));
		expect(store.journalWrites).toBeLessThan(20);
		await store.close();
		const lines = (await readFile(file, 'utf8')).trim().split('\n');
		expect(lines).toHaveLength(200);
	});

	it('cuts off a torn last line (never acknowledged) and carries on', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1'), testEvent('a', '2')]);
		await store.close();
		await appendFile(file, '{"p":3,"r":"2026-11-23T09:00:00Z","e":{"id":"3","sch');
		const again = await MemoryStore.open({ journal: file });
		expect((await again.append([testEvent('a', '3')])).stored[0]?.position).toBe(3);
		await again.close();
		const lines = (await readFile(file, 'utf8')).trim().split('\n');
		expect(lines.map((l) => (JSON.parse(l) as { p: number }).p)).toEqual([1, 2, 3]);
	});

	it('reads back a line longer than a read, with characters of several bytes across its reads', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const students = Array.from({ length: 9_000 }, (_, i) => ({
			id: `S${i}`,
			givenName: 'Zoë',
			familyName: `Ó Súilleabháin-${'ł'.repeat(60)}`,
			yearGroup: 9,
			formGroup: '9X'
		}));
		const reference: InboundEvent = { id: 'ref', schoolId: 'a', type: 'reference:updated', occurredAt: '2026-11-23T07:00:00Z', students };
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1'), reference, testEvent('a', '2')]);
		await store.close();
		expect((await readFile(file)).length).toBeGreaterThan(1024 * 1024);
		const again = await MemoryStore.open({ journal: file });
		const read = [];
		for await (const stored of again.read('a')) read.push(stored.event);
		expect(read.map((e) => e.id)).toEqual(['1', 'ref', '2']);
		expect(read[1]).toEqual(reference);
		await again.close();
	});

	it('refuses to start on a corrupt line in the middle, naming the line', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const good = JSON.stringify({ p: 1, r: '2026-11-23T09:00:00Z', e: testEvent('a', '1') });
		await writeFile(file, `${good}\n{"p":2,"r":"x","e":{"type":"nope"}}\n${good}\n`);
		await expect(MemoryStore.open({ journal: file })).rejects.toThrow(JournalCorruptError);
		await expect(MemoryStore.open({ journal: file })).rejects.toThrow(/line 2/);
	});

	it('seals each line it writes; a sealed line edited by hand is checked in full and refused, naming the line', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1'), testEvent('a', '2'), testEvent('a', '3')]);
		await store.close();
		const lines = (await readFile(file, 'utf8')).trim().split('\n');
		expect(lines.every((l) => /^\{"c":"[0-9a-f]{8}","v":2,"p":\d+,/.test(l))).toBe(true);
		const edited = lines[1]?.replace(/"schoolId":"a"/, '"schoolId":""');
		expect(edited).not.toBe(lines[1]);
		await writeFile(file, `${[lines[0], edited, lines[2]].join('\n')}\n`);
		await expect(MemoryStore.open({ journal: file, logger: silentLogger })).rejects.toThrow(/line 2 is not a valid journal entry \(schoolId: /);
	});

	it('reads a sealed line edited by hand into another valid event, as an unsealed one', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1'), testEvent('a', '2')]);
		await store.close();
		await writeFile(file, (await readFile(file, 'utf8')).replace('"id":"2"', '"id":"2b"'));
		const again = await MemoryStore.open({ journal: file });
		const ids = [];
		for await (const stored of again.read('a')) ids.push(stored.event.id);
		expect(ids).toEqual(['1', '2b']);
		await again.close();
	});

	it('rewrites the journal without the purged events, leaving no temporary file behind', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'lookout-store-'));
		const file = join(dir, 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1', 0), testEvent('b', '1', 0), testEvent('a', '2', 50), testEvent('a', '3', 0)]);
		expect(await store.purge('a', '2026-11-23T09:30:00Z', () => false)).toBe(2);
		await store.append([testEvent('a', '4', 55)]);
		await store.close();
		const lines = (await readFile(file, 'utf8'))
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { p: number; s?: string; e?: { id: string; schoolId: string } });
		expect(lines.map((l) => (l.e ? `${l.e.schoolId}/${l.e.id}@${l.p}` : `${l.s ?? ''} ends @${l.p}`))).toEqual(['a/2@2', 'a ends @3', 'b/1@1', 'a/4@4']);
		expect(await readdir(dir)).toEqual(['journal.ndjson']);
	});

	it('keeps the journal and carries on taking writes when a purge cannot write its new journal', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1', 0), testEvent('a', '2', 50)]);
		// A directory where the new journal would be written: the rewrite fails before the rename.
		await mkdir(`${file}.rewrite`);
		await expect(store.purge('a', '2026-11-23T09:30:00Z', () => false)).rejects.toThrow(JournalRewriteError);
		expect(store.writable()).toBe(true);
		expect((await store.append([testEvent('a', '3')])).stored.map((s) => s.position)).toEqual([3]);
		await store.close();
		const lines = (await readFile(file, 'utf8')).trim().split('\n');
		expect(lines.map((l) => (JSON.parse(l) as { p: number }).p)).toEqual([1, 2, 3]);
	});

	it('is not ready for writes once its journal is moved from its path or its lock is removed', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append([testEvent('a', '1')]);
		await rm(`${file}.lock`);
		expect(await store.ready()).toEqual({ reads: true, writes: 'lock_lost' });
		await rename(file, `${file}.moved`);
		expect(await store.ready()).toEqual({ reads: true, writes: 'journal_missing' });
		await store.close();
	});

	it('works in memory alone, without a file', async () => {
		const store = await MemoryStore.open();
		expect((await store.append([testEvent('a', '1'), testEvent('a', '1')])).duplicates).toBe(1);
		expect(await store.purge('a', '2026-11-23T09:30:00Z', () => false)).toBe(1);
	});
});

describe('journal problems at the start', () => {
	const line = (p: number, id: string) => JSON.stringify({ p, r: '2026-11-23T09:00:00Z', e: testEvent('a', id) });

	it('logs every cut of a torn last line, with where it was', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		await writeFile(file, `${line(1, '1')}\n{"p":2,"r":"2026-11-2`);
		const warnings: string[] = [];
		const store = await MemoryStore.open({ journal: file, logger: { ...silentLogger, warn: (message) => warnings.push(message) } });
		await store.close();
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/torn last line.*journal\.ndjson: line 2, 21 bytes from byte \d+/);
	});

	it('refuses to start on one position of a school on two lines, naming the school, the position and both lines', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		await writeFile(file, [line(1, '1'), line(2, '2'), line(2, 'other-writer'), line(3, '3')].join('\n') + '\n');
		const refused = MemoryStore.open({ journal: file, logger: silentLogger });
		await expect(refused).rejects.toThrow(JournalPositionsError);
		await expect(MemoryStore.open({ journal: file, logger: silentLogger })).rejects.toThrow(
			/school a has position 2 on lines 2 and 3.*npm run journal -- repair/
		);
	});

	it('says which commands to run when a line in the middle is corrupt', async () => {
		const file = join(await mkdtemp(join(tmpdir(), 'lookout-store-')), 'journal.ndjson');
		await writeFile(file, `${line(1, '1')}\n{"p":2,"r"\n${line(3, '3')}\n`);
		await expect(MemoryStore.open({ journal: file, logger: silentLogger })).rejects.toThrow(
			/line 2 is not a valid journal entry \(not JSON\).*npm run journal -- check.*npm run journal -- repair/
		);
	});
});
