import express, { type Response } from 'express';
import { z } from 'zod';
import { AttendanceGrouping, InterventionBody, LocalDate, SchoolId, toApiIssues, type EventOf } from '../../protocol';
import { actorId } from '../auth/principal';
import type { Clock } from '../clock';
import { attendanceReport } from '../domain/attendance/pa-figures';
import { attendanceCsv, paCsv } from '../domain/attendance/pa-rag-csv';
import { paTracker } from '../domain/attendance/pa-tracker';
import { localDate } from '../domain/calendar/local-time';
import { schoolYearOf, yearToDate } from '../domain/calendar/terms';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { sendError } from './errors';
import { answerCommand } from './append-answer';
import { accessOf, type guardedRouter } from './guarded-router';

const format = z.enum(['json', 'csv']).default('json');
const RangeQuery = z.object({ school: SchoolId, from: LocalDate.optional(), to: LocalDate.optional(), by: AttendanceGrouping.default('student'), format });
const DateQuery = z.object({ school: SchoolId, date: LocalDate.optional(), format });

interface Deps {
	store: EventStore;
	projections: Projections;
	clock: Clock;
}

/**
 * Attendance over any range (`GET /reports/attendance`), the PA tracker (`GET /reports/pa`) and
 * its intervention log (`POST /attendance/interventions`), each logged on the school's clock by
 * the person who did it.
 */
export function attendancePaRoutes(api: ReturnType<typeof guardedRouter>, deps: Deps): void {
	const { store, projections, clock } = deps;

	api.route('GET /reports/attendance', (req, res) => {
		const parsed = RangeQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally from, to, by, format) are needed', toApiIssues(parsed.error, false));
		const { school, by } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const to = parsed.data.to ?? localDate(clock.now(), state.timezone);
		// Without a start, the academic year the end date is in.
		const from = parsed.data.from ?? yearToDate(schoolYearOf(state.terms, to), to).from;
		if (from > to) return sendError(res, 'invalid_query', 'from is after to', [{ path: 'from', message: `is after ${to}` }]);
		const report = attendanceReport(state, { from, to }, by);
		if (parsed.data.format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${school}-attendance-${by}-${from}-${to}.csv`).send(attendanceCsv(report));
	});

	api.route('GET /reports/pa', (req, res) => {
		const parsed = DateQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally date, format) are needed', toApiIssues(parsed.error, false));
		const { school } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const date = parsed.data.date ?? localDate(clock.now(), state.timezone);
		const report = paTracker(state, date);
		if (parsed.data.format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${school}-pa-${date}.csv`).send(paCsv(report));
	});

	api.route('POST /attendance/interventions', express.json({ limit: '8kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = InterventionBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'the intervention is not valid; nothing was stored', toApiIssues(body.error, false));
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		if (!state?.students.has(body.data.studentId)) return noSuchStudent(res);
		const at = clock.now();
		const today = localDate(at, state.timezone);
		const date = body.data.date ?? today;
		if (date > today)
			return sendError(res, 'invalid_body', 'an intervention is logged once it happened; nothing was stored', [
				{ path: 'date', message: `is after today (${today})` }
			]);
		if (body.data.nextReviewOn !== undefined && body.data.nextReviewOn < date)
			return sendError(res, 'invalid_body', 'the review comes after the intervention; nothing was stored', [
				{ path: 'nextReviewOn', message: `is before ${date}` }
			]);
		// Someone not linked to the staff list (an admin from the trust, say) is written down by their user id.
		const by = access.principal.kind === 'person' ? (access.principal.staffId ?? access.principal.userId) : actorId(access.principal);
		const event: EventOf<'attendance:intervention-logged'> = {
			...body.data,
			id: `intervention-${body.data.interventionId}`,
			schoolId: access.schoolId,
			type: 'attendance:intervention-logged',
			occurredAt: new Date(at).toISOString(),
			date,
			by
		};
		await answerCommand(store, res, event);
	});
}

const noSuchStudent = (res: Response) =>
	sendError(res, 'not_found', 'this school has no such student', [{ path: 'studentId', message: 'not a student of this school' }]);
