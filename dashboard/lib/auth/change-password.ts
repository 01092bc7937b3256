import { ApiError } from '$protocol';
import type { Fetch } from './csrf';

/** The server's bounds on a new password; the browser says the same before anything is sent. */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

export type PasswordChange = { ok: true } | { ok: false; field: PasswordField | null; message: string };

/** Why this would not do as a new password, in plain words; null when it will. */
export function newPasswordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD) return `The new password must be at least ${MIN_PASSWORD} characters (this one has ${password.length}).`;
	if (password.length > MAX_PASSWORD) return `The new password must be at most ${MAX_PASSWORD} characters (this one has ${password.length}).`;
	return null;
}

/** Checks the form before it is sent: the field at fault, or null when it can go. */
export function changeProblem(current: string, next: string, again: string): { field: PasswordField; message: string } | null {
	if (current === '') return { field: 'currentPassword', message: 'Enter the password you signed in with.' };
	const problem = newPasswordProblem(next);
	if (problem) return { field: 'newPassword', message: problem };
	if (again !== next) return { field: 'confirmPassword', message: 'The two new passwords do not match. Type the new password again.' };
	if (next === current) return { field: 'newPassword', message: 'The new password is the same as the current one. Choose a different one.' };
	return null;
}

/**
 * `POST /api/v1/session/password`. When it works every session of the person ends, this one
 * too; when it does not, what went wrong in plain words and which field it is about.
 */
export async function changePassword(current: string, next: string, again: string, send: Fetch): Promise<PasswordChange> {
	const problem = changeProblem(current, next, again);
	if (problem) return { ok: false, ...problem };
	let res: Response;
	try {
		res = await send('/api/v1/session/password', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ currentPassword: current, newPassword: next })
		});
	} catch {
		return { ok: false, field: null, message: 'The server cannot be reached, so your password is unchanged. Check the connection and try again.' };
	}
	if (res.ok) return { ok: true };
	const error = ApiError.safeParse(await res.json().catch(() => null));
	const code = error.success ? error.data.code : null;
	const issue = error.success ? error.data.issues?.[0] : undefined;
	if (code === 'invalid_body' && issue?.path === 'currentPassword')
		return { ok: false, field: 'currentPassword', message: 'That is not your current password, so nothing was changed. Type it again.' };
	if (code === 'invalid_body' && issue?.path === 'newPassword')
		return { ok: false, field: 'newPassword', message: `The new password ${issue.message.replace(/\.$/, '')}.` };
	if (res.status === 429 || code === 'rate_limited')
		return { ok: false, field: null, message: 'Too many attempts from this network. Wait a minute, then try again.' };
	if (res.status === 401 || code === 'unauthenticated')
		return { ok: false, field: null, message: 'You are signed out, so your password is unchanged. Sign in again first.' };
	return {
		ok: false,
		field: null,
		message: `Changing your password did not work (the server answered ${res.status}); it is unchanged. Try again in a moment.`
	};
}
