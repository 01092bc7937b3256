import { EvidenceQuery, toApiIssues } from '../../protocol';
import { auditEntry } from '../auth/audit';
import { actorId } from '../auth/principal';
import type { Clock } from '../clock';
import { evidenceCsv } from '../domain/attendance/evidence-pack-csv';
import { evidencePack, staffName } from '../domain/attendance/evidence-pack';
import { addDays } from '../domain/calendar/dates';
import { localDate } from '../domain/calendar/local-time';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { appendOr503 } from './append-answer';
import { sendError } from './errors';
import { accessOf, type guardedRouter } from './guarded-router';

/** A pack covers at most two academic years: longer is not a request anyone means to make. */
const MAX_DAYS = 731;

interface Deps {
	store: EventStore;
	projections: Projections;
	clock: Clock;
	/** Real time, for audit entries. */
	now: () => number;
}

/**
 * One student's evidence pack for the Local Authority (`GET /reports/evidence`), as JSON or CSV.
 * Each pack is written to the audit log before it is given: a pack that cannot be written down
 * is not produced.
 */
export function attendanceEvidenceRoutes(api: ReturnType<typeof guardedRouter>, deps: Deps): void {
	const { store, projections, clock, now } = deps;

	api.route('GET /reports/evidence', async (req, res) => {
		const parsed = EvidenceQuery.safeParse(req.query);
		if (!parsed.success)
			return sendError(res, 'invalid_query', 'school and student (and optionally from, to, format) are needed', toApiIssues(parsed.error, false));
		const { school, student, format } = parsed.data;
		const access = accessOf(res);
		const state = projections.has(school) ? projections.state(school) : null;
		if (!state?.students.has(student))
			return sendError(res, 'not_found', 'this school has no such student', [{ path: 'student', message: 'not a student of this school' }]);
		const today = localDate(clock.now(), state.timezone);
		const { from, to = today } = parsed.data;
		if (to > today) return sendError(res, 'invalid_query', 'a pack is a record of what happened', [{ path: 'to', message: `is after today (${today})` }]);
		if (from !== undefined && from > to) return sendError(res, 'invalid_query', 'from is after to', [{ path: 'from', message: `is after ${to}` }]);
		if (from !== undefined && from < addDays(to, -MAX_DAYS))
			return sendError(res, 'invalid_query', 'a pack covers at most two years', [{ path: 'from', message: `is before ${addDays(to, -MAX_DAYS)}` }]);
		const { principal } = access;
		// A trust admin from another school is not one of this school's users: their own name stands.
		const producedBy =
			principal.kind !== 'person' ? actorId(principal) : state.access.users.has(principal.userId) ? staffName(state, principal.userId) : principal.displayName;
		const pack = evidencePack(state, { studentId: student, from, to, now: clock.now(), producedBy });
		if (!pack) return sendError(res, 'not_found', 'this school has no such student', [{ path: 'student', message: 'not a student of this school' }]);
		const detail = `evidence pack ${pack.range.from} to ${pack.range.to} as ${format}`;
		const entry = auditEntry(school, access, 'evidence_pack_produced', { studentId: student, address: req.ip, detail }, now());
		if ((await appendOr503(store, res, [entry])) === null) return;
		if (format === 'json') return res.json(pack);
		res.type('text/csv').attachment(`${school}-evidence-${student}-${pack.range.from}-${pack.range.to}.csv`).send(evidenceCsv(pack));
	});
}
