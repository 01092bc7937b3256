import { describe, expect, it } from 'vitest';
import type { InboundEvent, StoredEvent } from '../../protocol';
import type { EventStore } from './event-store';

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
	});
}
