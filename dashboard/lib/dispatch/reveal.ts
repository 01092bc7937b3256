import { z } from 'zod';
import { ApiError } from '$protocol';
import type { Fetch } from '../auth/csrf';

const Revealed = z.object({
	ok: z.literal(true),
	data: z.object({ students: z.array(z.object({ id: z.string(), givenName: z.string(), familyName: z.string() })) })
});

export type Reveal = { ok: true; names: Map<string, string> } | { ok: false; message: string };

/**
 * `POST /api/v1/students/reveal?school=ID`: full names of these students, each look written to
 * the audit log by the server. Patrol staff may ask only for the students of their own call.
 */
export async function revealNames(send: Fetch, schoolId: string, studentIds: string[]): Promise<Reveal> {
	let res: Response;
	try {
		res = await send(`/api/v1/students/reveal?school=${encodeURIComponent(schoolId)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ studentIds })
		});
	} catch {
		return { ok: false, message: 'The server cannot be reached, so the names cannot be shown. Try again.' };
	}
	const body: unknown = await res.json().catch(() => null);
	const answer = Revealed.safeParse(body);
	if (res.ok && answer.success) return { ok: true, names: new Map(answer.data.data.students.map((s) => [s.id, `${s.givenName} ${s.familyName}`])) };
	if (res.status === 403) return { ok: false, message: 'Names are shown only to the responder on the call, and this call is not yours now.' };
	const error = ApiError.safeParse(body);
	return { ok: false, message: `The names cannot be shown now (${error.success ? error.data.message : `the server answered ${res.status}`}). Try again.` };
}
