import type { PersonRole, SchoolRole } from '../../protocol';
import type { Projections } from '../live/projections';

/** Who is asking: a signed-in person, a paired wall screen, or a system with an integration key. */
export type Principal =
	| {
			kind: 'person';
			userId: string;
			role: PersonRole;
			schoolId: string;
			staffId: string | null;
			displayName: string;
			sessionId: string;
			csrfToken: string;
			expiresAt: number;
	  }
	| { kind: 'device'; deviceId: string; schoolId: string }
	| { kind: 'key'; keyId: string; schoolId: string };

/** The id written to the audit log for this principal. */
export const actorId = (p: Principal) => (p.kind === 'person' ? p.userId : p.kind === 'device' ? p.deviceId : p.keyId);

/**
 * The principal's role in a school, or null when it has none there. A trust admin is an admin
 * in every school of their own school's trust, as an operator set the trusts (`school:trust-set`).
 */
export function roleIn(principal: Principal, schoolId: string, projections: Projections): SchoolRole | null {
	if (principal.kind === 'device') return principal.schoolId === schoolId ? 'wall' : null;
	if (principal.kind === 'key') return principal.schoolId === schoolId ? 'integration' : null;
	if (principal.schoolId === schoolId) return principal.role === 'trust_admin' ? 'admin' : principal.role;
	if (principal.role !== 'trust_admin' || !projections.has(schoolId) || !projections.has(principal.schoolId)) return null;
	const trust = projections.state(principal.schoolId).access.trustId;
	return trust !== null && projections.state(schoolId).access.trustId === trust ? 'admin' : null;
}

/** Every school the principal may open, with its role there. */
export function schoolsOf(principal: Principal, projections: Projections): { id: string; name: string; role: SchoolRole }[] {
	return projections.schoolIds().flatMap((id) => {
		const role = roleIn(principal, id, projections);
		return role ? [{ id, name: projections.state(id).name, role }] : [];
	});
}
