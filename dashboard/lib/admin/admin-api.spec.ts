import { describe, expect, it } from 'vitest';
import { refusal } from './admin-api';

describe('admin refusals', () => {
	it('name the field in plain words', () => {
		const body = { ok: false, code: 'invalid_body', message: 'send { email, ... }', issues: [{ path: 'password', message: 'must be at least 12 characters' }] };
		expect(refusal(400, body)).toEqual({ ok: false, field: 'password', message: 'Password must be at least 12 characters.' });
		expect(refusal(400, { ...body, issues: [{ path: 'email', message: 'is taken' }] }).message).toBe('Email address is taken.');
		expect(refusal(400, { ...body, issues: [{ path: 'email', message: 'Invalid email address' }] }).message).toBe('Email address: Invalid email address.');
	});

	it('fall back to the server message, or the status', () => {
		expect(refusal(403, { ok: false, code: 'forbidden', message: 'the patrol role may not GET /users' }).message).toBe(
			'Not done: the patrol role may not GET /users.'
		);
		expect(refusal(502, '<html>').message).toMatch(/status 502/);
	});
});
