import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../protocol';
import {
	applyAccess,
	createAccessState,
	keyByHash,
	liveSession,
	lockedUntil,
	LOCKOUT_FAILURES,
	LOCKOUT_WINDOW_MS,
	userByEmail,
	type AccessState
} from './access';

const T0 = Date.parse('2026-11-23T08:00:00.000Z');
const MINUTE = 60_000;
const HASH = `scrypt$1024$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`;
const iso = (ms: number) => new Date(ms).toISOString();

let n = 0;
const base = (at: number) => ({ id: `e${(n += 1)}`, schoolId: 'test-school', occurredAt: iso(at) });

const added = (userId: string, at = T0, email = `${userId}@school.test`): EventOf<'user:added'> => ({
	...base(at),
	type: 'user:added',
	userId,
	email,
	displayName: userId,
	role: 'coordinator',
	staffId: null,
	passwordHash: HASH
});
const audit = (action: 'sign_in_failed' | 'signed_in', userId: string, at: number): EventOf<'audit:recorded'> => ({
	...base(at),
	type: 'audit:recorded',
	action,
	actorId: userId,
	actorRole: 'coordinator',
	studentId: null,
	address: '127.0.0.1',
	detail: ''
});
const started = (sessionId: string, userId: string, at: number, expiresAt = at + 12 * 60 * MINUTE): EventOf<'session:started'> => ({
	...base(at),
	type: 'session:started',
	sessionId,
	userId,
	expiresAt: iso(expiresAt)
});
const sid = (c: string) => c.repeat(64);

type AccessEvent = Parameters<typeof applyAccess>[1];

function stateWith(...events: AccessEvent[]): AccessState {
	const access = createAccessState();
	for (const e of events) applyAccess(access, e);
	return access;
}

function failuresAt(userId: string, ...minutes: number[]) {
	return minutes.map((m) => audit('sign_in_failed', userId, T0 + m * MINUTE));
}

describe('sign-in lock-out', () => {
	it(`locks after ${LOCKOUT_FAILURES} failures for ${LOCKOUT_WINDOW_MS / MINUTE} minutes after the last one`, () => {
		const access = stateWith(added('u1'), ...failuresAt('u1', 0, 1, 2, 3, 4));
		const until = T0 + 4 * MINUTE + LOCKOUT_WINDOW_MS;
		expect(lockedUntil(access, 'u1', T0 + 4 * MINUTE)).toBe(until);
		expect(lockedUntil(access, 'u1', until - 1)).toBe(until);
		expect(lockedUntil(access, 'u1', until)).toBeNull();
	});

	it.each([
		{ name: 'four failures do not lock', minutes: [0, 1, 2, 3], locked: false },
		{ name: 'five failures spanning exactly the window lock', minutes: [0, 5, 10, 14, 15], locked: true },
		{ name: 'five failures spanning the window and a millisecond do not', minutes: [0, 5, 10, 14, 15 + 1 / MINUTE], locked: false },
		{ name: 'an old failure out of the window is not counted: the last five are', minutes: [-60, 0, 1, 2, 3], locked: false },
		{ name: 'six failures lock on the last five in the window', minutes: [-60, 0, 1, 2, 3, 4], locked: true }
	])('$name', ({ minutes, locked }) => {
		const access = stateWith(added('u1'), ...failuresAt('u1', ...minutes));
		const last = T0 + Math.max(...minutes) * MINUTE;
		expect(lockedUntil(access, 'u1', last)).toBe(locked ? last + LOCKOUT_WINDOW_MS : null);
	});

	it('a good sign-in forgets earlier failures', () => {
		const access = stateWith(added('u1'), ...failuresAt('u1', 0, 1, 2, 3), audit('signed_in', 'u1', T0 + 4 * MINUTE), ...failuresAt('u1', 5, 6, 7, 8));
		expect(lockedUntil(access, 'u1', T0 + 8 * MINUTE)).toBeNull();
		applyAccess(access, failuresAt('u1', 9)[0]!);
		expect(lockedUntil(access, 'u1', T0 + 9 * MINUTE)).toBe(T0 + 9 * MINUTE + LOCKOUT_WINDOW_MS);
	});

	it("one person's failures never lock another", () => {
		const access = stateWith(added('u1'), added('u2'), ...failuresAt('u1', 0, 1, 2, 3, 4));
		expect(lockedUntil(access, 'u1', T0 + 5 * MINUTE)).not.toBeNull();
		expect(lockedUntil(access, 'u2', T0 + 5 * MINUTE)).toBeNull();
	});

	it('keeps only the failures that can still matter', () => {
		const access = stateWith(added('u1'), ...failuresAt('u1', ...Array.from({ length: 40 }, (_, i) => i)));
		expect(access.failures.get('u1')).toHaveLength(LOCKOUT_FAILURES);
	});
});

