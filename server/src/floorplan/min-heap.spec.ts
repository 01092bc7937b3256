import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
	it('gives items back smallest key first, whatever order they went in', () => {
		const heap = new MinHeap<string>();
		const keys = [5, 3, 9, 1, 7, 3, 0, 12, 4];
		for (const key of keys) heap.push(key, `k${key}`);
		const out: number[] = [];
		for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item.key);
		expect(out).toEqual([...keys].sort((a, b) => a - b));
		expect(heap.size).toBe(0);
	});
});
