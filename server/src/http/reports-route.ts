import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { LocalDate, SchoolId, toApiIssues } from '../../protocol';
import type { Clock } from '../clock';
import { hotspotsReport } from '../domain/hotspots';
import { latenessReport } from '../domain/lateness';
import { onCallReport, onCallReportCsv } from '../domain/oncall-report';
import { localDate } from '../domain/local-time';
import type { SchoolState } from '../domain/state';
import { truancyReport } from '../domain/truancy';
import type { Projections } from '../live/projections';
import { sendError } from './errors';

const Query = z.object({ school: SchoolId, date: LocalDate.optional(), format: z.enum(['json', 'csv']).default('json') });

/** `/api/v1/reports/*?school=ID&date=YYYY-MM-DD` (the school's today when no date is given). */
export function reportsRouter(projections: Projections, clock: Clock): Router {
	const reports = Router();
	const report = <R>(make: (state: SchoolState, date: string) => R, csv?: (report: R) => string) => (req: Request, res: Response) => {
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
	reports.get('/lateness', report(latenessReport));
	reports.get('/truancy', report((state, date) => truancyReport(state, date, clock.now())));
	reports.get('/hotspots', report(hotspotsReport));
	reports.get('/oncall', report(onCallReport, onCallReportCsv));
	return reports;
}
