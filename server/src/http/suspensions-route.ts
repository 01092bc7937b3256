import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import {
	EntityId,
	LocalDate,
	NotifiedBody,
	SchoolId,
	SuspensionAmendBody,
	SuspensionBody,
	SuspensionStudentsQuery,
	SuspensionTemplateBody,
	SuspensionWithdrawBody,
	TermName,
	toApiIssues,
	type EventOf
} from '../../protocol';
import { auditEntry } from '../auth/audit';
import { actorId, type Principal } from '../auth/principal';
import { localDate } from '../domain/calendar/local-time';
import type { SchoolState, SuspensionFact } from '../domain/school/state';
import { suspensionReport, suspensionsIn } from '../domain/suspensions/report';
import { searchStudents } from '../domain/suspensions/student-search';
import { laReturnCsv, suspensionsCsv, suspensionTotalsCsv } from '../domain/suspensions/suspensions-csv';
import { sameRecord } from '../domain/suspensions/suspensions';
import { yearAndTerm, yearLimitProblem } from '../domain/suspensions/totals';
import { schoolYearOf } from '../domain/calendar/terms';
import type { Clock } from '../clock';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { answerCommand, appendOr503 } from './append-answer';
import { sendError } from './errors';
import { accessOf, type Access, type guardedRouter } from './guarded-router';

const ReportQuery = z.object({
	school: SchoolId,
	from: LocalDate.optional(),
	to: LocalDate.optional(),
	format: z.enum(['json', 'csv']).default('json'),
	/** In CSV, the log (one row a suspension) or the totals (one row a student). */
	table: z.enum(['log', 'totals']).default('log')
});

const ReturnQuery = z.object({ school: SchoolId, term: TermName.optional(), date: LocalDate.optional(), format: z.enum(['json', 'csv']).default('csv') });

interface Deps {
	store: EventStore;
	projections: Projections;
	clock: Clock;
	/** Real time, for audit entries. */
	now: () => number;
}

/** Who recorded something: their staff id, or their user id when they have none. */
const recorder = (principal: Principal) => (principal.kind === 'person' ? (principal.staffId ?? principal.userId) : actorId(principal));

/**
 * The suspensions log of the behaviour desk: `POST /suspensions` records one (refusing one that
 * takes a student's year over 45 days), `POST /suspensions/:id/amend` corrects one and
 * `POST /suspensions/:id/withdraw` withdraws one, `POST /suspensions/:id/notified` records a party told,
 * `POST /suspensions/letter-template` sets the school's letter, `GET /suspensions/students` finds
 * students for the record form, and `GET /reports/suspensions` and `/reports/suspensions/la-return`
 * read them, each look written to the audit log before the answer goes out.
 */
