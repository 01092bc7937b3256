import { describe, expect, it, vi } from 'vitest';
import { signIn } from './sign-in';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
	vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status, headers })));

describe('signing in', () => {
	it('names an empty field without asking the server', async () => {
		const send = answer(200, {});
		await expect(signIn(' ', 'pw', send)).resolves.toMatchObject({ ok: false, field: 'email' });
		await expect(signIn('a@b.test', '', send)).resolves.toMatchObject({ ok: false, field: 'password' });
		expect(send).not.toHaveBeenCalled();
	});

	it('says a wrong password, a lock-out, a rate limit and a bad email in plain words', async () => {
		const wrong = await signIn(
			'a@b.test',
			'nope',
			answer(401, { ok: false, code: 'unauthenticated', message: 'x', issues: [{ path: 'password', message: 'does not match' }] })
		);
		expect(wrong).toMatchObject({ ok: false, field: 'password', message: expect.stringMatching(/email address or the password is not right/) });
		const locked = await signIn('a@b.test', 'nope', answer(423, { ok: false, code: 'locked', message: 'x' }, { 'retry-after': '840' }));
		expect(locked).toMatchObject({ ok: false, field: null, message: expect.stringMatching(/locked .* Try again in 14 minutes/) });
		const limited = await signIn('a@b.test', 'nope', answer(429, { ok: false, code: 'rate_limited', message: 'x' }));
		expect(limited).toMatchObject({ ok: false, message: expect.stringMatching(/Too many sign-in attempts/) });
		const email = await signIn(
			'not-an-email',
			'pw',
			answer(400, { ok: false, code: 'invalid_body', message: 'x', issues: [{ path: 'email', message: 'Invalid email' }] })
		);
		expect(email).toMatchObject({ ok: false, field: 'email', message: expect.stringMatching(/not an email address/) });
	});

	it('says when the server cannot be reached', async () => {
		const result = await signIn(
			'a@b.test',
			'pw',
			vi.fn(() => Promise.reject(new TypeError('Failed to fetch')))
		);
		expect(result).toMatchObject({ ok: false, field: null, message: expect.stringMatching(/cannot be reached/) });
	});
});
