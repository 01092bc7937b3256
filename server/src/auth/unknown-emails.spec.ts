import { describe, expect, it } from 'vitest';
import { LOCKOUT_WINDOW_MS } from '../domain/access/access';
import { UnknownEmailFailures } from './unknown-emails';

describe('UnknownEmailFailures', () => {
	it('locks an email on its fifth failure within the window, until the window after the last', () => {
		const failures = new UnknownEmailFailures();
		const results = [0, 1, 2, 3, 4].map((i) => failures.fail('a@x.test', 1_000 * i));
		expect(results).toEqual([null, null, null, null, 4_000 + LOCKOUT_WINDOW_MS]);
		expect(failures.lockedUntil('a@x.test', 4_000 + LOCKOUT_WINDOW_MS - 1)).toBe(4_000 + LOCKOUT_WINDOW_MS);
		expect(failures.lockedUntil('a@x.test', 4_000 + LOCKOUT_WINDOW_MS)).toBeNull();
		expect(failures.lockedUntil('b@x.test', 0)).toBeNull();
	});

	it('does not lock failures spread wider than the window', () => {
		const failures = new UnknownEmailFailures();
		const step = LOCKOUT_WINDOW_MS / 4 + 1;
		expect([0, 1, 2, 3, 4].map((i) => failures.fail('a@x.test', step * i)).every((r) => r === null)).toBe(true);
	});

	it('stays within its capacity, forgetting the email that failed longest ago', () => {
		const failures = new UnknownEmailFailures(3);
		for (let i = 0; i < 5; i += 1) failures.fail('kept@x.test', i);
		for (const email of ['1@x.test', '2@x.test', '3@x.test']) failures.fail(email, 10);
		expect(failures.size).toBe(3);
		expect(failures.lockedUntil('kept@x.test', 10)).toBeNull();
		for (let i = 0; i < 5; i += 1) failures.fail('kept@x.test', 20 + i);
		failures.fail('4@x.test', 30);
		expect(failures.size).toBe(3);
		expect(failures.lockedUntil('kept@x.test', 30)).toBe(24 + LOCKOUT_WINDOW_MS);
	});
});
