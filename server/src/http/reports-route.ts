import { Router } from 'express';
import { z } from 'zod';
import { LocalDate, SchoolId, toApiIssues } from '../../protocol';
import type { Clock } from '../clock';
import { localDate } from '../domain/local-time';
import { hotspotsReport } from '../domain/hotspots';
import { latenessReport } from '../domain/lateness';
import { truancyReport } from '../domain/truancy';
import type { Projections } from '../live/projections';
import { sendError } from './errors';

const Query = z.object({ school: SchoolId, date: LocalDate.optional() });

/** `/api/v1/reports/*?school=ID&date=YYYY-MM-DD` (the school's today when no date is given). */
export function reportsRouter(projections: Projections, clock: Clock): Router {
	const reports = Router();
	const read = (query: unknown) => {
		const parsed = Query.safeParse(query);
		if (!parsed.success) return { error: toApiIssues(parsed.error, false) };
		if (!projections.has(parsed.data.school)) return { error: [{ path: 'school', message: 'no such school' }] };
		const state = projections.state(parsed.data.school);
		return { state, date: parsed.data.date ?? localDate(clock.now(), state.timezone) };
	};
	reports.get('/lateness', (req, res) => {
		const q = read(req.query);
		if ('error' in q) return sendError(res, 'invalid_query', 'school (and optionally date) are needed', q.error);
		res.json(latenessReport(q.state, q.date));
	});
	reports.get('/truancy', (req, res) => {
		const q = read(req.query);
		if ('error' in q) return sendError(res, 'invalid_query', 'school (and optionally date) are needed', q.error);
		res.json(truancyReport(q.state, q.date, clock.now()));
	});
	reports.get('/hotspots', (req, res) => {
		const q = read(req.query);
		if ('error' in q) return sendError(res, 'invalid_query', 'school (and optionally date) are needed', q.error);
		res.json(hotspotsReport(q.state, q.date));
	});
	return reports;
}
