import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { LocalDate, ParentToldBody, SchoolId, toApiIssues, type InboundEvent } from '../../protocol';
import { actorId } from '../auth/principal';
import { correctionsCsv, correctionsReport } from '../domain/attendance/corrections';
import { localDate } from '../domain/calendar/local-time';
import { appendFromDesk, type AttendanceDeps } from './attendance-minutes-late-route';
import { sendError } from './errors';
import { accessOf, type guardedRouter } from './guarded-router';

const Query = z.object({ school: SchoolId, date: LocalDate.optional(), format: z.enum(['json', 'csv']).default('json') });

/**
 * `GET /api/v1/reports/corrections?school=ID&date=` (the school's today by default): the
 * families to tell of a clean slate; and `POST /attendance/parents-told` records one told.
 */
export function correctionsRoutes(api: ReturnType<typeof guardedRouter>, deps: AttendanceDeps): void {
	const { store, projections, clock } = deps;

	api.route('GET /reports/corrections', (req: Request, res: Response) => {
		const parsed = Query.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally date) are needed', toApiIssues(parsed.error, false));
		const { school, format } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const date = parsed.data.date ?? localDate(clock.now(), state.timezone);
		const report = correctionsReport(state, date);
		if (format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${school}-corrections-${date}.csv`).send(correctionsCsv(report));
	});

	api.route('POST /attendance/parents-told', express.json({ limit: '4kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = ParentToldBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { studentId, date }; nothing was stored', toApiIssues(body.error, false));
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		const row = state ? correctionsReport(state, body.data.date).students.find((s) => s.studentId === body.data.studentId) : undefined;
		if (!row)
			return sendError(res, 'not_found', 'no mark of this student was corrected nor sanction cleared that day', [
				{ path: 'studentId', message: `has no correction on ${body.data.date}` }
			]);
		const event: InboundEvent = {
			id: `told-${randomUUID()}`,
			schoolId: access.schoolId,
			occurredAt: new Date(clock.now()).toISOString(),
			type: 'attendance:parent-told',
			studentId: row.studentId,
			date: body.data.date,
			what: row.what,
			by: actorId(access.principal)
		};
		await appendFromDesk(store, res, [event], () => res.status(201).json({ ok: true, data: { studentId: row.studentId, at: event.occurredAt } }));
	});
}
