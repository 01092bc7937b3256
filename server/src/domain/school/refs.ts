import type { StaffRef, StudentRef } from '../../../protocol';
import type { SchoolState } from './state';

/** A student as named roles see them; `redactStudent` makes what the others get. */
export function studentRef(state: SchoolState, id: string): StudentRef {
	const s = state.students.get(id);
	if (!s) return { id, initials: '?', yearGroup: null };
	return { id, initials: `${s.givenName[0] ?? ''}${s.familyName[0] ?? ''}`.toUpperCase(), yearGroup: s.yearGroup, name: `${s.givenName} ${s.familyName}` };
}

export function staffRef(state: SchoolState, id: string): StaffRef {
	return { id, code: state.staff.get(id)?.code ?? id };
}

export function roomRef(state: SchoolState, id: string): { roomId: string; roomName: string } {
	return { roomId: id, roomName: state.rooms.get(id)?.name ?? id };
}
