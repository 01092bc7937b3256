import { randomUUID } from 'node:crypto';
import type { InboundEvent, NewPersonBody } from '../../protocol';
import { integrationKeyValue } from './authenticate';
import { hashPassword } from './passwords';
import { randomToken, sha256 } from './secrets';

/** The event that lets a person sign in; the password is kept only as its scrypt hash. */
export async function userAdded(schoolId: string, person: NewPersonBody, now: number, cost?: Parameters<typeof hashPassword>[1]): Promise<Extract<InboundEvent, { type: 'user:added' }>> {
	const userId = `user-${randomUUID()}`;
	const { password, ...rest } = person;
	return { id: `added-${userId}`, schoolId, occurredAt: new Date(now).toISOString(), type: 'user:added', userId, ...rest, passwordHash: await hashPassword(password, cost) };
}

/** A new integration key: the event keeps its hash; `key` is shown once and never again. */
export function keyIssued(schoolId: string, name: string, now: number): { event: Extract<InboundEvent, { type: 'integration-key:issued' }>; key: string } {
	const keyId = `key-${randomUUID()}`;
	const key = integrationKeyValue(schoolId, randomToken());
	return { event: { id: `issued-${keyId}`, schoolId, occurredAt: new Date(now).toISOString(), type: 'integration-key:issued', keyId, name, keySha256: sha256(key) }, key };
}
