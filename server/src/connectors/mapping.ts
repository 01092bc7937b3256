import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { formatPath } from '../../protocol';

/** A short stable digest: event ids derived from the source's ids and `updated_at`, so a re-read page appends nothing. */
export function digest(...parts: readonly string[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part).update('\0');
	return hash.digest('hex').slice(0, 20);
}

/** A zod error in one line: each field and what is wrong with it. */
export function reasonOf(error: z.ZodError, prefix = ''): string {
	return error.issues.map((i) => `${prefix}${formatPath(i.path)} ${i.message}`.trim()).join('; ');
}

/** The record's own id when it has one, for naming it in a refusal. */
export function sourceIdOf(record: unknown): string {
	if (record && typeof record === 'object' && 'id' in record && typeof record.id === 'string') return record.id;
	return '(no id)';
}

/** The later of two source timestamps (`YYYY-MM-DD HH:MM:SS.uuuuuu`, so text order is time order). */
export function laterOf(a: string | null, b: string | null): string | null {
	if (a === null) return b;
	if (b === null) return a;
	return a > b ? a : b;
}
