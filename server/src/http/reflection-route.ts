import { randomUUID } from 'node:crypto';
import express from 'express';
import { EntityId, ReflectionCancelBody, toApiIssues, type EventOf } from '../../protocol';
import { actorId } from '../auth/principal';
import { cancelProblem } from '../domain/reflection/cancel';
import { answerCommand } from './append-answer';
import type { AttendanceDeps } from './attendance-minutes-late-route';
import { sendError } from './errors';
import { accessOf, type guardedRouter } from './guarded-router';

/**
 * `POST /api/v1/reflection/bookings/:bookingId/cancel?school=ID` with `{ reason }`: a member of
 * staff withdraws a Reflection Room booking from the desk (`reflection:cancelled`), stamped with
 * the server's clock and the signed-in person; the sanction cleared joins the day's corrections.
 */
export function reflectionRoutes(api: ReturnType<typeof guardedRouter>, deps: AttendanceDeps): void {
	const { store, projections, clock } = deps;

	api.route('POST /reflection/bookings/:bookingId/cancel', express.json({ limit: '4kb' }), async (req, res) => {
		const access = accessOf(res);
		const bookingId = EntityId.safeParse(req.params.bookingId);
		if (!bookingId.success) {
			return sendError(res, 'not_found', 'no Reflection Room booking has that id; nothing was stored', [{ path: 'bookingId', message: 'is not a booking id' }]);
		}
		const body = ReflectionCancelBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { reason }; nothing was stored', toApiIssues(body.error, false));
		// Someone not linked to the staff list (an admin from the trust, say) is written down by their user id.
		const by = access.principal.kind === 'person' ? (access.principal.staffId ?? access.principal.userId) : actorId(access.principal);
		const event: EventOf<'reflection:cancelled'> = {
			id: `cancel-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'reflection:cancelled',
			occurredAt: new Date(clock.now()).toISOString(),
			bookingId: bookingId.data,
			by,
			reason: body.data.reason
		};
		const problem = projections.has(access.schoolId)
			? cancelProblem(projections.state(access.schoolId), event)
			: { code: 'not_found' as const, field: 'bookingId', message: `no Reflection Room booking has id ${bookingId.data}` };
		if (problem) return sendError(res, problem.code, `${problem.message}; nothing was stored`, [{ path: problem.field, message: problem.message }]);
		await answerCommand(store, res, event);
	});
}