export function suspensionRoutes(api: ReturnType<typeof guardedRouter>, deps: Deps): void {
	const { store, projections, clock, now } = deps;
	const json = express.json({ limit: '16kb' });
	const stamp = () => new Date(clock.now()).toISOString();
	const stateOf = (schoolId: string): SchoolState | null => (projections.has(schoolId) ? projections.state(schoolId) : null);

	api.route('POST /suspensions', json, async (req, res) => {
		const access = accessOf(res);
		const body = SuspensionBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'the suspension is not valid; nothing was stored', toApiIssues(body.error, false));
		const state = stateOf(access.schoolId);
		if (!state?.students.has(body.data.studentId))
			return sendError(res, 'not_found', 'this school has no such student; nothing was stored', [
				{ path: 'studentId', message: 'not a student of this school' }
			]);
		const { suspensionId = `susp-${randomUUID()}`, ...given } = body.data;
		if (state.suspensions.has(suspensionId)) return res.status(200).json({ ok: true, data: { suspensionId, duplicate: true } });
		const event: EventOf<'suspension:recorded'> = {
			id: `suspension-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'suspension:recorded',
			occurredAt: stamp(),
			suspensionId,
			...given,
			by: recorder(access.principal)
		};
		const problem = yearLimitProblem(state, event);
		if (problem) return sendError(res, 'invalid_body', `${problem.message}; nothing was stored`, [problem]);
		if ((await appendOr503(store, res, [event])) !== null) res.status(201).json({ ok: true, data: { suspensionId: event.suspensionId } });
	});

	/** The suspension a path names, or a 404 naming the id; undefined when answered. */
	const suspensionOf = (req: Request, res: Response): SuspensionFact | undefined => {
		const access = accessOf(res);
		const given = String(req.params.suspensionId ?? '');
		const id = EntityId.safeParse(given);
		const known = id.success ? stateOf(access.schoolId)?.suspensions.get(id.data) : undefined;
		if (known) return known;
		sendError(res, 'not_found', `no suspension of this school has the id ${JSON.stringify(given)}; nothing was stored`, [
			{ path: 'suspensionId', message: `${JSON.stringify(given)} is not a suspension of this school` }
		]);
		return undefined;
	};

	api.route('POST /suspensions/:suspensionId/amend', json, async (req, res) => {
		const access = accessOf(res);
		const known = suspensionOf(req, res);
		if (!known) return;
		const r = known.recorded;
		if (known.withdrawn)
			return sendError(res, 'invalid_transition', `suspension ${r.suspensionId} was withdrawn; a withdrawn suspension cannot be amended; nothing was stored`, [
				{ path: 'suspensionId', message: 'is withdrawn' }
			]);
		const body = SuspensionAmendBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'the corrected suspension is not valid; nothing was stored', toApiIssues(body.error, false));
		const { why, ...corrected } = body.data;
		// A different student or kind is a different decision: withdraw this one and record that.
		const other = [
			...(corrected.studentId !== r.studentId
				? [{ path: 'studentId', message: `is ${r.studentId} on this suspension; withdraw it as recorded in error and record one for the right student` }]
				: []),
			...(corrected.kind !== r.kind ? [{ path: 'kind', message: `is ${r.kind} on this record; a different kind is a new decision, recorded on its own` }] : [])
		];
		if (other.length > 0)
			return sendError(res, 'invalid_body', 'an amendment corrects a record, it does not change whom or what it is about; nothing was stored', other);
		const unchanged = sameRecord(r, corrected);
		if (unchanged) return res.status(200).json({ ok: true, data: { suspensionId: r.suspensionId, unchanged: true } });
		const state = stateOf(access.schoolId);
		const problem = state ? yearLimitProblem(state, { ...r, ...corrected }) : null;
		if (problem) return sendError(res, 'invalid_body', `${problem.message}; nothing was stored`, [problem]);
		const event: EventOf<'suspension:amended'> = {
			id: `suspension-amended-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'suspension:amended',
			occurredAt: stamp(),
			suspensionId: r.suspensionId,
			...corrected,
			why,
			by: recorder(access.principal)
		};
		if ((await appendOr503(store, res, [event])) !== null)
			res.status(201).json({ ok: true, data: { suspensionId: r.suspensionId, amendedAt: event.occurredAt } });
	});

	api.route('POST /suspensions/:suspensionId/withdraw', json, async (req, res) => {
		const access = accessOf(res);
		const known = suspensionOf(req, res);
		if (!known) return;
		const body = SuspensionWithdrawBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { reason } (and optionally note); nothing was stored', toApiIssues(body.error, false));
		const id = known.recorded.suspensionId;
		if (known.withdrawn) return res.status(200).json({ ok: true, data: { suspensionId: id, withdrawnAt: known.withdrawn.occurredAt, duplicate: true } });
		const event: EventOf<'suspension:withdrawn'> = {
			id: `suspension-withdrawn-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'suspension:withdrawn',
			occurredAt: stamp(),
			suspensionId: id,
			reason: body.data.reason,
			note: body.data.note,
			by: recorder(access.principal)
		};
		if ((await appendOr503(store, res, [event])) !== null) res.status(201).json({ ok: true, data: { suspensionId: id, withdrawnAt: event.occurredAt } });
	});

	api.route('POST /suspensions/:suspensionId/notified', json, async (req, res) => {
		const access = accessOf(res);
		const id = EntityId.safeParse(req.params.suspensionId);
		const known = id.success ? stateOf(access.schoolId)?.suspensions.get(id.data) : undefined;
		if (!id.success || !known)
			return sendError(res, 'not_found', 'no suspension has that id; nothing was stored', [
				{ path: 'suspensionId', message: 'is not a suspension of this school' }
			]);
		const body = NotifiedBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { who, how } (and optionally at); nothing was stored', toApiIssues(body.error, false));
		const at = body.data.at ?? stamp();
		if (Date.parse(at) > clock.now())
			return sendError(res, 'invalid_body', 'a notification is told, not planned; nothing was stored', [{ path: 'at', message: 'is in the future' }]);
		const event: EventOf<'suspension:notified'> = {
			id: `notified-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'suspension:notified',
			occurredAt: stamp(),
			suspensionId: known.recorded.suspensionId,
			who: body.data.who,
			how: body.data.how,
			at,
			by: recorder(access.principal)
		};
		if ((await appendOr503(store, res, [event])) !== null) res.status(201).json({ ok: true, data: { suspensionId: event.suspensionId, who: event.who, at } });
	});

	api.route('POST /suspensions/letter-template', json, async (req, res) => {
		const access = accessOf(res);
		const body = SuspensionTemplateBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { body }; nothing was stored', toApiIssues(body.error, false));
		const event: EventOf<'suspension:template-set'> = {
			id: `suspension-template-${randomUUID()}`,
			schoolId: access.schoolId,
			type: 'suspension:template-set',
			occurredAt: stamp(),
			body: body.data.body,
			by: recorder(access.principal)
		};
		await answerCommand(store, res, event);
	});

	/**
	 * Starts writing the audit entry of a look and gives whether it was written. No audit entry, no
	 * names: the answer waits for it, but the work of building the answer goes on while it is written.
	 */
	const auditing = (req: Request, res: Response, access: Access, detail: string): Promise<boolean> => {
		const written = appendOr503(store, res, [auditEntry(access.schoolId, access, 'suspensions_viewed', { address: req.ip, detail }, now())]).then(
			(r) => r !== null
		);
		// Awaited below; this only keeps a failure while the answer is built from being reported as unhandled.
		written.catch(() => undefined);
		return written;
	};

	api.route('GET /suspensions/students', async (req, res) => {
		const parsed = SuspensionStudentsQuery.safeParse(req.query);
		if (!parsed.success)
			return sendError(res, 'invalid_query', 'school is needed, and q: two characters or more of a name, form or id', toApiIssues(parsed.error, false));
		const state = stateOf(parsed.data.school);
		if (!state) return sendError(res, 'not_found', 'no events for this school yet');
		const found = searchStudents(state, parsed.data.q);
		const written = auditing(
			req,
			res,
			accessOf(res),
			`student picker ${JSON.stringify(parsed.data.q)}: ${found.students.length}${found.more ? '+' : ''} student(s)`
		);
		if (await written) res.json(found);
	});

	api.route('GET /reports/suspensions', async (req, res) => {
		const parsed = ReportQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school is needed; from and to are dates', toApiIssues(parsed.error, false));
		const { school, format, table } = parsed.data;
		const state = stateOf(school);
		if (!state) return sendError(res, 'not_found', 'no events for this school yet');
		const today = localDate(clock.now(), state.timezone);
		// By default the whole academic year of today: suspensions already decided for next week too.
		const { year } = yearAndTerm(state, parsed.data.to ?? today);
		const to = parsed.data.to ?? year.to;
		const from = parsed.data.from ?? year.from;
		if (from > to) return sendError(res, 'invalid_query', 'from is after to', [{ path: 'from', message: `is after to (${to})` }]);
		const shown = suspensionsIn(state, { from, to });
		const written = auditing(req, res, accessOf(res), `suspensions ${from} to ${to} as ${format}: ${shown.length} suspension(s)`);
		const report = suspensionReport(state, { from, to, today }, shown);
		const body = format === 'json' ? JSON.stringify(report) : table === 'totals' ? suspensionTotalsCsv(report) : suspensionsCsv(report);
		if (!(await written)) return;
		if (format === 'json') return res.type('application/json').send(body);
		res.type('text/csv').attachment(`${school}-suspensions-${table}-${from}-${to}.csv`).send(body);
	});

	api.route('GET /reports/suspensions/la-return', async (req, res) => {
		const parsed = ReturnQuery.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school is needed; term is autumn, spring or summer', toApiIssues(parsed.error, false));
		const { school, format } = parsed.data;
		const state = stateOf(school);
		if (!state) return sendError(res, 'not_found', 'no events for this school yet');
		const today = localDate(clock.now(), state.timezone);
		const year = schoolYearOf(state.terms, parsed.data.date ?? today);
		const halves = year.halves.filter((h) => h.term === (parsed.data.term ?? yearAndTerm(state, parsed.data.date ?? today).term.name));
		const first = halves[0];
		const last = halves.at(-1);
		if (!first || !last)
			return sendError(res, 'not_found', 'the school has no such term this year', [{ path: 'term', message: 'is not in the school’s year' }]);
		const range = { from: first.starts, to: last.ends };
		const shown = suspensionsIn(state, range);
		const written = auditing(req, res, accessOf(res), `LA return ${first.term} ${first.starts} to ${last.ends}: ${shown.length} suspension(s)`);
		const report = suspensionReport(state, { ...range, today }, shown);
		const body = format === 'json' ? JSON.stringify(report) : laReturnCsv(report);
		if (!(await written)) return;
		if (format === 'json') return res.type('application/json').send(body);
		res
			.type('text/csv')
			.attachment(`${school}-la-return-${first.term}-${first.starts.slice(0, 4)}.csv`)
			.send(body);
	});
}
