import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundEvent, type StoredEvent } from '../../server/protocol';
import { silentLogger } from '../../server/src/logger';
import { StoreUnavailableError } from '../../server/src/store/event-store';
import { MemoryStore } from '../../server/src/store/memory-store';
import { JournalRewriteError } from '../../server/src/store/journal-file';
import { ingest, keyFor } from '../support/access';
import { behaviour, reference, SCHOOL } from '../support/events';
import { startTestServer } from '../support/server';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';

let disk: SmallDisk;
beforeAll(async () => {
	disk = await mountSmallDisk('2m');
});
afterAll(() => disk.unmount());

/** Twenty events of about 640 bytes each: more than a nearly full disk takes. */
const batch = (name: string) =>
	Array.from({ length: 20 }, (_, i) => behaviour(`${name}-${i}`, { studentIds: Array.from({ length: 40 }, (_, k) => `STU${k}`) }));

const keepAllButOne = (event: { id: string }) => event.id !== 'old-0';

async function logOf(store: MemoryStore): Promise<StoredEvent[]> {
	const out: StoredEvent[] = [];
	for await (const s of store.read(SCHOOL)) out.push(s);
	return out;
}

/** Every line whole and valid JSON, the file ending in a newline. */
async function journalLines(file: string): Promise<number> {
	const text = await readFile(file, 'utf8');
	expect(text.endsWith('\n')).toBe(true);
	const lines = text.slice(0, -1).split('\n');
	for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
	return lines.length;
}

describe('a full disk', () => {
	it('answers 503 with Retry-After and keeps nothing of an ingest that does not fit; takes it once there is room; a restart finds every acknowledged event', async () => {
		const dataDir = join(disk.dir, 'ingest');
		const server = await startTestServer({ dataDir });
		const journal = join(dataDir, 'journal.ndjson');
		let acknowledged = 0;
		try {
			expect((await ingest(server, reference())).status).toBe(200);
			const first = await ingest(server, batch('roomy'));
			expect(first.body).toMatchObject({ data: { accepted: 20 } });
			acknowledged += 20;
			const before = await logOf(server.store);
			const linesBefore = await journalLines(journal);

			await disk.fillLeaving(4096);
			const full = await fetch(`${server.url}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${await keyFor(server.store, SCHOOL)}` },
				body: JSON.stringify(batch('full'))
			});
			expect(full.status).toBe(503);
			expect(full.headers.get('retry-after')).toBe('5');
			expect(await full.json()).toMatchObject({ ok: false, code: 'store_unavailable' });
			expect(await logOf(server.store)).toEqual(before);
			expect(await journalLines(journal)).toBe(linesBefore);

			await disk.free();
			const again = await ingest(server, batch('full'));
			expect(again.status).toBe(200);
			expect(again.body).toMatchObject({ data: { accepted: 20, duplicates: 0 } });
			acknowledged += 20;
			const after = await logOf(server.store);
			expect(after.slice(before.length).map((s) => s.position)).toEqual(Array.from({ length: 20 }, (_, i) => (before.at(-1)?.position ?? 0) + 1 + i));
		} finally {
			await server.close();
			await disk.free();
		}
		const restarted = await startTestServer({ dataDir });
		try {
			const events = (await logOf(restarted.store)).filter((s) => s.event.type === 'behaviour:recorded');
			expect(events).toHaveLength(acknowledged);
		} finally {
			await restarted.close();
		}
	});

	it('a store opened on a full disk refuses in one line, naming the folder, and opens once there is room', async () => {
		const journal = join(disk.dir, 'opening', 'journal.ndjson');
		await (await MemoryStore.open({ journal, logger: silentLogger })).close();
		await disk.fillLeaving(0);
		try {
			await expect(MemoryStore.open({ journal, logger: silentLogger })).rejects.toThrow(
				`${join(disk.dir, 'opening')}: its journal lock could not be written (ENOSPC); nothing was opened`
			);
		} finally {
			await disk.free();
		}
		await (await MemoryStore.open({ journal, logger: silentLogger })).close();
	});

	it('logs once that the journal refuses writes, however many are refused, and once that it takes them again', async () => {
		const journal = join(disk.dir, 'logged', 'journal.ndjson');
		const said: string[] = [];
		const logger = { ...silentLogger, error: (m: string) => said.push(`error ${m}`), info: (m: string) => said.push(`info ${m}`) };
		const store = await MemoryStore.open({ journal, logger });
		try {
			await disk.fillLeaving(0);
			for (const name of ['a', 'b', 'c']) await expect(store.append(batch(name).map((e) => InboundEvent.parse(e)))).rejects.toThrow(StoreUnavailableError);
			await disk.free();
			await store.append(batch('d').map((e) => InboundEvent.parse(e)));
		} finally {
			await store.close();
			await disk.free();
		}
		expect(said).toEqual([
			expect.stringMatching(/^error Lookout: the journal refused a write \(.*no space left on device.*\); nothing of it was kept$/),
			'info Lookout: the journal takes writes again'
		]);
	});

	it('leaves the journal whole when a purge cannot write its new journal, and takes appends after', async () => {
		const journal = join(disk.dir, 'purge', 'journal.ndjson');
		const store = await MemoryStore.open({ journal, logger: silentLogger });
		try {
			// Old events, of which the purge removes one: the new journal is nearly as long as the old, and does not fit.
			await store.append(Array.from({ length: 200 }, (_, i) => InboundEvent.parse(behaviour(`old-${i}`, { occurredAt: '2026-11-20T09:00:00Z' }))));
			await store.append([InboundEvent.parse(behaviour('kept', { occurredAt: '2026-11-23T09:00:00Z' }))]);
			const text = await readFile(journal, 'utf8');
			await disk.fillLeaving(4096);
			await expect(store.purge(SCHOOL, '2026-11-22T00:00:00Z', keepAllButOne)).rejects.toThrow(JournalRewriteError);
			expect(await readFile(journal, 'utf8')).toBe(text);
			expect(store.writable()).toBe(true);
			await disk.free();
			expect(await store.purge(SCHOOL, '2026-11-22T00:00:00Z', keepAllButOne)).toBe(1);
		} finally {
			await store.close();
			await disk.free();
		}
		const reopened = await MemoryStore.open({ journal, logger: silentLogger });
		expect((await logOf(reopened)).map((s) => s.event.id)).toEqual([...Array.from({ length: 199 }, (_, i) => `old-${i + 1}`), 'kept']);
		await reopened.close();
	});
});
