import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { formatPath, type BehaviourCategory } from '../../protocol';

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

/** Words in a source's behaviour type or name, and the Lookout category they mean; first match wins. */
const NEGATIVE_WORDS: readonly [RegExp, BehaviourCategory][] = [
	[/fight|assault|violen|physical/i, 'fighting'],
	[/bully|harass/i, 'bullying'],
	[/damage|vandal/i, 'damage'],
	[/phone|mobile/i, 'phone'],
	[/uniform/i, 'uniform'],
	[/late|punctual/i, 'lateness'],
	[/truan|out of (lesson|class)|internal/i, 'out_of_lesson'],
	[/language|swear|abus/i, 'language'],
	[/defian|rude|disrespect/i, 'defiance'],
	[/refus|no work|homework/i, 'refusal'],
	[/disrupt|talk|low.?level|behaviour/i, 'disruption']
];
const POSITIVE_WORDS: readonly [RegExp, BehaviourCategory][] = [
	[/effort|hard work/i, 'effort'],
	[/kind|help|citizen/i, 'kindness'],
	[/praise|merit|house point|positive/i, 'praise'],
	[/achiev|award|certificate|excellen/i, 'achievement']
];

/** The category a source's words name: negative ones only for an incident, either kind for a behaviour that may be praise. */
export function behaviourCategoryOf(text: string, kinds: 'negative' | 'any'): BehaviourCategory | null {
	const tables = kinds === 'negative' ? [NEGATIVE_WORDS] : [NEGATIVE_WORDS, POSITIVE_WORDS];
	for (const table of tables) for (const [pattern, category] of table) if (pattern.test(text)) return category;
	return null;
}
