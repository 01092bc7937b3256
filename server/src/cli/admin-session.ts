import { z } from 'zod';
import { ApiError, SessionInfo } from '../../protocol';

/** A signed-in person as a command-line tool holds them: the cookie, and the token POSTs echo. */
export interface AdminSession {
	/** The `cookie` request header, e.g. `lookout_session=northfield.…`. */
	cookie: string;
	csrfToken: string;
}

const SignedIn = z.object({ ok: z.literal(true), data: SessionInfo.pick({ role: true, schoolId: true, csrfToken: true }) });

/** An error the server answered, worded for a person at a terminal. */
export class ServerRefusal extends Error {
	override readonly name = 'ServerRefusal';

	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** Reads an answer, or throws what the server said, with each issue it named. */
export async function answerOf(res: Response): Promise<unknown> {
	const text = await res.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new ServerRefusal(
			res.status,
			'not_json',
			`the server answered HTTP ${res.status} with something that is not Lookout's JSON: is this the Lookout address?`
		);
	}
	if (res.ok) return body;
	const error = ApiError.safeParse(body);
	if (!error.success) throw new ServerRefusal(res.status, 'unknown', `HTTP ${res.status}`);
	const issues = error.data.issues?.map((i) => ` (${i.path}: ${i.message})`).join('') ?? '';
	throw new ServerRefusal(res.status, error.data.code, `${error.data.message}${issues}`);
}

/**
 * Signs in over the API as a person would on the sign-in page. Wrong details, a locked
 * account and too many attempts are each told apart, since each asks for something else.
 */
export async function signIn(base: string, email: string, password: string): Promise<AdminSession & { role: string; schoolId: string }> {
	const res = await request(`${base}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	try {
		const { data } = SignedIn.parse(await answerOf(res));
		const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		if (!cookie.includes('=')) throw new Error('the server signed in but set no session cookie');
		return { cookie, csrfToken: data.csrfToken, role: data.role, schoolId: data.schoolId };
	} catch (err) {
		if (!(err instanceof ServerRefusal)) throw err;
		// Locked and rate-limited answers already say how long to wait.
		const why = err.code === 'unauthenticated' ? `the email or password is wrong for ${email}` : err.message;
		throw new ServerRefusal(err.status, err.code, `sign-in refused: ${why}`);
	}
}

/** Ends the session, so a tool's sign-in does not outlive the command. */
export async function signOut(base: string, session: AdminSession): Promise<void> {
	await request(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
}

/** Calls an API route as the signed-in person: the cookie always, the CSRF token on POST. */
export async function callAs(session: AdminSession, url: string, method: 'GET' | 'POST', body?: unknown): Promise<unknown> {
	const headers: Record<string, string> = { cookie: session.cookie };
	if (method === 'POST') headers['x-csrf-token'] = session.csrfToken;
	if (body !== undefined) headers['content-type'] = 'application/json';
	return answerOf(await request(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
}

async function request(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (err) {
		const why = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
		throw new Error(`cannot reach Lookout at ${new URL(url).origin} (${why}): is it running, and is --url right?`, { cause: err });
	}
}
