/** A binary min-heap of items keyed by a number; enough for Dijkstra over a school's few hundred nodes. */
export class MinHeap<T> {
	readonly #items: { key: number; value: T }[] = [];

	get size(): number {
		return this.#items.length;
	}

	push(key: number, value: T): void {
		const items = this.#items;
		items.push({ key, value });
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const [here, above] = [items[i], items[parent]];
			if (here === undefined || above === undefined || above.key <= here.key) break;
			[items[i], items[parent]] = [above, here];
			i = parent;
		}
	}

	/** The item with the smallest key, removed; undefined when empty. */
	pop(): { key: number; value: T } | undefined {
		const items = this.#items;
		const top = items[0];
		const last = items.pop();
		if (top === undefined || last === undefined || items.length === 0) return top;
		items[0] = last;
		let i = 0;
		for (;;) {
			const [left, right] = [2 * i + 1, 2 * i + 2];
			let smallest = i;
			if ((items[left]?.key ?? Infinity) < (items[smallest]?.key ?? Infinity)) smallest = left;
			if ((items[right]?.key ?? Infinity) < (items[smallest]?.key ?? Infinity)) smallest = right;
			if (smallest === i) return top;
			const [a, b] = [items[i], items[smallest]];
			if (a === undefined || b === undefined) return top;
			[items[i], items[smallest]] = [b, a];
			i = smallest;
		}
	}
}
