import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { LocalDate, SchoolId, toApiIssues } from '../../protocol';
import type { Clock } from '../clock';
import { hotspotsReport } from '../domain/hotspots';
import { latenessReport } from '../domain/lateness';
import { localDate } from '../domain/local-time';
import type { SchoolState } from '../domain/state';
import { truancyReport } from '../domain/truancy';
import type { Projections } from '../live/projections';
import { sendError } from './errors';

const Query = z.object({ school: SchoolId, date: LocalDate.optional() });

/** `/api/v1/reports/*?school=ID&date=YYYY-MM-DD` (the school's today when no date is given). */
export function reportsRouter(projections: Projections, clock: Clock): Router {
	const reports = Router();
	const report = (make: (state: SchoolState, date: string) => unknown) => (req: Request, res: Response) => {
		const parsed = Query.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally date) are needed', toApiIssues(parsed.error, false));
		if (!projections.has(parsed.data.school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(parsed.data.school);
		res.json(make(state, parsed.data.date ?? localDate(clock.now(), state.timezone)));
	};
	reports.get('/lateness', report(latenessReport));
	reports.get('/truancy', report((state, date) => truancyReport(state, date, clock.now())));
	reports.get('/hotspots', report(hotspotsReport));
	return reports;
}
