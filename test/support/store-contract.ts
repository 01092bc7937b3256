import { describe, expect, it } from 'vitest';
import type { InboundEvent, StoredEvent } from '../../server/protocol';
import { StoreUnavailableError, type EventStore } from '../../server/src/store/event-store';

/** Builds a valid event for the contract tests. */
export function testEvent(schoolId: string, id: string, minute = 0): InboundEvent {
	return {
		id,
		schoolId,
		type: 'behaviour:recorded',
		occurredAt: new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString(),
		polarity: 'negative',
		category: 'disruption',
		severity: 2,
		points: -2,
		locationId: 'M1',
		studentIds: ['A'],
		staffId: 'T1'
	};
}

/** 09:30 on the contract events' morning: `testEvent` minutes below 30 are before it. */
const NINE_THIRTY = '2026-11-23T09:30:00.000Z';

async function positionsOf(iterable: AsyncIterable<StoredEvent>): Promise<string[]> {
	return (await all(iterable)).map((s) => `${s.event.id}@${s.position}`);
}

async function all(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
	const out: StoredEvent[] = [];
	for await (const s of iterable) out.push(s);
	return out;
}

/**
 * What every event store promises, run against each implementation. `open` gives a store on
 * fresh storage; `reopen` gives a new store on the storage of the last one opened.
 */
