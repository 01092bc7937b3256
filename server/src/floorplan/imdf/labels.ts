import type { z } from 'zod';
import type { Labels } from './schema';

/**
 * The name in the archive's language: the exact tag (`en-GB`), then any of its language (`en`,
 * `en-US`), then the first given. IMDF names are `{"en": "Science lab"}`; Lookout keeps one.
 */
export function pickLabel(labels: z.infer<typeof Labels> | null | undefined, language: string): string | null {
	if (labels === null || labels === undefined) return null;
	const entries = Object.entries(labels).filter(([, text]) => text.trim() !== '');
	const primary = language.split('-')[0]?.toLowerCase() ?? '';
	const pick =
		entries.find(([tag]) => tag.toLowerCase() === language.toLowerCase()) ??
		entries.find(([tag]) => tag.split('-')[0]?.toLowerCase() === primary) ??
		entries[0];
	return pick === undefined ? null : pick[1].trim();
}
