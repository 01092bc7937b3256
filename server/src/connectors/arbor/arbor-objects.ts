import { z } from 'zod';
import { formatPath } from '../../../protocol';
import type { ObjectReads } from '../connector';

/** A listed entry as Arbor documents a listing: the object's identity and link, `{"entityType": "Student", "id": 16, "href": "/rest-v2/students/16"}`. */
const ArborListed = z.looseObject({
	entityType: z.string().min(1),
	id: z.coerce.number().int().positive(),
	href: z.string().regex(/^(\/|https?:\/\/)/, 'a path from the host or a whole URL')
});

/** One object read at its href, as the SDK's `retrieve()` reads it: the object under its type's name (`{"response": {...}, "student": {...}}`). */
const ArborObjectAnswer = z.looseObject({ response: z.looseObject({ code: z.coerce.number().int().optional() }).optional() });

/** Arbor's listings give identities and links; each object is then read at its own href. */
export const arborObjectReads: ObjectReads = {
	hrefs(listed) {
		const hrefs: string[] = [];
		for (const [i, entry] of listed.entries()) {
			const parsed = ArborListed.safeParse(entry);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				return { ok: false, problem: `entry ${i}: ${`${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`.trim()}` };
			}
			hrefs.push(parsed.data.href);
		}
		return { ok: true, hrefs };
	},
	readObject(body) {
		const answer = ArborObjectAnswer.safeParse(body);
		if (!answer.success) return { ok: false, problem: 'the answer is not an object' };
		const objects = Object.entries(answer.data).filter(
			([key, value]) => key !== 'response' && value !== null && typeof value === 'object' && !Array.isArray(value)
		);
		const [object] = objects;
		if (objects.length !== 1 || !object)
			return { ok: false, problem: `an object's answer holds one object beside its response; this one held ${objects.length}` };
		return { ok: true, record: object[1] };
	}
};
