import { describe, expect, it, vi } from 'vitest';
import { changePassword } from './change-password';

const OLD = 'the old password';
const NEW = 'a new long password';
const answer = (status: number, body: unknown) => vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
const refused = (path: string, message: string) => answer(400, { ok: false, code: 'invalid_body', message: 'x', issues: [{ path, message }] });

describe('changing a password', () => {
	it('names the field at fault without asking the server: empty, short, not matching, unchanged', async () => {
		const send = answer(200, { ok: true, data: { signedOut: 'everywhere' } });
		await expect(changePassword('', NEW, NEW, send)).resolves.toMatchObject({ ok: false, field: 'currentPassword' });
		await expect(changePassword(OLD, 'short', 'short', send)).resolves.toMatchObject({
			ok: false,
			field: 'newPassword',
			message: expect.stringMatching(/at least 12 characters \(this one has 5\)/)
		});
		await expect(changePassword(OLD, NEW, `${NEW}!`, send)).resolves.toMatchObject({
			ok: false,
			field: 'confirmPassword',
			message: expect.stringMatching(/do not match/)
		});
		await expect(changePassword(OLD, OLD, OLD, send)).resolves.toMatchObject({
			ok: false,
			field: 'newPassword',
			message: expect.stringMatching(/same as the current one/)
		});
		expect(send).not.toHaveBeenCalled();
		await expect(changePassword(OLD, NEW, NEW, send)).resolves.toEqual({ ok: true });
		expect(send).toHaveBeenCalledWith(
			'/api/v1/session/password',
			expect.objectContaining({ method: 'POST', body: JSON.stringify({ currentPassword: OLD, newPassword: NEW }) })
		);
	});

	it("says the server's refusals in plain words, on the field it names", async () => {
		await expect(changePassword(OLD, NEW, NEW, refused('currentPassword', 'does not match'))).resolves.toMatchObject({
			ok: false,
			field: 'currentPassword',
			message: expect.stringMatching(/not your current password/)
		});
		await expect(changePassword(OLD, NEW, NEW, refused('newPassword', 'must be at most 200 characters'))).resolves.toEqual({
			ok: false,
			field: 'newPassword',
			message: 'The new password must be at most 200 characters.'
		});
		await expect(changePassword(OLD, NEW, NEW, answer(429, { ok: false, code: 'rate_limited', message: 'x' }))).resolves.toMatchObject({
			ok: false,
			field: null,
			message: expect.stringMatching(/Too many attempts/)
		});
		await expect(changePassword(OLD, NEW, NEW, answer(401, { ok: false, code: 'unauthenticated', message: 'x' }))).resolves.toMatchObject({
			ok: false,
			field: null,
			message: expect.stringMatching(/signed out/)
		});
		await expect(
			changePassword(
				OLD,
				NEW,
				NEW,
				vi.fn(() => Promise.reject(new TypeError('Failed to fetch')))
			)
		).resolves.toMatchObject({ ok: false, field: null, message: expect.stringMatching(/cannot be reached/) });
	});
});
