import type { EventOf } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { lessonsOn } from '../school/school-day';
import type { SchoolState } from '../school/state';
import { lessonPeriodsOn, occupancyOf } from './booking';

const keyOf = (e: { roomId: string; date: string; periodId: string }) => `${e.roomId}|${e.date}|${e.periodId}`;

/** A repeated request for the same period keeps the first (and whoever took it). */
export function applyCoverRequested(state: SchoolState, e: EventOf<'reflection:cover-requested'>): void {
	const key = keyOf(e);
	if (state.coverRequests.has(key)) return;
	state.coverRequests.set(key, { roomId: e.roomId, date: e.date, periodId: e.periodId, by: e.by, at: e.occurredAt, takenBy: null, takenAt: null });
}

/** Taking cover makes the taker the period's supervisor; the request records who took it. */
export function applyCoverTaken(state: SchoolState, e: EventOf<'reflection:cover-taken'>): void {
	const request = state.coverRequests.get(keyOf(e));
	if (!request || request.takenBy) return;
	request.takenBy = e.staffId;
	request.takenAt = e.occurredAt;
	state.supervisors.set(keyOf(e), e.staffId);
}

/** Whether a member of staff teaches (or covers a lesson) in a period of a date. */
export function teachesIn(state: SchoolState, staffId: string, date: string, periodId: string): boolean {
	return lessonsOn(state, date).some((l) => l.staffId === staffId && l.periodId === periodId && (l.exemption === undefined || l.exemption === 'cover'));
}

export interface CoverProblem {
	code: 'invalid_body' | 'not_found' | 'invalid_transition' | 'staff_unavailable';
	field: string;
	message: string;
}

type Slot = { roomId: string; date: string; periodId: string };

/** Why cover cannot be asked for this period, or null: a known room and lesson period, not past, not already asked or supervised. */
export function coverRequestProblem(state: SchoolState, slot: Slot, now: number): CoverProblem | null {
	if (!state.reflectionRooms.has(slot.roomId)) return { code: 'invalid_body', field: 'roomId', message: `no Reflection Room has id ${slot.roomId}` };
	if (!lessonPeriodsOn(state, slot.date).some((p) => p.id === slot.periodId)) {
		return { code: 'invalid_body', field: 'periodId', message: `${slot.periodId} is not a lesson period on ${slot.date}` };
	}
	if (slot.date < localDate(now, state.timezone)) return { code: 'invalid_body', field: 'date', message: `${slot.date} has passed` };
	if (state.coverRequests.has(keyOf(slot))) return { code: 'invalid_transition', field: 'periodId', message: 'cover was already asked for in that period' };
	if (state.supervisors.get(keyOf(slot))) return { code: 'invalid_transition', field: 'periodId', message: 'the period already has a supervisor' };
	return null;
}

/** Why this member of staff cannot take the period's cover, or null. */
export function coverTakeProblem(state: SchoolState, slot: Slot, staffId: string): CoverProblem | null {
	const request = state.coverRequests.get(keyOf(slot));
	if (!request) return { code: 'not_found', field: 'periodId', message: 'nobody asked for cover in that period' };
	if (request.takenBy)
		return {
			code: 'invalid_transition',
			field: 'periodId',
			message: `cover was already taken by ${state.staff.get(request.takenBy)?.code ?? request.takenBy}`
		};
	if (!state.staff.has(staffId)) return { code: 'invalid_body', field: 'staffId', message: `no member of staff has id ${staffId}` };
	if (teachesIn(state, staffId, slot.date, slot.periodId)) return { code: 'staff_unavailable', field: 'periodId', message: 'you teach in that period' };
	return null;
}

/** Open cover requests from today on that a member of staff is free for (not teaching then). */
export function openCoverFor(state: SchoolState, staffId: string, now: number) {
	const today = localDate(now, state.timezone);
	const occ = occupancyOf(state);
	return [...state.coverRequests.values()]
		.filter((r) => !r.takenBy && r.date >= today && !teachesIn(state, staffId, r.date, r.periodId))
		.map((r) => {
			const period = state.periods.find((p) => p.id === r.periodId);
			return {
				roomId: r.roomId,
				roomName: state.rooms.get(r.roomId)?.name ?? r.roomId,
				date: r.date,
				periodId: r.periodId,
				period: period?.name ?? r.periodId,
				startsAt: period?.startsAt ?? '',
				booked: occ.taken.get(keyOf(r)) ?? 0
			};
		})
		.sort((a, b) => a.date.localeCompare(b.date) || a.startsAt.localeCompare(b.startsAt));
}
