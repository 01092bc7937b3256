import { randomUUID } from 'node:crypto';
import type { AuditAction, InboundEvent, SchoolRole } from '../../protocol';
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
): InboundEvent {
	return {
		id: `audit-${randomUUID()}`,
		schoolId,
		occurredAt: new Date(now).toISOString(),
		type: 'audit:recorded',
		action,
		actorId: actor === 'system' ? 'system' : actorId(actor.principal),
		actorRole: actor === 'system' ? 'system' : (actor.role ?? (actor.principal.kind === 'person' ? actor.principal.role : 'integration')),
		studentId: facts.studentId ?? null,
		address: facts.address?.slice(0, 100) ?? null,
		detail: (facts.detail ?? '').slice(0, 500)
	};
}
