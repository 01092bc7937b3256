import type { SchoolState } from '../school/state';

/**
 * The students whose names a member of staff may be shown for the call they are sent to: those
 * someone else named. A call they raised themselves, and the students they added by raising a
 * call that was merged into another's, give nothing: naming students and sending oneself would
 * otherwise reveal anyone's name.
 */
export function nameableFor(state: SchoolState, staffId: string): ReadonlySet<string> {
	const requestId = state.assignments.get(staffId);
	const request = requestId === undefined ? undefined : state.requests.get(requestId);
	if (!request || request.raisedBy === staffId) return new Set();
	const namedBySelf = new Set(
		request.merged.flatMap((id) => {
			const merged = state.ended.get(id);
			return merged && merged.raisedBy === staffId ? merged.studentIds : [];
		})
	);
	return new Set(request.studentIds.filter((id) => !namedBySelf.has(id)));
}
