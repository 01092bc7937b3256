import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { SignInBody, Text, toApiIssues, type InboundEvent, type SessionInfo } from '../../protocol';
import { lockedUntil, userByEmail, type User } from '../domain/access/access';
import { sendError, sendStoreUnavailable } from './errors';
import type { Projections } from '../live/projections';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { auditEntry } from '../auth/audit';
import { csrfTokenOf, SESSION_COOKIE, sessionCookieValue } from '../auth/authenticate';
import { accessOf, type guardedRouter } from './guarded-router';
import { decoyHash, hashPassword, NewPassword, verifyPassword } from '../auth/passwords';
import { sameOrigin } from '../auth/origin';
import { schoolsOf, type Principal } from '../auth/principal';
import { randomToken, sha256 } from '../auth/secrets';
import { UnknownEmailFailures } from '../auth/unknown-emails';

/** A school day and then some: sign in at the gate, stay signed in until the evening. */
const SESSION_MS = 12 * 60 * 60_000;

export interface SessionDeps {
	store: EventStore;
	projections: Projections;
	now: () => number;
	signInLimiter: RequestHandler;
}

/** `/session`: sign in, who am I, sign out here, sign out everywhere. */
export function sessionRoutes(api: ReturnType<typeof guardedRouter>, deps: SessionDeps): void {
	const { store, projections, now } = deps;
	const oneAtATime = queuePerKey();
	const unknownEmails = new UnknownEmailFailures();
	const json = express.json({ limit: '4kb' });

	api.route('POST /session', deps.signInLimiter, json, async (req, res) => {
		// A sign-in form posted from another site would sign the victim in as the attacker.
		if (!fromOurOrigin(req)) return sendError(res, 'forbidden', 'sign in from Lookout itself', [{ path: 'origin', message: 'not this site' }]);
		const body = SignInBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { email, password }', toApiIssues(body.error, false));
		const found = findUser(projections, body.data.email);
		// One attempt per account (or unknown email) at a time: guesses sent all at once meet the lock like guesses in a row.
		if (!found) return oneAtATime(`unknown:${body.data.email}`, () => unknownAttempt(res, body.data.email, body.data.password));
		await oneAtATime(found.user.id, () => attempt(req, res, found.schoolId, found.user, body.data.password));
	});

	/** An email that is nobody's: the same checks, the same lock and the same answers as an account's. */
	async function unknownAttempt(res: Response, email: string, password: string): Promise<void> {
		const locked = unknownEmails.lockedUntil(email, now());
		if (locked !== null) return sendLocked(res, locked - now());
		await verifyPassword(password, await decoyHash());
		const lockedNow = unknownEmails.fail(email, now());
		if (lockedNow === null) return wrongPassword(res);
		sendLocked(res, lockedNow - now());
	}

	/** Appends what a session step writes; false, with 503 answered, when the log cannot take it (a full disk). */
	async function written(res: Response, events: InboundEvent[]): Promise<boolean> {
		try {
			await store.append(events);
			return true;
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
			return false;
		}
	}

	async function attempt(req: Request, res: Response, schoolId: string, user: User, password: string): Promise<void> {
		const access = projections.state(schoolId).access;
		const address = req.ip;
		const person = { principal: personOf(schoolId, user, '', '', 0), role: null };
		const locked = lockedUntil(access, user.id, now());
		if (locked !== null) return sendLocked(res, locked - now());
		if (!(await verifyPassword(password, user.passwordHash))) {
			if (!(await written(res, [auditEntry(schoolId, person, 'sign_in_failed', { address, detail: 'wrong password' }, now())]))) return;
			const lockedNow = lockedUntil(access, user.id, now());
			if (lockedNow === null) return wrongPassword(res);
			const until = `after repeated failures, until ${new Date(lockedNow).toISOString()}`;
			if (!(await written(res, [auditEntry(schoolId, person, 'locked_out', { address, detail: until }, now())]))) return;
			return sendLocked(res, lockedNow - now());
		}
		const token = randomToken();
		const at = now();
		const started = await written(res, [
			{
				id: `session-${sha256(token).slice(0, 32)}`,
				schoolId,
				occurredAt: new Date(at).toISOString(),
				type: 'session:started',
				sessionId: sha256(token),
				userId: user.id,
				expiresAt: new Date(at + SESSION_MS).toISOString()
			},
			auditEntry(schoolId, person, 'signed_in', { address }, at)
		]);
		if (!started) return;
		res.cookie(SESSION_COOKIE, sessionCookieValue(schoolId, token), { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: SESSION_MS });
		res.json({ ok: true, data: sessionInfo(personOf(schoolId, user, sha256(token), csrfTokenOf(token), at + SESSION_MS), projections) });
	}

	api.route('GET /session', (_req, res) => {
		res.json({ ok: true, data: sessionInfo(accessOf(res).principal, projections) });
	});

	api.route('DELETE /session', async (req, res) => {
		const { principal, role } = accessOf(res);
		if (principal.kind !== 'person') return;
		const ended = await written(res, [
			{
				id: `ended-${principal.sessionId.slice(0, 32)}`,
				schoolId: principal.schoolId,
				occurredAt: new Date(now()).toISOString(),
				type: 'session:ended',
				sessionId: principal.sessionId
			},
			auditEntry(principal.schoolId, { principal, role }, 'signed_out', { address: req.ip }, now())
		]);
		if (!ended) return;
		res.clearCookie(SESSION_COOKIE, { path: '/' });
		res.json({ ok: true, data: { signedOut: 1 } });
	});

	// Limited like sign-in: a session left open must not become a way to guess its password.
	api.route('POST /session/password', deps.signInLimiter, json, async (req, res) => {
		const { principal, role } = accessOf(res);
		if (principal.kind !== 'person') return;
		const body = PasswordChange.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { currentPassword, newPassword }', toApiIssues(body.error, false));
		const user = projections.state(principal.schoolId).access.users.get(principal.userId);
		if (!user || !(await verifyPassword(body.data.currentPassword, user.passwordHash))) {
			return sendError(res, 'invalid_body', 'the current password is wrong; nothing changed', [{ path: 'currentPassword', message: 'does not match' }]);
		}
		const at = now();
		// The new password ends every session, this one too: the person signs in again with it.
		const set = await written(res, [
			{
				id: `password-${user.id}-${at}`,
				schoolId: principal.schoolId,
				occurredAt: new Date(at).toISOString(),
				type: 'user:password-set',
				userId: user.id,
				passwordHash: await hashPassword(body.data.newPassword)
			},
			auditEntry(principal.schoolId, { principal, role }, 'password_changed', { address: req.ip, detail: 'by themselves' }, at)
		]);
		if (!set) return;
		res.clearCookie(SESSION_COOKIE, { path: '/' });
		res.json({ ok: true, data: { signedOut: 'everywhere' } });
	});

	api.route('POST /session/everywhere', async (req, res) => {
		const { principal, role } = accessOf(res);
		if (principal.kind !== 'person') return;
		const at = now();
		const everywhere = await written(res, [
			{
				id: `everywhere-${principal.userId}-${at}`,
				schoolId: principal.schoolId,
				occurredAt: new Date(at).toISOString(),
				type: 'user:signed-out-everywhere',
				userId: principal.userId
			},
			auditEntry(principal.schoolId, { principal, role }, 'signed_out_everywhere', { address: req.ip }, at)
		]);
		if (!everywhere) return;
		res.clearCookie(SESSION_COOKIE, { path: '/' });
		res.json({ ok: true, data: { signedOut: 'everywhere' } });
	});
}

