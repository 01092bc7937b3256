import { ApiError } from '$protocol';
import type { Fetch } from '../auth/csrf';

/** What went wrong, in a line: the server's message and the issues it named. */
export async function problemOf(res: Response, what: string): Promise<string> {
	const parsed = ApiError.safeParse(await res.json().catch(() => null));
	if (!parsed.success) return `${what} did not work (status ${res.status}).`;
	const issues = (parsed.data.issues ?? []).map((i) => `${i.path}: ${i.message}`);
	return [parsed.data.message, ...issues].join('; ');
}

/** `?school=...&k=v` with every value encoded; empty values left out. */
export function queryOf(params: Record<string, string | undefined>): string {
	const search = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
	return `?${search.toString()}`;
}

/** Posts JSON to the API; answers the problem in a line, or null when it worked. */
export async function postTo(send: Fetch, path: string, schoolId: string, body: unknown, what: string): Promise<string | null> {
	try {
		const res = await send(`/api/v1${path}${queryOf({ school: schoolId })}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		return res.ok ? null : await problemOf(res, what);
	} catch (err) {
		return `${what} did not work: ${err instanceof Error ? err.message : String(err)}`;
	}
}

/** GETs a report and checks its shape: the report, or the problem in a line. */
export async function getReport<T>(
	send: Fetch,
	url: string,
	schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
	what: string
): Promise<T | string> {
	try {
		const res = await send(url);
		if (!res.ok) return await problemOf(res, what);
		const parsed = schema.safeParse(await res.json());
		return parsed.success ? parsed.data : `${what} came back in a form this page does not understand.`;
	} catch (err) {
		return `${what} cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
	}
}
