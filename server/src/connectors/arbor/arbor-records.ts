import type { z } from 'zod';
import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { MapContext, MappedEvent, MappedPage } from '../connector';
import { laterOf, reasonOf } from '../mapping';

/** Arbor's ids are numbers; a refusal names the record by it. */
export function arborSourceId(record: unknown): string {
	if (record && typeof record === 'object' && 'id' in record && (typeof record.id === 'number' || typeof record.id === 'string')) return String(record.id);
	return '(no id)';
}

/**
 * Each record checked against its documented shape and mapped on its own: an event, a refusal in
 * words, or null (read and left alone on purpose). The page's latest `lastModifiedDatetime` is kept
 * for the cursor, refused records included, so a refused record is not asked for again and again.
 */
export function mapEach<S extends z.ZodType<{ id: number; lastModifiedDatetime: string }>>(
	records: readonly unknown[],
	schema: S,
	context: MapContext,
	one: (record: z.infer<S>) => MappedEvent | string | null
): MappedPage {
	const events: MappedEvent[] = [];
	const refused: ConnectorRefusal[] = [];
	let skipped = 0;
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const parsed = schema.safeParse(record);
		if (!parsed.success) {
			refused.push({ endpoint: context.endpoint, sourceId: arborSourceId(record), reason: reasonOf(parsed.error) });
			continue;
		}
		const r = parsed.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, r.lastModifiedDatetime);
		const result = one(r);
		if (result === null) skipped += 1;
		else if (typeof result === 'string') refused.push({ endpoint: context.endpoint, sourceId: String(r.id), reason: result });
		else events.push(result);
	}
	return { events, refused, skipped, maxUpdatedAt };
}
