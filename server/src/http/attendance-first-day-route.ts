import express, { type Response } from 'express';
import { z } from 'zod';
import { CallBody, ContactsBody, LocalDate, SchoolId, toApiIssues, type EventOf } from '../../protocol';
import { auditEntry } from '../auth/audit';
import { actorId } from '../auth/principal';
import type { Clock } from '../clock';
import { contactsOf } from '../domain/attendance/first-day-calls';
import { correctionsCsv, firstDayListCsv } from '../domain/attendance/first-day-csv';
import { firstDayReport } from '../domain/attendance/first-day';
import { localDate } from '../domain/calendar/local-time';
import type { Projections } from '../live/projections';
import type { EventStore } from '../store/event-store';
import { sendError } from './errors';
import { answerCommand, appendOr503 } from './append-answer';
import { accessOf, type guardedRouter } from './guarded-router';

const Query = z.object({
	school: SchoolId,
	date: LocalDate.optional(),
	format: z.enum(['json', 'csv']).default('json'),
	/** Which table the CSV holds: the calling list, or the register corrections asked for. */
	table: z.enum(['list', 'corrections']).default('list')
});

interface Deps {
	store: EventStore;
	projections: Projections;
	clock: Clock;
	/** Real time, for audit entries. */
	now: () => number;
}

/**
 * First-day calling: the day's list (`GET /reports/first-day`), a family's contacts shown one
 * student at a time and written to the audit log first (`POST /attendance/contacts`), and each
 * call logged by the person who made it, on the school's clock (`POST /attendance/calls`).
 */
export function attendanceFirstDayRoutes(api: ReturnType<typeof guardedRouter>, deps: Deps): void {
	const { store, projections, clock, now } = deps;
	const json = express.json({ limit: '8kb' });

	api.route('GET /reports/first-day', (req, res) => {
		const parsed = Query.safeParse(req.query);
		if (!parsed.success) return sendError(res, 'invalid_query', 'school (and optionally date, format, table) are needed', toApiIssues(parsed.error, false));
		const { school, format, table } = parsed.data;
		if (!projections.has(school)) return sendError(res, 'not_found', 'no events for this school yet');
		const state = projections.state(school);
		const date = parsed.data.date ?? localDate(clock.now(), state.timezone);
		const report = firstDayReport(state, date, clock.now());
		if (format === 'json') return res.json(report);
		const csv = table === 'list' ? firstDayListCsv(report) : correctionsCsv(report);
		res.type('text/csv').attachment(`${school}-first-day-${table}-${date}.csv`).send(csv);
	});

	api.route('POST /attendance/contacts', json, async (req, res) => {
		const access = accessOf(res);
		const body = ContactsBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { studentId }', toApiIssues(body.error, false));
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		if (!state?.students.has(body.data.studentId)) return noSuchStudent(res);
		const contacts = contactsOf(state, body.data.studentId);
		const entry = auditEntry(
			access.schoolId,
			access,
			'contacts_revealed',
			{ studentId: body.data.studentId, address: req.ip, detail: `${contacts.length} contact(s) for first-day calling` },
			now()
		);
		// No audit entry, no contacts: a look that cannot be written down is not given.
		if ((await appendOr503(store, res, [entry])) !== null) res.json({ ok: true, data: { studentId: body.data.studentId, contacts } });
	});

	api.route('POST /attendance/calls', json, async (req, res) => {
		const access = accessOf(res);
		const body = CallBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'the call is not valid; nothing was stored', toApiIssues(body.error, false));
		// Someone not linked to the staff list (an admin from the trust, say) is written down by their user id.
		const by = access.principal.kind === 'person' ? (access.principal.staffId ?? access.principal.userId) : actorId(access.principal);
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		if (!state?.students.has(body.data.studentId)) return noSuchStudent(res);
		if (body.data.contactIndex >= contactsOf(state, body.data.studentId).length)
			return sendError(res, 'invalid_body', 'the student has no contact at that place; nothing was stored', [
				{ path: 'contactIndex', message: `the student has ${contactsOf(state, body.data.studentId).length} contact(s)` }
			]);
		const at = clock.now();
		const event: EventOf<'attendance:call-logged'> = {
			...body.data,
			id: `call-${body.data.callId}`,
			schoolId: access.schoolId,
			type: 'attendance:call-logged',
			occurredAt: new Date(at).toISOString(),
			date: localDate(at, state.timezone),
			by
		};
		await answerCommand(store, res, event);
	});
}

const noSuchStudent = (res: Response) =>
	sendError(res, 'not_found', 'this school has no such student', [{ path: 'studentId', message: 'not a student of this school' }]);
