import express, { type Request, type Response } from 'express';
import type { guardedRouter } from './guarded-router';
import { z } from 'zod';
import { SchoolId, Text, toApiIssues, type InboundEvent, type PairedWall, type WallListing } from '../../protocol';
import type { Projections } from '../live/projections';
import { auditEntry } from '../auth/audit';
import { accessOf } from './guarded-router';
import { devicePaired } from '../auth/grants';
import type { Broadcaster } from '../realtime/broadcaster';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { sendError, sendStoreUnavailable } from './errors';

const Query = z.object({ school: SchoolId });
const PairBody = z.strictObject({ name: Text.trim().min(1).max(80) });
const RevokeBody = z.strictObject({ deviceId: Text.min(1).max(128) });

/**
 * `/api/v1/devices?school=ID`: pair a wall screen (the answer holds its pairing address, the
 * only time its token is shown), list the school's screens, revoke one; and
 * `/api/v1/walls/reload?school=ID` reloads every wall of the school.
 */
export function deviceRoutes(
	api: ReturnType<typeof guardedRouter>,
	deps: { store: EventStore; projections: Projections; broadcaster: Broadcaster; now: () => number }
): void {
	const { store, projections, broadcaster, now } = deps;
	const school = (req: Request, res: Response): string | null => {
		const parsed = Query.safeParse(req.query);
		if (parsed.success) return parsed.data.school;
		sendError(res, 'invalid_query', 'school must be a school id', toApiIssues(parsed.error, false));
		return null;
	};
	const append = async (req: Request, res: Response, event: InboundEvent, answer: () => void) => {
		const { principal, role } = accessOf(res);
		const action = event.type === 'device:paired' ? 'device_paired' : 'device_revoked';
		const detail = 'deviceId' in event ? event.deviceId : '';
		try {
			await store.append([event, auditEntry(event.schoolId, { principal, role }, action, { address: req.ip, detail }, now())]);
			answer();
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
		}
	};

	api.route('GET /devices', (req, res) => {
		const schoolId = school(req, res);
		if (schoolId === null) return;
		const devices = projections.has(schoolId) ? [...projections.state(schoolId).devices.values()] : [];
		const data: WallListing[] = devices.map(({ id, name, pairedAt, revokedAt }) => ({ id, name, pairedAt, revokedAt }));
		res.json({ ok: true, data });
	});

	api.route('POST /devices', express.json({ limit: '4kb' }), async (req, res) => {
		const schoolId = school(req, res);
		if (schoolId === null) return;
		const body = PairBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { name } for the screen, e.g. "Pastoral office wall"', toApiIssues(body.error, false));
		const { event, pairingPath } = devicePaired(schoolId, body.data.name, now());
		await append(req, res, event, () =>
			res.status(201).json({ ok: true, data: { deviceId: event.deviceId, name: event.name, pairingPath } satisfies PairedWall })
		);
	});

	api.route('POST /devices/revoke', express.json({ limit: '4kb' }), async (req, res) => {
		const schoolId = school(req, res);
		if (schoolId === null) return;
		const body = RevokeBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { deviceId }', toApiIssues(body.error, false));
		const device = projections.has(schoolId) ? projections.state(schoolId).devices.get(body.data.deviceId) : undefined;
		if (!device) return sendError(res, 'not_found', 'this school has no such device', [{ path: 'deviceId', message: 'not a device of this school' }]);
		const occurredAt = new Date(now()).toISOString();
		const event: InboundEvent = { id: `revoked-${device.id}`, schoolId, occurredAt, type: 'device:revoked', deviceId: device.id };
		await append(req, res, event, () => res.json({ ok: true, data: { deviceId: device.id, revokedAt: device.revokedAt ?? occurredAt } }));
	});

	api.route('POST /walls/reload', (req, res) => {
		const schoolId = school(req, res);
		if (schoolId === null) return;
		broadcaster.reloadWalls(schoolId);
		res.json({ ok: true, data: { schoolId } });
	});
}
