import { ApiError, CommandResult, DispatchCommand, type DispatchCommandInput } from '$protocol';
import type { Fetch } from '../auth/csrf';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A dispatch command without its id: `send` gives it one, and keeps it across retries. */
export type Step = DistributiveOmit<DispatchCommandInput, 'id'>;

/** A refusal: `message` says in plain words what happened and what to do; `detail` is the server's own words. */
export type Sent = { ok: true; duplicate: boolean } | { ok: false; code: string; message: string; detail?: string };

/**
 * A random UUID. `crypto.randomUUID` exists only on secure origins (https or localhost); a
 * phone on the school network over plain http still has `getRandomValues`.
 */
export function newId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
	b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
	const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What the person at the screen is told for each refusal: what happened, and what to do. */
const PLAIN: Record<string, string> = {
	invalid_transition: 'That step does not fit where the call is now (someone may have moved it on). The list shows where it stands.',
	unknown_request: 'That call is not open any more.',
	staff_unavailable: 'That member of staff is not free now (teaching, off duty or on another call). Pick someone else.',
	invalid_body: 'The server refused the request as malformed; nothing was saved.',
	store_unavailable: 'The server cannot save just now; nothing was saved. Try again in a few seconds.',
	not_found: 'The server does not know this request yet; nothing was saved.',
	unauthenticated: 'You are signed out (your session ended), so nothing was saved. Sign in again and repeat it.',
	forbidden: 'Your role may not take this step, so nothing was saved.',
	internal: 'The server failed on this request; nothing may have been saved. Try again.'
};

export function plainError(code: string, message: string): { message: string; detail?: string } {
	const plain = PLAIN[code];
	return plain ? { message: plain, detail: message } : { message };
}

const RETRY_MS = [400, 1_500];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `POST /api/v1/oncall?school=ID`, through `send` (the session's fetch, which adds its CSRF
 * token). A network failure or an unavailable store is retried with the same id, so a step that
 * did reach the server is not taken twice.
 */
export async function sendCommand(send: Fetch, schoolId: string, step: Step, id: string = newId()): Promise<Sent> {
	const command = DispatchCommand.safeParse({ ...step, id });
	if (!command.success) {
		const issue = command.error.issues[0];
		return { ok: false, code: 'invalid_body', message: `This cannot be sent: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'it is incomplete'}.` };
	}
	for (let attempt = 0; ; attempt++) {
		let res: Response;
		try {
			res = await send(`/api/v1/oncall?school=${encodeURIComponent(schoolId)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(command.data)
			});
		} catch (err) {
			const retry = RETRY_MS[attempt];
			if (retry !== undefined) {
				await wait(retry);
				continue;
			}
			return {
				ok: false,
				code: 'offline',
				message: 'The server cannot be reached, so this was not saved. Check the connection and try again.',
				detail: err instanceof Error ? err.message : String(err)
			};
		}
		const body: unknown = await res.json().catch(() => null);
		if (res.ok) {
			const result = CommandResult.safeParse(body);
			if (result.success) return { ok: true, duplicate: result.data.data.duplicate };
			return {
				ok: false,
				code: 'bad_answer',
				message: `The server answered ${res.status} in a form this page does not understand; reload the page to see whether it was saved.`
			};
		}
		const error = ApiError.safeParse(body);
		if (!error.success) return { ok: false, code: 'bad_answer', message: `The server refused this with status ${res.status}; nothing was saved.` };
		const retry = RETRY_MS[attempt];
		if (error.data.code === 'store_unavailable' && retry !== undefined) {
			await wait(retry);
			continue;
		}
		const issues = error.data.issues
			?.filter((i) => !error.data.message.includes(i.message))
			.map((i) => `${i.path}: ${i.message}`)
			.join('; ');
		return { ok: false, code: error.data.code, ...plainError(error.data.code, issues ? `${error.data.message}; ${issues}` : error.data.message) };
	}
}
