import { z } from 'zod';
import { ApiError, SessionInfo } from '$protocol';
import type { Fetch } from './csrf';

export type SignInField = 'email' | 'password';

export type SignInResult = { ok: true; session: SessionInfo } | { ok: false; field: SignInField | null; message: string };

const Answer = z.object({ ok: z.literal(true), data: SessionInfo });

const EMPTY: Record<SignInField, string> = {
	email: 'Enter your email address, for example j.smith@school.org.uk.',
	password: 'Enter your password.'
};

/** `Retry-After` in whole minutes, at least one. */
function minutes(retryAfter: string | null): number {
	const seconds = Number(retryAfter);
	return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
}

/** Checks the form before it is sent: empty fields are named without a round trip. */
export function formProblem(email: string, password: string): { field: SignInField; message: string } | null {
	if (email.trim() === '') return { field: 'email', message: EMPTY.email };
	if (password === '') return { field: 'password', message: EMPTY.password };
	return null;
}

/** `POST /api/v1/session`: the session, or what went wrong in plain words and which field it is about. */
export async function signIn(email: string, password: string, send: Fetch = (input, init) => fetch(input, init)): Promise<SignInResult> {
	const problem = formProblem(email, password);
	if (problem) return { ok: false, ...problem };
	let res: Response;
	try {
		res = await send('/api/v1/session', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: email.trim(), password })
		});
	} catch {
		return { ok: false, field: null, message: 'The server cannot be reached. Check the connection and try again.' };
	}
	const body: unknown = await res.json().catch(() => null);
	if (res.ok) {
		const answer = Answer.safeParse(body);
		return answer.success
			? { ok: true, session: answer.data.data }
			: { ok: false, field: null, message: 'The server answered in a form this page does not understand. Reload the page and try again.' };
	}
	const error = ApiError.safeParse(body);
	const code = error.success ? error.data.code : null;
	if (res.status === 423 || code === 'locked') {
		const wait = minutes(res.headers.get('retry-after'));
		return {
			ok: false,
			field: null,
			message: `This account is locked after too many wrong passwords. Try again in ${wait} minute${wait === 1 ? '' : 's'}, or ask your school's Lookout admin.`
		};
	}
	if (res.status === 429 || code === 'rate_limited')
		return { ok: false, field: null, message: 'Too many sign-in attempts from this network. Wait a minute, then try again.' };
	if (res.status === 401 || code === 'unauthenticated')
		return { ok: false, field: 'password', message: 'The email address or the password is not right. Check both and try again.' };
	if (code === 'invalid_body') {
		const field = error.success ? error.data.issues?.map((i) => i.path).find((p): p is SignInField => p === 'email' || p === 'password') : undefined;
		if (field === 'email') return { ok: false, field, message: 'That is not an email address. Enter it in full, for example j.smith@school.org.uk.' };
		if (field === 'password') return { ok: false, field, message: 'That password cannot be right: check it and try again.' };
	}
	if (code === 'forbidden') return { ok: false, field: null, message: 'Sign in from the Lookout page itself, not from another site.' };
	return { ok: false, field: null, message: `Signing in did not work (the server answered ${res.status}). Try again in a moment.` };
}
