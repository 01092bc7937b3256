import { randomUUID } from 'node:crypto';
import type { AuditAction, EventOf, Role, SchoolRole } from '../../protocol';
import { actorId, type Principal } from './principal';

export interface AuditFacts {
	studentId?: string;
	address?: string | undefined;
	detail?: string;
}

/** An audit entry for the school's log: appended in the same batch as what it records. */
export function auditEntry(
	schoolId: string,
	actor: { principal: Principal; role: SchoolRole | null } | 'system',
	action: AuditAction,
	facts: AuditFacts,
	now: number
): EventOf<'audit:recorded'> {
	return {
		id: `audit-${randomUUID()}`,
		schoolId,
		occurredAt: new Date(now).toISOString(),
		type: 'audit:recorded',
		action,
		actorId: actor === 'system' ? 'system' : actorId(actor.principal),
		actorRole: actor === 'system' ? 'system' : roleOf(actor.principal, actor.role),
		studentId: facts.studentId ?? null,
		address: facts.address?.slice(0, 100) ?? null,
		detail: (facts.detail ?? '').slice(0, 500)
	};
}

/** A trust admin is written down as one, so a school's log tells them from its own admins. */
function roleOf(principal: Principal, role: SchoolRole | null): Role {
	if (principal.kind === 'person' && (principal.role === 'trust_admin' || role === null)) return principal.role;
	return role ?? (principal.kind === 'device' ? 'wall' : 'integration');
}
