/**
 * What clients were last sent of one feed, by item id. Diffing against it turns a freshly
 * derived list into the upserts and removals of a frame.
 */
export class PublishedFeed<T extends { id: string }> {
	#items = new Map<string, { json: string; item: T }>();

	/** The whole feed: whatever was published and is not in `next` has left it. */
	diff(next: readonly T[]): { upsert: T[]; remove: string[] } {
		return this.diffSome(new Set(this.#items.keys()), next);
	}

	/** As `diff`, for some items only: a named id missing from `next` has left the feed. */
	diffSome(ids: ReadonlySet<string>, next: readonly T[]): { upsert: T[]; remove: string[] } {
		const upsert: T[] = [];
		const seen = new Set<string>();
		for (const item of next) {
			seen.add(item.id);
			// Views keep the items that did not change and give them again as the same objects, never changed in place.
			if (this.#items.get(item.id)?.item === item) continue;
			const json = JSON.stringify(item);
			if (this.#items.get(item.id)?.json === json) continue;
			this.#items.set(item.id, { json, item });
			upsert.push(item);
		}
		const remove: string[] = [];
		for (const id of ids) {
			if (!seen.has(id) && this.#items.delete(id)) remove.push(id);
		}
		return { upsert, remove };
	}

	items(): T[] {
		return [...this.#items.values()].map((v) => v.item);
	}
}