export function storeContract(name: string, open: () => Promise<EventStore>, reopen: () => Promise<EventStore>): void {
	describe(`${name} store contract`, () => {
		it('appends in order, one log per school, positions from 1', async () => {
			const store = await open();
			const result = await store.append([testEvent('a', '1'), testEvent('b', '1'), testEvent('a', '2')]);
			expect(result.stored.map((s) => [s.event.schoolId, s.event.id, s.position])).toEqual([
				['a', '1', 1],
				['b', '1', 1],
				['a', '2', 2]
			]);
			expect(result).toMatchObject({ duplicates: 0, positions: { a: 2, b: 1 } });
			expect((await all(store.read('a'))).map((s) => s.event.id)).toEqual(['1', '2']);
			expect((await all(store.read('a', 1))).map((s) => s.event.id)).toEqual(['2']);
			expect((await store.schools()).sort()).toEqual(['a', 'b']);
			await store.close();
		});

		it('accepts and ignores duplicate ids, in a later batch or the same one', async () => {
			const store = await open();
			await store.append([testEvent('a', '1')]);
			const again = await store.append([testEvent('a', '1'), testEvent('a', '2'), testEvent('a', '2'), testEvent('b', '1')]);
			expect(again.stored.map((s) => `${s.event.schoolId}/${s.event.id}`)).toEqual(['a/2', 'b/1']);
			expect(again.duplicates).toBe(2);
			expect(again.positions).toEqual({ a: 2, b: 1 });
			await store.close();
		});

		it('tells subscribers of every append in log order before the append resolves', async () => {
			const store = await open();
			const heard: string[] = [];
			store.subscribe((batch) => heard.push(...batch.map((s) => `${s.event.id}@${s.position}`)));
			const pending = [store.append([testEvent('a', '1')]), store.append([testEvent('a', '2'), testEvent('a', '3')]), store.append([testEvent('a', '1')])];
			const first = await pending[0];
			expect(heard).toContain('1@1');
			expect(first?.stored).toHaveLength(1);
			await Promise.all(pending);
			expect(heard).toEqual(['1@1', '2@2', '3@3']);
			await store.close();
		});

		it('is ready while open; a drain refuses new appends at once and keeps those already taken', async () => {
			const store = await open();
			expect(await store.ready()).toEqual({ reads: true, writes: null });
			const taken = store.append([testEvent('a', '1'), testEvent('a', '2')]);
			const draining = store.drain();
			await expect(store.append([testEvent('a', '3')])).rejects.toThrow(StoreUnavailableError);
			await expect(store.purge('a', NINE_THIRTY, () => false)).rejects.toThrow(StoreUnavailableError);
			expect(store.writable()).toBe(false);
			expect((await store.ready()).writes).toBe('closing');
			await draining;
			expect((await taken).stored.map((s) => s.position)).toEqual([1, 2]);
			await store.close();
			const again = await reopen();
			expect(await positionsOf(again.read('a'))).toEqual(['1@1', '2@2']);
			await again.close();
		});

		it('keeps everything acknowledged across a restart, ids included', async () => {
			const store = await open();
			const events = Array.from({ length: 250 }, (_, i) => testEvent('a', `e${i}`, i % 60));
			await Promise.all([store.append(events.slice(0, 100)), store.append(events.slice(100))]);
			await store.close();
			const again = await reopen();
			const log = await all(again.read('a'));
			expect(log.map((s) => s.event.id)).toEqual(events.map((e) => e.id));
			expect(log.map((s) => s.position)).toEqual(events.map((_, i) => i + 1));
			expect((await again.append([testEvent('a', 'e7'), testEvent('a', 'new')])).stored.map((s) => s.position)).toEqual([251]);
			await again.close();
		});

		it('purges events older than the cutoff that are not kept, counting them, leaving positions as they were', async () => {
			const store = await open();
			// Minutes past 09:00: the cutoff is 09:30, and '2' is kept whatever its age.
			await store.append([
				testEvent('a', '1', 0),
				testEvent('a', '2', 10),
				testEvent('a', '3', 20),
				testEvent('a', '4', 40),
				testEvent('a', '5', 5),
				testEvent('b', '1', 0)
			]);
			expect(await store.purge('a', NINE_THIRTY, (e) => e.id === '2')).toBe(3);
			expect(await positionsOf(store.read('a'))).toEqual(['2@2', '4@4']);
			expect(await positionsOf(store.read('a', 2))).toEqual(['4@4']);
			expect(await positionsOf(store.read('a', 3))).toEqual(['4@4']);
			expect(await positionsOf(store.read('a', 4))).toEqual([]);
			expect(await positionsOf(store.read('b'))).toEqual(['1@1']);
			expect(await store.purge('a', NINE_THIRTY, (e) => e.id === '2')).toBe(0);
			expect(await store.purge('nowhere', NINE_THIRTY, () => false)).toBe(0);
			await store.close();
		});

		it('compares instants as times, whatever their offset', async () => {
			const store = await open();
			// 10:20+01:00 is 09:20Z, before the cutoff, though it sorts after it as text.
			await store.append([
				{ ...testEvent('a', 'bst'), occurredAt: '2026-11-23T10:20:00+01:00' },
				{ ...testEvent('a', 'late'), occurredAt: '2026-11-23T09:40:00Z' }
			]);
			expect(await store.purge('a', NINE_THIRTY, () => false)).toBe(1);
			expect(await positionsOf(store.read('a'))).toEqual(['late@2']);
			await expect(store.purge('a', 'yesterday', () => false)).rejects.toThrow(RangeError);
			await store.close();
		});

		it('carries on numbering after a purge; remaining ids are still duplicates, purged ones are forgotten', async () => {
			const store = await open();
			await store.append([testEvent('a', '1', 0), testEvent('a', '2', 50), testEvent('a', '3', 0)]);
			expect(await store.purge('a', NINE_THIRTY, () => false)).toBe(2);
			const after = await store.append([testEvent('a', '2', 50), testEvent('a', '4', 55)]);
			expect(after.stored.map((s) => `${s.event.id}@${s.position}`)).toEqual(['4@4']);
			expect(after).toMatchObject({ duplicates: 1, positions: { a: 4 } });
			expect((await store.append([testEvent('a', '1', 0)])).stored.map((s) => s.position)).toEqual([5]);
			expect(await positionsOf(store.read('a'))).toEqual(['2@2', '4@4', '1@5']);
			await store.close();
		});

		it('purges while appends go on, and tells subscribers only of the appends', async () => {
			const store = await open();
			const heard: string[] = [];
			store.subscribe((batch) => heard.push(...batch.map((s) => `${s.event.id}@${s.position}`)));
			const old = Array.from({ length: 50 }, (_, i) => testEvent('a', `old${i}`, 0));
			const fresh = Array.from({ length: 50 }, (_, i) => testEvent('a', `new${i}`, 45));
			await store.append(old.slice(0, 25));
			const [, removed] = await Promise.all([store.append(old.slice(25)), store.purge('a', NINE_THIRTY, () => false), store.append(fresh)]);
			const left = await positionsOf(store.read('a'));
			// The second batch of old events may land before or after the purge.
			expect(removed === 25 || removed === 50).toBe(true);
			expect(left).toHaveLength(100 - removed);
			expect(left.slice(-50)).toEqual(fresh.map((e, i) => `${e.id}@${51 + i}`));
			expect(heard).toHaveLength(100);
			await store.close();
		});

		it('keeps a purge across a restart: nothing comes back, and numbering carries on past purged newest events', async () => {
			const store = await open();
			await store.append([testEvent('a', '1', 50), testEvent('a', '2', 0), testEvent('a', '3', 0), testEvent('b', '1', 0), testEvent('b', '2', 50)]);
			expect(await store.purge('a', NINE_THIRTY, () => false)).toBe(2);
			expect(await store.purge('b', NINE_THIRTY, () => false)).toBe(1);
			await store.close();
			const again = await reopen();
			expect(await positionsOf(again.read('a'))).toEqual(['1@1']);
			expect(await positionsOf(again.read('b'))).toEqual(['2@2']);
			expect((await again.schools()).sort()).toEqual(['a', 'b']);
			expect((await again.append([testEvent('a', '1'), testEvent('a', '4')])).stored.map((s) => `${s.event.id}@${s.position}`)).toEqual(['4@4']);
			expect(await again.purge('a', '2026-11-23T10:00:00Z', () => false)).toBe(2);
			await again.close();
			const third = await reopen();
			expect(await positionsOf(third.read('a'))).toEqual([]);
			expect((await third.append([testEvent('a', '5')])).stored.map((s) => s.position)).toEqual([5]);
			await third.close();
		});
	});
}
