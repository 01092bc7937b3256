import { randomUUID } from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import { LocalDate, RagSentBody, SchoolId, toApiIssues, type EventOf } from '../../protocol';
import { actorId } from '../auth/principal';
import type { Clock } from '../clock';
import { ragCsv } from '../domain/attendance/pa-rag-csv';
import { ragReport } from '../domain/attendance/rag-report';
import { mondayOf } from '../domain/calendar/dates';
import { localDate } from '../domain/calendar/local-time';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { sendError } from './errors';
import { answerCommand } from './append-answer';
import { accessOf, type guardedRouter } from './guarded-router';

const Query = z.object({ school: SchoolId, week: LocalDate.optional(), format: z.enum(['json', 'csv']).default('json') });

/**
 * The weekly RAG report (`GET /reports/rag`, any day of the week; this week without one), and
 * each form group's report marked as sent to its tutor (`POST /attendance/rag-sent`).
 */
export function attendanceRagRoutes(api: ReturnType<typeof guardedRouter>, deps: { store: EventStore; projections: Projections; clock: Clock }): void {
	const { store, projections, clock } = deps;

	api.route('GET /reports/rag', (req, res) => {
		const parsed = Query.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally week, format) are needed', toApiIssues(parsed.error, false));
		const { school } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const report = ragReport(state, parsed.data.week ?? localDate(clock.now(), state.timezone));
		if (parsed.data.format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${school}-rag-${report.week.from}.csv`).send(ragCsv(report));
	});

	api.route('POST /attendance/rag-sent', express.json({ limit: '4kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = RagSentBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { week, formGroup }; nothing was stored', toApiIssues(body.error, false));
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		const known = state !== null && [...state.students.values()].some((s) => s.formGroup === body.data.formGroup);
		if (!known)
			return sendError(res, 'not_found', 'this school has no such form group', [{ path: 'formGroup', message: 'no student of this school is in it' }]);
		// Someone not linked to the staff list (an admin from the trust, say) is written down by their user id.
		const by = access.principal.kind === 'person' ? (access.principal.staffId ?? access.principal.userId) : actorId(access.principal);
		const at = clock.now();
		const event: EventOf<'attendance:rag-sent'> = {
			id: `rag-sent-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'attendance:rag-sent',
			occurredAt: new Date(at).toISOString(),
			week: mondayOf(body.data.week),
			formGroup: body.data.formGroup,
			by
		};
		await answerCommand(store, res, event);
	});
}
