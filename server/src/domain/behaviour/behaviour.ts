import type { BehaviourItem, EventOf, RoomCountItem } from '../../../protocol';
import { localDate, localMoment } from '../calendar/local-time';
import { roomRef, staffRef, studentRef } from '../school/refs';
import { periodAt } from '../school/school-day';
import { getOrCreate, type RoomTally, type SchoolState } from '../school/state';

/** A fight (severity 5) heats a room five times as much as a uniform note (severity 1). */
export const weightOf = (severity: number) => severity;

/** Behaviour outside every period (before school, after it) is tallied under this key. */
export const OUTSIDE_PERIODS = 'outside';

/** Returns the ids of the events that left the recent list to make room. */
export function applyBehaviour(state: SchoolState, e: EventOf<'behaviour:recorded'>): string[] {
	state.recentBehaviour.push(e);
	const over = state.recentBehaviour.length - state.settings.recentBehaviour;
	const evicted = over > 0 ? state.recentBehaviour.splice(0, over).map((old) => old.id) : [];
	const { date, minute } = localMoment(Date.parse(e.occurredAt), state.timezone);
	const rooms = getOrCreate(state.tallies, date, () => new Map<string, RoomTally>());
	const tally = getOrCreate(rooms, e.locationId, () => ({ negative: 0, positive: 0, byPeriod: new Map(), weight: 0, weightByPeriod: new Map() }));
	if (e.polarity === 'positive') {
		tally.positive += 1;
		return evicted;
	}
	tally.negative += 1;
	// With staggered lunches the period depends on the year group: the first student's decides.
	const yearGroup = state.students.get(e.studentIds[0] ?? '')?.yearGroup;
	const period = periodAt(state, date, minute, yearGroup)?.id ?? OUTSIDE_PERIODS;
	tally.byPeriod.set(period, (tally.byPeriod.get(period) ?? 0) + 1);
	const weight = weightOf(e.severity);
	tally.weight += weight;
	tally.weightByPeriod.set(period, (tally.weightByPeriod.get(period) ?? 0) + weight);
	getOrCreate(state.incidents, date, () => []).push({ at: Date.parse(e.occurredAt), roomId: e.locationId, periodId: period, category: e.category, weight });
	const perStudent = getOrCreate(state.studentNegatives, date, () => new Map<string, number>());
	for (const id of e.studentIds) perStudent.set(id, (perStudent.get(id) ?? 0) + 1);
	return evicted;
}

/** The recent feed, or only the events named. */
export function behaviourView(state: SchoolState, ids?: ReadonlySet<string>): BehaviourItem[] {
	return state.recentBehaviour
		.filter((e) => !ids || ids.has(e.id))
		.map((e) => ({
			id: e.id,
			at: e.occurredAt,
			polarity: e.polarity,
			category: e.category,
			severity: e.severity,
			points: e.points,
			...roomRef(state, e.locationId),
			students: e.studentIds.map((id) => studentRef(state, id)),
			staff: staffRef(state, e.staffId)
		}));
}

/** The heatmap's live window. */
export const LIVE_WINDOW_MS = 30 * 60_000;

/**
 * Counts and heat per room today: every known room and any other room an event named, or
 * only the rooms asked for.
 */
export function roomsView(state: SchoolState, now: number, only?: ReadonlySet<string>): RoomCountItem[] {
	const today = localDate(now, state.timezone);
	const tallies = state.tallies.get(today) ?? new Map<string, RoomTally>();
	const live = new Map<string, number>();
	for (const i of state.incidents.get(today) ?? []) {
		if (i.at > now - LIVE_WINDOW_MS && i.at <= now) live.set(i.roomId, (live.get(i.roomId) ?? 0) + i.weight);
	}
	const open = new Map<string, number>();
	for (const r of state.requests.values()) open.set(r.locationId, (open.get(r.locationId) ?? 0) + 1);
	const ids = only ?? new Set([...state.rooms.keys(), ...tallies.keys(), ...open.keys()]);
	return [...ids].map((id) => {
		const tally = tallies.get(id);
		return {
			id,
			name: state.rooms.get(id)?.name ?? id,
			level: state.rooms.get(id)?.level ?? 0,
			negativeToday: tally?.negative ?? 0,
			positiveToday: tally?.positive ?? 0,
			byPeriod: Object.fromEntries(tally?.byPeriod ?? []),
			heatToday: tally?.weight ?? 0,
			heatByPeriod: Object.fromEntries(tally?.weightByPeriod ?? []),
			heatLive: live.get(id) ?? 0,
			openRequests: open.get(id) ?? 0
		};
	});
}

/** When each of a date's incidents leaves the live window, and the room whose heat drops then. */
export function liveWindowExpiries(state: SchoolState, date: string): { at: number; roomId: string }[] {
	return (state.incidents.get(date) ?? []).map((i) => ({ at: i.at + LIVE_WINDOW_MS, roomId: i.roomId }));
}
