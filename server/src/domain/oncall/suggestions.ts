import type { Suggestion } from '../../../protocol';
import { distancesFrom } from '../../floorplan/walking-graph';
import type { DayAt } from '../school/duty';
import { staffRef } from '../school/refs';
import { staffNow } from './staff';
import type { Request, SchoolState } from '../school/state';

const SHOWN = 3;

/**
 * Who to send: staff free now, those on duty this period before those in a free period (whose
 * time it would take), each group nearest on foot first. Without a floorplan, same floor first.
 */
export function suggestionsFor(state: SchoolState, request: Request, day: DayAt): Suggestion[] {
	if (request.status !== 'raised' && request.status !== 'acknowledged') return [];
	const metresTo = state.walking ? distancesFrom(state.walking, request.locationId) : null;
	const level = state.rooms.get(request.locationId)?.level;
	const candidates = [];
	for (const member of state.staff.values()) {
		const now = staffNow(state, member.id, day);
		if (now.status !== 'available') continue;
		const from = now.locationId;
		const metres = from === null ? null : (metresTo?.get(from) ?? null);
		const sameFloor = from !== null && level !== undefined && state.rooms.get(from)?.level === level;
		candidates.push({ member, from, metres, sameFloor, onDuty: day.onDuty.has(member.id) });
	}
	return candidates
		.sort(
			(a, b) =>
				Number(b.onDuty) - Number(a.onDuty) ||
				(a.metres ?? Infinity) - (b.metres ?? Infinity) ||
				Number(b.sameFloor) - Number(a.sameFloor) ||
				a.member.code.localeCompare(b.member.code)
		)
		.slice(0, SHOWN)
		.map((c) => ({
			staff: staffRef(state, c.member.id),
			metres: c.metres === null ? null : Math.round(c.metres),
			onDuty: c.onDuty,
			fromRoomName: c.from === null ? null : (state.rooms.get(c.from)?.name ?? c.from)
		}));
}
