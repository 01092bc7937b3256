import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { LetterSentBody, LocalDate, SchoolId, TemplateBody, toApiIssues, type InboundEvent } from '../../protocol';
import type { Clock } from '../clock';
import { actorId } from '../auth/principal';
import { addDays } from '../domain/calendar/dates';
import { localDate } from '../domain/calendar/local-time';
import { MAX_RANGE_DAYS, minutesLateReport } from '../domain/attendance/minutes-late';
import { minutesLateCsv } from '../domain/attendance/minutes-late-csv';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { sendError } from './errors';
import { appendOr503 } from './append-answer';
import { accessOf, type guardedRouter } from './guarded-router';

const Query = z.object({
	school: SchoolId,
	from: LocalDate.optional(),
	to: LocalDate.optional(),
	format: z.enum(['json', 'csv']).default('json')
});

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

export interface AttendanceDeps {
	store: EventStore;
	projections: Projections;
	clock: Clock;
}

/** Appends events a person made on the desk, answering 503 when the log cannot take them. */
export async function appendFromDesk(store: EventStore, res: Response, events: InboundEvent[], answer: () => void): Promise<void> {
	if ((await appendOr503(store, res, events)) !== null) answer();
}

/**
 * `GET /api/v1/reports/minutes-late?school=ID&from=&to=` (the last four weeks to the school's
 * today by default; JSON or `format=csv`), the school's wording of the letter home, and
 * letters recorded as sent, each stamped with the server's clock.
 */
export function minutesLateRoutes(api: ReturnType<typeof guardedRouter>, deps: AttendanceDeps): void {
	const { store, projections, clock } = deps;
	const json = express.json({ limit: '16kb' });
	const stamp = () => new Date(clock.now()).toISOString();

	api.route('GET /reports/minutes-late', (req: Request, res: Response) => {
		const parsed = Query.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school is needed; from and to are dates', toApiIssues(parsed.error, false));
		const { school, format } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const today = localDate(clock.now(), state.timezone);
		const to = parsed.data.to ?? today;
		const from = parsed.data.from ?? addDays(to, -27);
		if (from > to) return sendError(res, 'invalid_query', 'from is after to', [{ path: 'from', message: `is after to (${to})` }]);
		if (daysBetween(from, to) >= MAX_RANGE_DAYS)
			return sendError(res, 'invalid_query', `a range of at most ${MAX_RANGE_DAYS} days`, [
				{ path: 'from', message: `more than ${MAX_RANGE_DAYS} days before to` }
			]);
		const report = minutesLateReport(state, from, to, today);
		if (format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${school}-minutes-late-${from}-${to}.csv`).send(minutesLateCsv(report));
	});

	api.route('POST /attendance/letter-template', json, async (req, res) => {
		const access = accessOf(res);
		const body = TemplateBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { kind, body }; nothing was stored', toApiIssues(body.error, false));
		const event: InboundEvent = {
			id: `template-${randomUUID()}`,
			schoolId: access.schoolId,
			occurredAt: stamp(),
			type: 'attendance:template-set',
			kind: body.data.kind,
			body: body.data.body,
			by: actorId(access.principal)
		};
		await appendFromDesk(store, res, [event], () => res.json({ ok: true, data: { kind: event.kind, setAt: event.occurredAt } }));
	});

	api.route('POST /attendance/letters/sent', json, async (req, res) => {
		const access = accessOf(res);
		const body = LetterSentBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { studentId, kind, from, to }; nothing was stored', toApiIssues(body.error, false));
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		if (!state?.students.has(body.data.studentId))
			return sendError(res, 'not_found', 'this school has no such student', [{ path: 'studentId', message: 'not a student of this school' }]);
		if (body.data.from > body.data.to) return sendError(res, 'invalid_body', 'from is after to', [{ path: 'from', message: 'is after to' }]);
		const letterId = `letter-${randomUUID()}`;
		const event: InboundEvent = {
			id: letterId,
			schoolId: access.schoolId,
			occurredAt: stamp(),
			type: 'attendance:letter-sent',
			letterId,
			...body.data,
			by: actorId(access.principal)
		};
		await appendFromDesk(store, res, [event], () => res.status(201).json({ ok: true, data: { letterId, at: event.occurredAt } }));
	});
}
