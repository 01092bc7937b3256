import type { BehaviourItem, EventOf, RoomCountItem } from '../../protocol';
import { localMoment, minuteOfDay } from './local-time';
import { roomRef, staffRef, studentRef } from './refs';
import { getOrCreate, type RoomTally, type SchoolState } from './state';

/** Behaviour outside every period (before school, after it) is tallied under this key. */
export const OUTSIDE_PERIODS = 'outside';

export function periodAt(state: SchoolState, minute: number): string {
	for (const p of state.periods) {
		if (minute >= minuteOfDay(p.startsAt) && minute < minuteOfDay(p.endsAt)) return p.id;
	}
	return OUTSIDE_PERIODS;
}

export function applyBehaviour(state: SchoolState, e: EventOf<'behaviour:recorded'>): void {
	state.recentBehaviour.push(e);
	if (state.recentBehaviour.length > state.settings.recentBehaviour) state.recentBehaviour.shift();
	const { date, minute } = localMoment(Date.parse(e.occurredAt), state.timezone);
	const rooms = getOrCreate(state.tallies, date, () => new Map<string, RoomTally>());
	const tally = getOrCreate(rooms, e.locationId, () => ({ negative: 0, positive: 0, byPeriod: new Map() }));
	if (e.polarity === 'positive') {
		tally.positive += 1;
		return;
	}
	tally.negative += 1;
	const period = periodAt(state, minute);
	tally.byPeriod.set(period, (tally.byPeriod.get(period) ?? 0) + 1);
}

export function behaviourView(state: SchoolState): BehaviourItem[] {
	return state.recentBehaviour.map((e) => ({
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

/** Counts per room today: every known room, and any other room an event named. */
export function roomsView(state: SchoolState, today: string): RoomCountItem[] {
	const tallies = state.tallies.get(today) ?? new Map<string, RoomTally>();
	const open = new Map<string, number>();
	for (const r of state.requests.values()) open.set(r.locationId, (open.get(r.locationId) ?? 0) + 1);
	const ids = new Set([...state.rooms.keys(), ...tallies.keys(), ...open.keys()]);
	return [...ids].map((id) => {
		const tally = tallies.get(id);
		return {
			id,
			name: state.rooms.get(id)?.name ?? id,
			level: state.rooms.get(id)?.level ?? 0,
			negativeToday: tally?.negative ?? 0,
			positiveToday: tally?.positive ?? 0,
			byPeriod: Object.fromEntries(tally?.byPeriod ?? []),
			openRequests: open.get(id) ?? 0
		};
	});
}
