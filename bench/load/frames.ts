/** Ids of the behaviour items a `school:changed` frame upserts, read without trusting its shape. */
export function behaviourIds(frame: unknown): string[] {
	if (typeof frame !== 'object' || frame === null) return [];
	const changes = (frame as { changes?: unknown }).changes;
	if (!Array.isArray(changes)) return [];
	const ids: string[] = [];
	for (const change of changes as unknown[]) {
		if (typeof change !== 'object' || change === null) continue;
		const { feed, upsert } = change as { feed?: unknown; upsert?: unknown };
		if (feed !== 'behaviour' || !Array.isArray(upsert)) continue;
		for (const item of upsert as unknown[]) {
			const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
			if (typeof id === 'string') ids.push(id);
		}
	}
	return ids;
}
