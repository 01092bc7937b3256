import { z } from 'zod';
import { LocalDate, SchoolId, toApiIssues, WeeklyCompare } from '../../protocol';
import type { Clock } from '../clock';
import { behaviourWeekly } from '../domain/behaviour-weekly';
import { localDate } from '../domain/calendar/local-time';
import { patternsCsv, weeklyCsv } from '../domain/patterns/patterns-csv';
import { patternsReport } from '../domain/patterns/patterns';
import type { Projections } from '../live/projections';
import { sendError } from './errors';
import type { guardedRouter } from './guarded-router';

const format = z.enum(['json', 'csv']).default('json');
const PatternsQuery = z.object({ school: SchoolId, date: LocalDate.optional(), format });
const WeeklyQuery = z.object({ school: SchoolId, week: LocalDate.optional(), compare: WeeklyCompare.default('full'), format });

/** Patterns this half term against the last (`GET /reports/patterns`) and the week for senior leaders (`GET /reports/behaviour-weekly`). */
export function patternsRoutes(api: ReturnType<typeof guardedRouter>, deps: { projections: Projections; clock: Clock }): void {
	const { projections, clock } = deps;

	api.route('GET /reports/patterns', (req, res) => {
		const parsed = PatternsQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally date, format) are needed', toApiIssues(parsed.error, false));
		const { school } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const date = parsed.data.date ?? localDate(clock.now(), state.timezone);
		const report = patternsReport(state, date);
		if (parsed.data.format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${school}-patterns-${date}.csv`).send(patternsCsv(report));
	});

	api.route('GET /reports/behaviour-weekly', (req, res) => {
		const parsed = WeeklyQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally week, compare, format) are needed', toApiIssues(parsed.error, false));
		const { school } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const report = behaviourWeekly(state, { week: parsed.data.week, compare: parsed.data.compare }, clock.now());
		if (parsed.data.format === 'json') return res.json(report);
		const soFar = report.week.through === null ? '' : '-so-far';
		res.type('text/csv').attachment(`${school}-behaviour-weekly-${report.week.from}${soFar}.csv`).send(weeklyCsv(report));
	});
}