/** Runs work for one key after the work queued before it for that key, whatever its outcome. */
function queuePerKey() {
	const tails = new Map<string, Promise<void>>();
	return async (key: string, work: () => Promise<void>): Promise<void> => {
		const run = (tails.get(key) ?? Promise.resolve()).then(work);
		const tail = run.catch(() => {});
		tails.set(key, tail);
		try {
			await run;
		} finally {
			if (tails.get(key) === tail) tails.delete(key);
		}
	};
}

const PasswordChange = z.strictObject({ currentPassword: Text.min(1).max(1_000), newPassword: NewPassword });

function findUser(projections: Projections, email: string): { schoolId: string; user: User } | null {
	for (const schoolId of projections.schoolIds()) {
		const user = userByEmail(projections.state(schoolId).access, email);
		if (user) return { schoolId, user };
	}
	return null;
}

function personOf(schoolId: string, user: User, sessionId: string, csrfToken: string, expiresAt: number): Principal {
	return { kind: 'person', userId: user.id, role: user.role, schoolId, staffId: user.staffId, displayName: user.displayName, sessionId, csrfToken, expiresAt };
}

function sessionInfo(principal: Principal, projections: Projections): SessionInfo {
	if (principal.kind !== 'person') throw new Error('only people have sessions');
	const { userId, displayName, role, schoolId, staffId, csrfToken } = principal;
	return { userId, displayName, role, schoolId, staffId, schools: schoolsOf(principal, projections), csrfToken };
}

/** The one origin rule (`auth/origin.ts`), fed what Express saw; the socket handshake feeds it the same. */
function fromOurOrigin(req: Request): boolean {
	const proxyTrusted = req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean;
	return sameOrigin({
		origin: req.get('origin'),
		host: req.get('host'),
		encrypted: 'encrypted' in req.socket && req.socket.encrypted === true,
		forwardedProto: req.get('x-forwarded-proto'),
		proxyTrusted: proxyTrusted(req.socket.remoteAddress, 0)
	});
}

// One answer for an unknown email and a wrong password, so neither tells which accounts exist.
const wrongPassword = (res: Response) => sendError(res, 'unauthenticated', 'the email or password is wrong', [{ path: 'password', message: 'does not match' }]);

function sendLocked(res: Response, waitMs: number): void {
	res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
	sendError(res, 'locked', `too many failed sign-ins: try again in ${Math.ceil(waitMs / 60_000)} minute(s), or ask an admin`);
}
