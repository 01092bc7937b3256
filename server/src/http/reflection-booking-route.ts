import { randomUUID } from 'node:crypto';
import express, { type Response } from 'express';
import { z } from 'zod';
import {
	EntityId,
	LocalDate,
	ReflectionBookingBody,
	ReflectionCoverBody,
	SchoolId,
	toApiIssues,
	type InboundEvent,
	type ReflectionBookingRefused,
	type ReflectionBookingResult
} from '../../protocol';
import { actorId } from '../auth/principal';
import { localDate } from '../domain/calendar/local-time';
import { bookingEvents, describeLesson, planBooking } from '../domain/reflection/booking';
import { coverRequestProblem, coverTakeProblem, openCoverFor } from '../domain/reflection/cover';
import { bookingsCsv, rotaCsv } from '../domain/reflection/desk-csv';
import { reflectionDesk, reflectionStudent } from '../domain/reflection/desk-view';
import type { SchoolState } from '../domain/school/state';
import { appendOr503 } from './append-answer';
import type { AttendanceDeps } from './attendance-minutes-late-route';
import { sendError } from './errors';
import { accessOf, type Access, type guardedRouter } from './guarded-router';

const DeskQuery = z.object({
	school: SchoolId,
	from: LocalDate.optional(),
	days: z.coerce.number().int().min(1).max(20).default(5),
	format: z.enum(['json', 'csv']).default('json'),
	table: z.enum(['bookings', 'rota']).default('bookings')
});
const StudentQuery = z.object({ school: SchoolId, student: EntityId, date: LocalDate.optional(), format: z.enum(['json', 'csv']).default('json') });

/** Who did it: their staff id, or (a person not on the staff list) their user id. */
const actorOf = (access: Access) => (access.principal.kind === 'person' ? (access.principal.staffId ?? access.principal.userId) : actorId(access.principal));

/**
 * The Reflection Room desk: bookings, cover requested and taken, the desk's days and a student's
 * history. Each command is checked against the school's state and appended in one turn per
 * school, so two bookings for the last place (or two phones taking one cover) store one.
 */
