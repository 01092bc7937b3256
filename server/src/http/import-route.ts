import type { RequestHandler } from 'express';
import { auditEntry } from '../auth/audit';
import { accessOf } from './guarded-router';
import { ImportBody, SchoolId, toApiIssues, type ImportResult } from '../../protocol';
import type { Clock } from '../clock';
import type { Projections } from '../live/projections';
import { isCsvFileName, notACsvFile } from '../import/csv-files';
import { importSchool } from '../import/school-import';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { sendError } from './errors';

/**
 * `POST /api/v1/import?school=ID`: a school's CSV files, validated row by row. Any error in any
 * file and nothing is stored; each error names the file, line and column.
 */
export function importRoute(store: EventStore, clock: Clock, now: () => number, projections: Projections): RequestHandler {
	return async (req, res) => {
		const school = SchoolId.safeParse(req.query.school);
		if (!school.success)
			return sendError(res, 'invalid_query', 'school must be a school id', [{ path: 'school', message: school.error.issues[0]?.message ?? 'invalid' }]);
		if (!req.is('application/json')) return sendError(res, 'invalid_body', 'send the files as JSON, with Content-Type: application/json');
		// Read from the JSON as sent: a name such as `__proto__` never reaches the parsed record.
		const sent: unknown = (req.body as { files?: unknown } | undefined)?.files;
		const unknown = typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? Object.keys(sent).filter((name) => !isCsvFileName(name)) : [];
		if (unknown.length > 0) {
			const issues = unknown.map((name) => ({ path: `${name}:1`, message: notACsvFile }));
			return sendError(res, 'invalid_body', `${unknown.length} file(s) Lookout does not read; nothing was imported`, issues);
		}
		const body = ImportBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'the body must be { files: { "name.csv": "text" } }', toApiIssues(body.error, false));
		// A school's trust is the operator's to set: its school.csv may name only that one.
		const trustId = projections.has(school.data) ? projections.state(school.data).access.trustId : null;
		const result = importSchool(school.data, body.data.files, new Date(clock.now()), undefined, { trustId });
		if (!result.ok) {
			const issues = result.errors.map((e) => ({ path: `${e.file}:${e.line}${e.column === null ? '' : `:${e.column}`}`, message: e.detail }));
			return sendError(res, 'invalid_body', `${issues.length} problem(s) in the files; nothing was imported`, issues);
		}
		try {
			const detail = Object.entries(result.summary)
				.map(([kind, rows]) => `${rows} ${kind}`)
				.join(', ');
			const audit = auditEntry(school.data, accessOf(res), 'reference_imported', { address: req.ip, detail }, now());
			const { stored, duplicates } = await store.append([...result.events, audit]);
			const answer: ImportResult = { ok: true, data: { accepted: stored.length - 1, duplicates, summary: result.summary } };
			res.json(answer);
		} catch (err) {
			if (!(err instanceof StoreUnavailableError)) throw err;
			res.setHeader('Retry-After', '5');
			sendError(res, 'store_unavailable', 'the event log cannot take writes now; nothing was imported');
		}
	};
}
