import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { EntityId, toApiIssues, type InboundEvent, type StudentRecord } from '../../protocol';
import { checkReveal, REVEALS_PER_HOUR, REVEALS_UNUSUAL } from '../domain/access/reveals';
import { nameableFor } from '../domain/oncall/nameable';
import type { SchoolState } from '../domain/school/state';
import { sendError, sendStoreUnavailable } from './errors';
import type { Projections } from '../live/projections';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { auditEntry } from '../auth/audit';
import { actorId } from '../auth/principal';
import { accessOf, type Access } from './guarded-router';
import type { guardedRouter } from './guarded-router';

const RevealBody = z.strictObject({ studentIds: z.array(EntityId).min(1).max(50) });

/**
 * Named records, each look written to the audit log before the answer goes out: a student's
 * record, and names revealed on a redacted view. Patrol staff may look only at the students
 * of the call they are assigned to, as someone else named them; reveals per person are limited
 * and an unusual number is flagged in the audit log.
 */
export function studentRoutes(api: ReturnType<typeof guardedRouter>, deps: { store: EventStore; projections: Projections; now: () => number }): void {
	const { store, projections, now } = deps;

	api.route('GET /students/:studentId', async (req, res) => {
		const access = accessOf(res);
		const id = EntityId.safeParse(req.params.studentId);
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		const student = id.success ? state?.students.get(id.data) : undefined;
		if (!state || !student)
			return sendError(res, 'not_found', 'this school has no such student', [{ path: 'studentId', message: 'not a student of this school' }]);
		if (!mayName(state, access, [student.id])) return refuseNotYours(res);
		// A trust admin acts as admin here, but a school may name trust admins for the flags too.
		const roles = [access.role, access.principal.kind === 'person' ? access.principal.role : null];
		const flags = roles.some((role) => role !== null && state.settings.specialCategoryRoles.includes(role));
		const record: StudentRecord = {
			id: student.id,
			givenName: student.givenName,
			familyName: student.familyName,
			yearGroup: student.yearGroup,
			formGroup: student.formGroup,
			flags: flags ? { sen: false, medical: false, safeguarding: false, ...student.flags } : null
		};
		const detail = flags ? 'record with special category flags' : 'record';
		if (await audit(req, res, [student.id], 'student_viewed', detail)) res.json({ ok: true, data: record });
	});

	api.route('POST /students/reveal', express.json({ limit: '8kb' }), async (req, res) => {
		const access = accessOf(res);
		const body = RevealBody.safeParse(req.body);
		if (!body.success) return sendError(res, 'invalid_body', 'send { studentIds: [...] }', toApiIssues(body.error, false));
		const state = projections.has(access.schoolId) ? projections.state(access.schoolId) : null;
		const unknown = body.data.studentIds.findIndex((id) => !state?.students.has(id));
		if (!state || unknown >= 0)
			return sendError(res, 'not_found', 'this school has no such student', [
				{ path: `studentIds[${Math.max(unknown, 0)}]`, message: 'not a student of this school' }
			]);
		if (!mayName(state, access, body.data.studentIds)) return refuseNotYours(res);
		const check = checkReveal(state.access, actorId(access.principal), body.data.studentIds, now());
		if (!check.ok) return refuseTooMany(res, check.retryAfterMs);
		const students = body.data.studentIds.map((id) => {
			const { givenName, familyName } = state.students.get(id)!;
			return { id, givenName, familyName };
		});
		const flag = check.flag
			? [auditEntry(access.schoolId, access, 'reveals_unusual', { address: req.ip, detail: `${REVEALS_UNUSUAL} or more students' names in an hour` }, now())]
			: [];
		if (await audit(req, res, body.data.studentIds, 'student_revealed', 'name revealed', flag)) res.json({ ok: true, data: { students } });
	});

	async function audit(
		req: Request,
		res: Response,
		studentIds: string[],
		action: 'student_viewed' | 'student_revealed',
		detail: string,
		also: InboundEvent[] = []
	): Promise<boolean> {
		const access = accessOf(res);
		try {
			const entries = studentIds.map((studentId) => auditEntry(access.schoolId, access, action, { studentId, address: req.ip, detail }, now()));
			await store.append([...entries, ...also]);
			return true;
		} catch (err) {
			// No audit entry, no name: a look that cannot be written down is not given.
			if (!(err instanceof StoreUnavailableError)) throw err;
			sendStoreUnavailable(res);
			return false;
		}
	}
}

/** Named roles may name anyone at school; patrol staff only the students someone else named on the call they are sent to. */
function mayName(state: SchoolState, access: Access, studentIds: readonly string[]): boolean {
	if (access.role !== 'patrol') return true;
	const staffId = access.principal.kind === 'person' ? access.principal.staffId : null;
	const nameable = staffId === null ? new Set<string>() : nameableFor(state, staffId);
	return studentIds.every((id) => nameable.has(id));
}

const refuseNotYours = (res: Response) =>
	sendError(res, 'forbidden', 'patrol staff see the names of the students someone else named on the call they are sent to, only', [
		{ path: 'studentIds', message: 'not on your call, or named by you' }
	]);

function refuseTooMany(res: Response, retryAfterMs: number): void {
	res.setHeader('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
	sendError(res, 'rate_limited', `no more than ${REVEALS_PER_HOUR} students' names an hour; try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s)`, [
		{ path: 'studentIds', message: `more than ${REVEALS_PER_HOUR} different students in an hour` }
	]);
}
