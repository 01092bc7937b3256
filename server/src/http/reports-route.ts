import type { Request, Response } from 'express';
import type { guardedRouter } from './guarded-router';
import { z } from 'zod';
import { LocalDate, SchoolId, toApiIssues } from '../../protocol';
import type { Clock } from '../clock';
import { hotspotsReport } from '../domain/behaviour/hotspots';
import { latenessReport } from '../domain/attendance/lateness';
import { onCallReport, onCallReportCsv } from '../domain/oncall/oncall-report';
import { localDate } from '../domain/calendar/local-time';
import type { SchoolState } from '../domain/school/state';
import { truancyReport } from '../domain/attendance/truancy';
import type { Projections } from '../live/projections';
import { sendError } from './errors';

const Query = z.object({ school: SchoolId, date: LocalDate.optional(), format: z.enum(['json', 'csv']).default('json') });

/** `/api/v1/reports/*?school=ID&date=YYYY-MM-DD` (the school's today when no date is given). */
export function reportRoutes(api: ReturnType<typeof guardedRouter>, projections: Projections, clock: Clock): void {
	const report =
		<R>(make: (state: SchoolState, date: string) => R, csv?: (report: R) => string) =>
		(req: Request, res: Response) => {
			const parsed = Query.safeParse(req.query);
			if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally date) are needed', toApiIssues(parsed.error, false));
			if (!projections.has(parsed.data.school)) return sendError(res, 'not_found', 'no events for this school yet');
			const state = projections.state(parsed.data.school);
			const date = parsed.data.date ?? localDate(clock.now(), state.timezone);
			const made = make(state, date);
			if (parsed.data.format === 'json') return res.json(made);
			if (!csv) return sendError(res, 'invalid_query', 'this report comes as JSON only', [{ path: 'format', message: 'only json' }]);
			res.type('text/csv').attachment(`${parsed.data.school}-oncall-${date}.csv`).send(csv(made));
		};
	api.route('GET /reports/lateness', report(latenessReport));
	api.route(
		'GET /reports/truancy',
		report((state, date) => truancyReport(state, date, clock.now()))
	);
	api.route('GET /reports/hotspots', report(hotspotsReport));
	api.route('GET /reports/oncall', report(onCallReport, onCallReportCsv));
}
