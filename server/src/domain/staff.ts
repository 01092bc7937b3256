import type { EventOf, StaffItem } from '../../protocol';
import type { SchoolState } from './state';

export function applyStaffStatus(state: SchoolState, e: EventOf<'staff:status-changed'>): void {
	state.staffStatus.set(e.staffId, { status: e.status, locationId: e.locationId ?? null, since: e.occurredAt });
}

export function staffView(state: SchoolState, only?: ReadonlySet<string>): StaffItem[] {
	return [...state.staffStatus].filter(([id]) => !only || only.has(id)).map(([id, s]) => ({
		id,
		code: state.staff.get(id)?.code ?? id,
		status: s.status,
		locationId: s.locationId,
		since: s.since
	}));
}