export function reflectionBookingRoutes(api: ReturnType<typeof guardedRouter>, deps: AttendanceDeps): void {
	const { store, projections, clock } = deps;
	const turns = new Map<string, Promise<unknown>>();
	/** Runs `check` against the school's state then appends what it gives, one command per school at a time. */
	const inTurn = <T>(schoolId: string, work: () => Promise<T>): Promise<T> => {
		const turn = (turns.get(schoolId) ?? Promise.resolve()).then(work);
		turns.set(
			schoolId,
			turn.catch(() => {})
		);
		return turn;
	};
	const stateOf = (schoolId: string): SchoolState | null => (projections.has(schoolId) ? projections.state(schoolId) : null);
	const append = async (res: Response, events: InboundEvent[]) => (await appendOr503(store, res, events)) !== null;

	api.route('POST /reflection/bookings', express.json({ limit: '8kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = ReflectionBookingBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'the booking is not valid; nothing was stored', toApiIssues(body.error, false));
		await inTurn(access.schoolId, async () => {
			const state = stateOf(access.schoolId);
			if (!state) return sendError(res, 'not_found', 'no events for this school yet; nothing was stored');
			const now = clock.now();
			const plan = planBooking(state, body.data, now);
			if (!plan.ok) {
				const { problem } = plan;
				const issues = [{ path: problem.field, message: problem.message }];
				if (problem.code !== 'room_full') return sendError(res, problem.code, `${problem.message}; nothing was stored`, issues);
				const refused: ReflectionBookingRefused = {
					ok: false,
					code: 'room_full',
					message: `${problem.message}; nothing was stored`,
					issues,
					full: problem.full,
					nextFree: problem.nextFree
				};
				res.locals.errorCode = 'room_full';
				return res.status(409).json(refused);
			}
			const events = bookingEvents(state, body.data, plan.planned, { now, bookedBy: actorOf(access), newId: randomUUID });
			if (!(await append(res, events))) return;
			const answer: ReflectionBookingResult = {
				ok: true,
				data: {
					bookings: plan.planned.map((p, i) => ({
						...p.slot,
						bookingId: events[i]?.bookingId ?? '',
						lessonMissed: p.lesson ? describeLesson(state, p.lesson) : null
					}))
				}
			};
			res.status(201).json(answer);
		});
	});

	api.route('POST /reflection/cover', express.json({ limit: '4kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = ReflectionCoverBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { roomId, date, periodId }; nothing was stored', toApiIssues(body.error, false));
		await inTurn(access.schoolId, async () => {
			const state = stateOf(access.schoolId);
			if (!state) return sendError(res, 'not_found', 'no events for this school yet; nothing was stored');
			const now = clock.now();
			const problem = coverRequestProblem(state, body.data, now);
			if (problem) return sendError(res, problem.code, `${problem.message}; nothing was stored`, [{ path: problem.field, message: problem.message }]);
			const id = `cover-${randomUUID()}`;
			const event: InboundEvent = {
				id,
				schoolId: access.schoolId,
				type: 'reflection:cover-requested',
				occurredAt: new Date(now).toISOString(),
				...body.data,
				by: actorOf(access)
			};
			if (await append(res, [event])) res.status(201).json({ ok: true, data: { id } });
		});
	});

	api.route('POST /reflection/cover/take', express.json({ limit: '4kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = ReflectionCoverBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { roomId, date, periodId }; nothing was stored', toApiIssues(body.error, false));
		const staffId = access.principal.kind === 'person' ? access.principal.staffId : null;
		if (!staffId)
			return sendError(res, 'staff_unavailable', 'your account is not linked to a member of staff, so it cannot supervise; nothing was stored', [
				{ path: 'staffId', message: 'not linked to a member of staff' }
			]);
		await inTurn(access.schoolId, async () => {
			const state = stateOf(access.schoolId);
			if (!state) return sendError(res, 'not_found', 'no events for this school yet; nothing was stored');
			const problem = coverTakeProblem(state, body.data, staffId);
			if (problem) return sendError(res, problem.code, `${problem.message}; nothing was stored`, [{ path: problem.field, message: problem.message }]);
			const id = `cover-taken-${randomUUID()}`;
			const event: InboundEvent = {
				id,
				schoolId: access.schoolId,
				type: 'reflection:cover-taken',
				occurredAt: new Date(clock.now()).toISOString(),
				...body.data,
				staffId
			};
			if (await append(res, [event])) res.json({ ok: true, data: { id } });
		});
	});

	api.route('GET /reflection/cover', (_req, res) => {
		const access = accessOf(res);
		const state = stateOf(access.schoolId);
		const staffId = access.principal.kind === 'person' ? access.principal.staffId : null;
		res.json(state && staffId ? openCoverFor(state, staffId, clock.now()) : []);
	});

	api.route('GET /reports/reflection', (req, res) => {
		const q = DeskQuery.safeParse(req.query);
		if (!q.success) return sendError(res, 'invalid_query', 'school (and optionally from, days, format, table) are needed', toApiIssues(q.error, false));
		const state = stateOf(q.data.school);
		if (!state) return sendError(res, 'not_found', 'no events for this school yet');
		const now = clock.now();
		const from = q.data.from ?? localDate(now, state.timezone);
		const report = reflectionDesk(state, from, q.data.days, now);
		if (q.data.format === 'json') return res.json(report);
		const csv = q.data.table === 'rota' ? rotaCsv(report) : bookingsCsv(report.days.flatMap((d) => d.bookings));
		res.type('text/csv').attachment(`${q.data.school}-reflection-${q.data.table}-${from}.csv`).send(csv);
	});

	api.route('GET /reports/reflection/student', (req, res) => {
		const q = StudentQuery.safeParse(req.query);
		if (!q.success) return sendError(res, 'invalid_query', 'school and student are needed', toApiIssues(q.error, false));
		const state = stateOf(q.data.school);
		if (!state?.students.has(q.data.student)) return sendError(res, 'not_found', 'no student has that id');
		const now = clock.now();
		const report = reflectionStudent(state, q.data.student, q.data.date ?? localDate(now, state.timezone), now);
		if (q.data.format === 'json') return res.json(report);
		res.type('text/csv').attachment(`${q.data.school}-reflection-${q.data.student}.csv`).send(bookingsCsv(report.bookings));
	});
}
