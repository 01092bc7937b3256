import { parse } from 'cookie';
import { SchoolId } from '../../protocol';
import { keyByHash, liveSession } from '../domain/access/access';
import { deviceByToken } from '../domain/school/devices';
import type { Projections } from '../live/projections';
import type { Principal } from './principal';
import { sha256 } from './secrets';

export const SESSION_COOKIE = 'lookout_session';

/** What a request or a socket handshake presents. */
export interface Presented {
	cookie?: string | undefined;
	authorization?: string | undefined;
	/** The school the request is about, when it names one: device tokens are looked up there. */
	schoolId?: string | undefined;
}

/** The session cookie holds `<schoolId>.<token>`: the school says which log keeps the session. */
export const sessionCookieValue = (schoolId: string, token: string) => `${schoolId}.${token}`;

/** Integration keys read `lk.<schoolId>.<secret>`, so a key names its one school. */
export const integrationKeyValue = (schoolId: string, secret: string) => `lk.${schoolId}.${secret}`;

/** Sent back with each state-changing request; only pages of our origin can read it. */
export const csrfTokenOf = (sessionToken: string) => sha256(`csrf:${sessionToken}`);

/**
 * Who presented these credentials, or null for nobody: an unknown, ended, expired or revoked
 * session, key or device is no one. `now` is real time, since sessions expire by the wall clock.
 */
export function authenticate(presented: Presented, projections: Projections, now: number): Principal | null {
	const bearer = /^Bearer\s+(\S+)$/i.exec(presented.authorization ?? '')?.[1];
	if (bearer !== undefined) return bearerPrincipal(bearer, presented.schoolId, projections);
	const cookie = presented.cookie ? parse(presented.cookie)[SESSION_COOKIE] : undefined;
	return cookie === undefined ? null : personPrincipal(cookie, projections, now);
}

function personPrincipal(cookie: string, projections: Projections, now: number): Principal | null {
	const dot = cookie.indexOf('.');
	const schoolId = cookie.slice(0, dot);
	const token = cookie.slice(dot + 1);
	if (dot < 1 || !SchoolId.safeParse(schoolId).success || !projections.has(schoolId)) return null;
	const sessionId = sha256(token);
	const live = liveSession(projections.state(schoolId).access, sessionId, now);
	if (!live) return null;
	const { user, session } = live;
	return {
		kind: 'person',
		userId: user.id,
		role: user.role,
		schoolId,
		staffId: user.staffId,
		displayName: user.displayName,
		sessionId,
		csrfToken: csrfTokenOf(token),
		expiresAt: session.expiresAt
	};
}

function bearerPrincipal(token: string, schoolHint: string | undefined, projections: Projections): Principal | null {
	const key = /^lk\.([a-z0-9-]+)\.(\S+)$/.exec(token);
	if (key) {
		const schoolId = key[1]!;
		if (!projections.has(schoolId)) return null;
		const found = keyByHash(projections.state(schoolId).access, sha256(token));
		return found && found.revokedAt === null ? { kind: 'key', keyId: found.id, schoolId } : null;
	}
	if (schoolHint === undefined || !projections.has(schoolHint)) return null;
	const device = deviceByToken(projections.state(schoolHint), sha256(token));
	return device && device.revokedAt === null ? { kind: 'device', deviceId: device.id, schoolId: schoolHint } : null;
}
