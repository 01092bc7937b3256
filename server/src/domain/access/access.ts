import type { EventOf, PersonRole } from '../../../protocol';
import { recordReveal, recordRevealFlag, type RevealHistory } from './reveals';

export interface User {
	id: string;
	email: string;
	displayName: string;
	role: PersonRole;
	staffId: string | null;
	passwordHash: string;
	/** Sessions started before this instant (ms) are over: "sign out everywhere". */
	sessionsValidFrom: number;
	removed: boolean;
}

export interface AccessSession {
	userId: string;
	startedAt: number;
	expiresAt: number;
	ended: boolean;
}

export interface IntegrationKey {
	id: string;
	name: string;
	keySha256: string;
	issuedAt: string;
	revokedAt: string | null;
}

export interface AccessState {
	users: Map<string, User>;
	/** By the SHA-256 of the session token. */
	sessions: Map<string, AccessSession>;
	keys: Map<string, IntegrationKey>;
	/** Failed sign-ins per user (ms), since their last good one. */
	failures: Map<string, number[]>;
	/** Names each person revealed within the last hour, from the audit log: see `reveals.ts`. */
	reveals: Map<string, RevealHistory>;
	/** The trust the school is in, as an operator set it (`school:trust-set`); never from its own data. */
	trustId: string | null;
}

/** Failed sign-ins within `LOCKOUT_WINDOW_MS` that lock an account... */
export const LOCKOUT_FAILURES = 5;
/** ...for this long after the last of them. */
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

export function createAccessState(): AccessState {
	return { users: new Map(), sessions: new Map(), keys: new Map(), failures: new Map(), reveals: new Map(), trustId: null };
}

type AccessEvent = EventOf<
	| 'user:added'
	| 'user:password-set'
	| 'user:removed'
	| 'user:signed-out-everywhere'
	| 'session:started'
	| 'session:ended'
	| 'integration-key:issued'
	| 'integration-key:revoked'
	| 'school:trust-set'
	| 'audit:recorded'
>;

/** Applies an access event. Deterministic: times come from the events, never the clock. */
export function applyAccess(access: AccessState, e: AccessEvent): void {
	const at = Date.parse(e.occurredAt);
	switch (e.type) {
		case 'user:added':
			if (access.users.has(e.userId)) return;
			access.users.set(e.userId, {
				id: e.userId,
				email: e.email,
				displayName: e.displayName,
				role: e.role,
				staffId: e.staffId,
				passwordHash: e.passwordHash,
				sessionsValidFrom: 0,
				removed: false
			});
			return;
		case 'user:password-set': {
			const user = access.users.get(e.userId);
			if (!user) return;
			// A new password ends every session that knew the old one.
			user.passwordHash = e.passwordHash;
			user.sessionsValidFrom = at;
			return;
		}
		case 'user:removed': {
			const user = access.users.get(e.userId);
			if (user) user.removed = true;
			return;
		}
		case 'user:signed-out-everywhere': {
			const user = access.users.get(e.userId);
			if (user) user.sessionsValidFrom = at;
			return;
		}
		case 'session:started':
			for (const [id, session] of access.sessions) if (session.expiresAt <= at || session.ended) access.sessions.delete(id);
			access.sessions.set(e.sessionId, { userId: e.userId, startedAt: at, expiresAt: Date.parse(e.expiresAt), ended: false });
			return;
		case 'session:ended': {
			const session = access.sessions.get(e.sessionId);
			if (session) session.ended = true;
			return;
		}
		case 'integration-key:issued':
			if (!access.keys.has(e.keyId)) access.keys.set(e.keyId, { id: e.keyId, name: e.name, keySha256: e.keySha256, issuedAt: e.occurredAt, revokedAt: null });
			return;
		case 'integration-key:revoked': {
			const key = access.keys.get(e.keyId);
			if (key && key.revokedAt === null) key.revokedAt = e.occurredAt;
			return;
		}
		case 'school:trust-set':
			access.trustId = e.trustId;
			return;
		case 'audit:recorded':
			if (e.action === 'sign_in_failed') access.failures.set(e.actorId, [...(access.failures.get(e.actorId) ?? []), at].slice(-LOCKOUT_FAILURES));
			else if (e.action === 'signed_in') access.failures.delete(e.actorId);
			else if (e.action === 'student_revealed' && e.studentId !== null) recordReveal(access, e.actorId, e.studentId, at);
			else if (e.action === 'reveals_unusual') recordRevealFlag(access, e.actorId, at);
			return;
	}
}

/** Until when (ms) the account is locked after repeated failures; null when it is not. */
export function lockedUntil(access: AccessState, userId: string, now: number): number | null {
	return lockEnds(access.failures.get(userId) ?? [], now);
}

/**
 * Until when (ms) failed sign-ins at these instants lock whoever made them; null when they do
 * not. The same rule for an account and for an email no account has, so neither tells which.
 */
export function lockEnds(failures: readonly number[], now: number): number | null {
	if (failures.length < LOCKOUT_FAILURES) return null;
	const first = failures[failures.length - LOCKOUT_FAILURES]!;
	const last = failures[failures.length - 1]!;
	if (last - first > LOCKOUT_WINDOW_MS) return null;
	const until = last + LOCKOUT_WINDOW_MS;
	return until > now ? until : null;
}

/** The live session with this token hash, and its person; null when ended, expired or revoked. */
export function liveSession(access: AccessState, sessionId: string, now: number): { session: AccessSession; user: User } | null {
	const session = access.sessions.get(sessionId);
	if (!session || session.ended || session.expiresAt <= now) return null;
	const user = access.users.get(session.userId);
	// A session started in the very millisecond of a sign-out-everywhere is ended by it too.
	if (!user || user.removed || session.startedAt <= user.sessionsValidFrom) return null;
	return { session, user };
}

export function userByEmail(access: AccessState, email: string): User | undefined {
	for (const user of access.users.values()) if (user.email === email && !user.removed) return user;
	return undefined;
}

export function keyByHash(access: AccessState, keySha256: string): IntegrationKey | undefined {
	for (const key of access.keys.values()) if (key.keySha256 === keySha256) return key;
	return undefined;
}