describe('live sessions', () => {
	const at = T0 + MINUTE;
	const expiresAt = at + 12 * 60 * MINUTE;

	it('finds a live session and its person', () => {
		const access = stateWith(added('u1'), started(sid('a'), 'u1', at, expiresAt));
		expect(liveSession(access, sid('a'), at)).toMatchObject({ session: { userId: 'u1', startedAt: at, expiresAt, ended: false }, user: { id: 'u1' } });
		expect(liveSession(access, sid('b'), at)).toBeNull();
	});

	it('expires at the instant it says, not a millisecond later', () => {
		const access = stateWith(added('u1'), started(sid('a'), 'u1', at, expiresAt));
		expect(liveSession(access, sid('a'), expiresAt - 1)).not.toBeNull();
		expect(liveSession(access, sid('a'), expiresAt)).toBeNull();
	});

	it('is over once ended, and only that session is', () => {
		const access = stateWith(added('u1'), started(sid('a'), 'u1', at), started(sid('b'), 'u1', at), {
			...base(at + MINUTE),
			type: 'session:ended',
			sessionId: sid('a')
		});
		expect(liveSession(access, sid('a'), at + 2 * MINUTE)).toBeNull();
		expect(liveSession(access, sid('b'), at + 2 * MINUTE)).not.toBeNull();
	});

	it.each([
		{ name: 'signing out everywhere', change: (t: number): AccessEvent => ({ ...base(t), type: 'user:signed-out-everywhere', userId: 'u1' }) },
		{ name: 'a new password', change: (t: number): AccessEvent => ({ ...base(t), type: 'user:password-set', userId: 'u1', passwordHash: HASH }) }
	])("$name ends the sessions started before it, not later ones or anyone else's", ({ change }) => {
		const access = stateWith(
			added('u1'),
			added('u2'),
			started(sid('a'), 'u1', at),
			started(sid('d'), 'u1', at + MINUTE),
			started(sid('c'), 'u2', at),
			change(at + MINUTE),
			started(sid('b'), 'u1', at + MINUTE + 1)
		);
		expect(liveSession(access, sid('a'), at + 3 * MINUTE)).toBeNull();
		// Started in the same millisecond, and before it in the log: ended too.
		expect(liveSession(access, sid('d'), at + 3 * MINUTE)).toBeNull();
		expect(liveSession(access, sid('b'), at + 3 * MINUTE)).not.toBeNull();
		expect(liveSession(access, sid('c'), at + 3 * MINUTE)).not.toBeNull();
	});

	it('ends every session of a removed person, and their email no longer signs in', () => {
		const access = stateWith(added('u1'), started(sid('a'), 'u1', at), { ...base(at + MINUTE), type: 'user:removed', userId: 'u1' });
		expect(liveSession(access, sid('a'), at + 2 * MINUTE)).toBeNull();
		expect(userByEmail(access, 'u1@school.test')).toBeUndefined();
	});

	it('a session of a person it does not know is nobody', () => {
		expect(liveSession(stateWith(started(sid('a'), 'ghost', at)), sid('a'), at)).toBeNull();
	});

	it('forgets ended and expired sessions when a new one starts, and keeps live ones', () => {
		const access = stateWith(
			added('u1'),
			started(sid('a'), 'u1', at, at + MINUTE),
			started(sid('b'), 'u1', at),
			{ ...base(at), type: 'session:ended', sessionId: sid('b') },
			started(sid('c'), 'u1', at),
			started(sid('d'), 'u1', at + 2 * MINUTE)
		);
		expect([...access.sessions.keys()].sort()).toEqual([sid('c'), sid('d')]);
	});

	it('a second user:added with the same id changes nothing', () => {
		const access = stateWith(added('u1'), { ...added('u1'), email: 'other@school.test', role: 'admin' });
		expect(access.users.get('u1')).toMatchObject({ email: 'u1@school.test', role: 'coordinator' });
	});
});

describe('integration keys', () => {
	const issued = (keyId: string, keySha256: string, at = T0): EventOf<'integration-key:issued'> => ({
		...base(at),
		type: 'integration-key:issued',
		keyId,
		name: keyId,
		keySha256
	});
	const revoked = (keyId: string, at: number): EventOf<'integration-key:revoked'> => ({ ...base(at), type: 'integration-key:revoked', keyId });

	it('finds a key by the hash of its secret, and nothing by another', () => {
		const access = stateWith(issued('k1', sid('1')), issued('k2', sid('2')));
		expect(keyByHash(access, sid('2'))).toMatchObject({ id: 'k2', revokedAt: null, issuedAt: iso(T0) });
		expect(keyByHash(access, sid('3'))).toBeUndefined();
	});

	it('keeps a revoked key, marked with the first revocation', () => {
		const access = stateWith(issued('k1', sid('1')), revoked('k1', T0 + MINUTE), revoked('k1', T0 + 2 * MINUTE));
		expect(keyByHash(access, sid('1'))?.revokedAt).toBe(iso(T0 + MINUTE));
	});

	it('a reissued key id does not replace the first hash', () => {
		const access = stateWith(issued('k1', sid('1')), issued('k1', sid('2')));
		expect(keyByHash(access, sid('1'))?.id).toBe('k1');
		expect(keyByHash(access, sid('2'))).toBeUndefined();
	});

	it('revoking a key it never issued does nothing', () => {
		const access = stateWith(revoked('k9', T0));
		expect(access.keys.size).toBe(0);
	});
});
