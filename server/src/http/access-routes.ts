import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { AuditEntry, EntityId, NewPersonBody, Text, toApiIssues, type InboundEvent, type IssuedKey, type KeyListing, type PersonListing } from '../../protocol';
import { userByEmail } from '../domain/access/access';
import { csvCell } from '../domain/csv/csv-cell';
import { sendError, sendStoreUnavailable } from './errors';
import type { Projections } from '../live/projections';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { auditEntry } from '../auth/audit';
import { keyIssued, userAdded } from '../auth/grants';
import { accessOf, type guardedRouter } from './guarded-router';
import { hashPassword, NewPassword } from '../auth/passwords';

const NewUser = NewPersonBody.extend({ password: NewPassword });
const UserId = z.strictObject({ userId: EntityId });
const PasswordSet = z.strictObject({ userId: EntityId, password: NewPassword });
const NewKey = z.strictObject({ name: Text.trim().min(1).max(80) });
const KeyId = z.strictObject({ keyId: EntityId });
const AuditQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

export interface AccessDeps {
	store: EventStore;
	projections: Projections;
	now: () => number;
}

/** Admin routes: the school's people, its integration keys, and its audit log. */
export function accessRoutes(api: ReturnType<typeof guardedRouter>, deps: AccessDeps): void {
	const { store, projections, now } = deps;
	const json = express.json({ limit: '8kb' });
	const occurredAt = () => new Date(now()).toISOString();
	const access = (schoolId: string) => projections.state(schoolId).access;
	const audited = async (req: Request, res: Response, events: InboundEvent[], action: Parameters<typeof auditEntry>[2], detail: string, answer: () => void) => {
		const { schoolId } = accessOf(res);
		try {
			await store.append([...events, auditEntry(schoolId, accessOf(res), action, { address: req.ip, detail }, now())]);
			answer();
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
		}
	};

	api.route('GET /users', (_req, res) => {
		const users = [...access(accessOf(res).schoolId).users.values()];
		const data: PersonListing[] = users.map(({ id, email, displayName, role, staffId, removed }) => ({
			userId: id,
			email,
			displayName,
			role,
			staffId,
			removed
		}));
		res.json({ ok: true, data });
	});

	api.route('POST /users', json, async (req, res) => {
		const body = NewUser.safeParse(req.body);
		if (!body.success)
			return sendError(res, 'invalid_body', 'send { email, displayName, role, password } (and staffId for patrol staff)', toApiIssues(body.error, false));
		const { schoolId, role, principal } = accessOf(res);
		// Only a trust admin makes another: a school admin cannot raise anyone above their school.
		if (body.data.role === 'trust_admin' && !(principal.kind === 'person' && principal.role === 'trust_admin')) {
			return sendError(res, 'forbidden', `the ${role} role may not add a trust admin`, [{ path: 'role', message: 'only a trust admin can add one' }]);
		}
		if (projections.schoolIds().some((id) => userByEmail(access(id), body.data.email))) {
			return sendError(res, 'invalid_body', 'someone already signs in with this email', [{ path: 'email', message: 'is taken' }]);
		}
		const event = await userAdded(schoolId, body.data, now());
		const { email, displayName, staffId, userId } = event;
		await audited(req, res, [event], 'user_added', `${email} as ${event.role}`, () =>
			res.status(201).json({ ok: true, data: { userId, email, displayName, role: event.role, staffId, removed: false } satisfies PersonListing })
		);
	});

	api.route('POST /users/remove', json, async (req, res) => {
		const body = UserId.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { userId }', toApiIssues(body.error, false));
		const { schoolId } = accessOf(res);
		const user = access(schoolId).users.get(body.data.userId);
		if (!user || user.removed)
			return sendError(res, 'not_found', 'this school has no such person', [{ path: 'userId', message: 'not a person of this school' }]);
		const event: InboundEvent = { id: `removed-${user.id}`, schoolId, occurredAt: occurredAt(), type: 'user:removed', userId: user.id };
		await audited(req, res, [event], 'user_removed', user.email, () => res.json({ ok: true, data: { userId: user.id } }));
	});

	api.route('POST /users/sign-out', json, async (req, res) => {
		const body = UserId.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { userId }', toApiIssues(body.error, false));
		const { schoolId } = accessOf(res);
		const user = access(schoolId).users.get(body.data.userId);
		if (!user) return sendError(res, 'not_found', 'this school has no such person', [{ path: 'userId', message: 'not a person of this school' }]);
		const at = now();
		const event: InboundEvent = {
			id: `everywhere-${user.id}-${at}`,
			schoolId,
			occurredAt: new Date(at).toISOString(),
			type: 'user:signed-out-everywhere',
			userId: user.id
		};
		await audited(req, res, [event], 'signed_out_everywhere', `${user.email}, by an admin`, () => res.json({ ok: true, data: { userId: user.id } }));
	});

	api.route('POST /users/password', json, async (req, res) => {
		const body = PasswordSet.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { userId, password }', toApiIssues(body.error, false));
		const { schoolId } = accessOf(res);
		const user = access(schoolId).users.get(body.data.userId);
		if (!user || user.removed)
			return sendError(res, 'not_found', 'this school has no such person', [{ path: 'userId', message: 'not a person of this school' }]);
		const at = now();
		// Setting it ends every session the person had: whoever knew the old password is out.
		const event: InboundEvent = {
			id: `password-${user.id}-${at}`,
			schoolId,
			occurredAt: new Date(at).toISOString(),
			type: 'user:password-set',
			userId: user.id,
			passwordHash: await hashPassword(body.data.password)
		};
		await audited(req, res, [event], 'password_changed', user.email, () => res.json({ ok: true, data: { userId: user.id } }));
	});

	api.route('GET /keys', (_req, res) => {
		const keys = [...access(accessOf(res).schoolId).keys.values()];
		const data: KeyListing[] = keys.map(({ id, name, issuedAt, revokedAt }) => ({ keyId: id, name, issuedAt, revokedAt }));
		res.json({ ok: true, data });
	});

	api.route('POST /keys', json, async (req, res) => {
		const body = NewKey.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { name } for the system, e.g. "MIS sync"', toApiIssues(body.error, false));
		const { schoolId } = accessOf(res);
		const { event, key } = keyIssued(schoolId, body.data.name, now());
		// The key itself is shown once, here; the log keeps only its hash.
		await audited(req, res, [event], 'key_issued', body.data.name, () =>
			res.status(201).json({ ok: true, data: { keyId: event.keyId, name: event.name, key } satisfies IssuedKey })
		);
	});

	api.route('POST /keys/revoke', json, async (req, res) => {
		const body = KeyId.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { keyId }', toApiIssues(body.error, false));
		const { schoolId } = accessOf(res);
		const key = access(schoolId).keys.get(body.data.keyId);
		if (!key) return sendError(res, 'not_found', 'this school has no such key', [{ path: 'keyId', message: 'not a key of this school' }]);
		const event: InboundEvent = { id: `revoked-${key.id}`, schoolId, occurredAt: occurredAt(), type: 'integration-key:revoked', keyId: key.id };
		await audited(req, res, [event], 'key_revoked', key.name, () => res.json({ ok: true, data: { keyId: key.id } }));
	});

	api.route('GET /audit', async (req, res) => {
		const query = AuditQuery.safeParse(req.query);
		if (!query.success) return sendError(res, 'invalid_query', 'format is json or csv', toApiIssues(query.error, false));
		const { schoolId } = accessOf(res);
		const entries: AuditEntry[] = [];
		for await (const { event } of store.read(schoolId)) {
			if (event.type !== 'audit:recorded') continue;
			const { occurredAt: at, action, actorId, actorRole, studentId, address, detail } = event;
			entries.push({ at, action, actorId, actorRole, studentId, address, detail });
		}
		entries.reverse();
		if (query.data.format === 'json') return res.json({ ok: true, data: entries });
		// Exporting the log is itself a look at named records, so it is written down too.
		await audited(req, res, [], 'audit_exported', `${entries.length} entries as CSV`, () =>
			res.type('text/csv').attachment(`${schoolId}-audit.csv`).send(auditCsv(entries))
		);
	});
}

const CSV_COLUMNS = ['at', 'action', 'actorId', 'actorRole', 'studentId', 'address', 'detail'] as const;

function auditCsv(entries: readonly AuditEntry[]): string {
	return [CSV_COLUMNS.join(','), ...entries.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','))].join('\n') + '\n';
}
