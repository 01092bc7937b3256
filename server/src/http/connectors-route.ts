import { z } from 'zod';
import { SchoolId, toApiIssues } from '../../protocol';
import { ConnectorName, type ConnectorStatus } from '../../protocol/connectors';
import { csvCell } from '../domain/csv/csv-cell';
import type { ConnectorJob } from '../jobs/connector-job';
import { sendError } from './errors';
import type { guardedRouter } from './guarded-router';

const StatusQuery = z.object({ school: SchoolId, format: z.enum(['json', 'csv']).default('json') });
const RunQuery = z.object({ school: SchoolId });

/** What the routes ask of the connectors' job; none when the server runs no connector. */
export type ConnectorControl = Pick<ConnectorJob, 'statuses' | 'runNow'>;

/**
 * The school's connectors for its admin: each one's run status with the last run's refusals
 * (`GET /connectors`, or the refusals as CSV), and a run now (`POST /connectors/:connector/run`).
 */
export function connectorsRoutes(api: ReturnType<typeof guardedRouter>, connectors: ConnectorControl | undefined): void {
	api.route('GET /connectors', async (req, res) => {
		const query = StatusQuery.safeParse(req.query);
		if (!query.success) return sendError(res, 'invalid_query', 'school (and optionally format: json or csv) are needed', toApiIssues(query.error, false));
		const { school, format } = query.data;
		const statuses = connectors ? await connectors.statuses(school) : [];
		if (format === 'json') return res.json({ ok: true, data: statuses });
		res.type('text/csv').attachment(`${school}-connector-refusals.csv`).send(refusalsCsv(statuses));
	});

	api.route('POST /connectors/:connector/run', async (req, res) => {
		const query = RunQuery.safeParse(req.query);
		if (!query.success) return sendError(res, 'invalid_query', 'school is needed', toApiIssues(query.error, false));
		const { school } = query.data;
		const connector = ConnectorName.safeParse(req.params.connector);
		if (!connector.success) {
			return sendError(res, 'not_found', `Lookout has no connector ${JSON.stringify(req.params.connector)}`, [
				{ path: 'connector', message: `is one of ${ConnectorName.options.join(', ')}` }
			]);
		}
		const run = connectors ? await connectors.runNow(school, connector.data) : ({ ok: false, problem: 'not_enabled' } as const);
		if (run.ok) return res.status(202).json({ ok: true, data: run.status });
		if (run.problem === 'running') {
			return sendError(
				res,
				'invalid_transition',
				`a ${connector.data} run for ${school} is under way since ${run.status.lastRunAt ?? 'just now'}; wait for it to end`,
				[{ path: 'connector', message: 'is running' }]
			);
		}
		sendError(res, 'not_found', `${school} has no ${connector.data} connector switched on`, [
			{ path: 'connector', message: 'is not switched on for this school' }
		]);
	});
}

const CSV_COLUMNS = ['connector', 'endpoint', 'sourceId', 'reason'] as const;

/** The last run's refusals of every connector, one line per refused record. */
function refusalsCsv(statuses: readonly ConnectorStatus[]): string {
	const rows = statuses.flatMap((s) => s.refusals.map((r) => ({ connector: s.connector, ...r })));
	return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}
