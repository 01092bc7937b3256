import type { Response } from 'express';
import { z } from 'zod';
import { SchoolId, toApiIssues } from '../../protocol';
import { ConnectorName, type ConnectorStatus } from '../../protocol/connectors';
import { auditEntry } from '../auth/audit';
import { csvCell } from '../domain/csv/csv-cell';
import type { ConnectorJob } from '../jobs/connector-job';
import type { EventStore } from '../store/event-store';
import { appendOr503 } from './append-answer';
import { sendError } from './errors';
import { accessOf, type guardedRouter } from './guarded-router';

const StatusQuery = z.object({ school: SchoolId, format: z.enum(['json', 'csv']).default('json') });
const RunQuery = z.object({ school: SchoolId });

/** What the routes ask of the connectors' job; none when the server runs no connector. */
export type ConnectorControl = Pick<ConnectorJob, 'enabled' | 'statuses' | 'runNow'>;

interface Deps {
	store: EventStore;
	/** The connectors' job; none when the server runs no connector. */
	connectors: ConnectorControl | undefined;
	/** Real time, for audit entries. */
	now: () => number;
}

/**
 * The school's connectors for its admin: each one's run status with the last run's refusals
 * (`GET /connectors`, or the refusals as CSV), and a run now (`POST /connectors/:connector/run`),
 * written to the audit log as `connector_run` before it starts.
 */
export function connectorsRoutes(api: ReturnType<typeof guardedRouter>, { store, connectors, now }: Deps): void {
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
		if (!connectors?.enabled(school).includes(connector.data)) return notEnabled(res, school, connector.data);
		const audit = auditEntry(school, accessOf(res), 'connector_run', { address: req.ip, detail: `${connector.data} run now` }, now());
		if (!(await appendOr503(store, res, [audit]))) return;
		const run = await connectors.runNow(school, connector.data);
		if (run.ok) return res.status(202).json({ ok: true, data: run.status });
		if (run.problem === 'running') {
			return sendError(
				res,
				'invalid_transition',
				`a ${connector.data} run for ${school} is under way since ${run.status.lastRunAt ?? 'just now'}; wait for it to end`,
				[{ path: 'connector', message: 'is running' }]
			);
		}
		notEnabled(res, school, connector.data);
	});
}

function notEnabled(res: Response, school: string, connector: ConnectorName): void {
	sendError(res, 'not_found', `${school} has no ${connector} connector switched on`, [{ path: 'connector', message: 'is not switched on for this school' }]);
}

const CSV_COLUMNS = ['connector', 'endpoint', 'sourceId', 'reason'] as const;

/** The last run's refusals of every connector, one line per refused record. */
function refusalsCsv(statuses: readonly ConnectorStatus[]): string {
	const rows = statuses.flatMap((s) => s.refusals.map((r) => ({ connector: s.connector, ...r })));
	return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}
