import { randomUUID } from 'node:crypto';
import type { InboundEvent, NewPersonBody } from '../../protocol';
import { integrationKeyValue } from './authenticate';
import { hashPassword } from './passwords';
import { randomToken, sha256 } from './secrets';

/** The event that lets a person sign in; the password is kept only as its scrypt hash. */
export async function userAdded(
	schoolId: string,
	person: NewPersonBody,
	now: number,
	cost?: Parameters<typeof hashPassword>[1]
): Promise<Extract<InboundEvent, { type: 'user:added' }>> {
	const userId = `user-${randomUUID()}`;
	const { password, ...rest } = person;
	return {
		id: `added-${userId}`,
		schoolId,
		occurredAt: new Date(now).toISOString(),
		type: 'user:added',
		userId,
		...rest,
		passwordHash: await hashPassword(password, cost)
	};
}

/** A new integration key: the event keeps its hash; `key` is shown once and never again. */
export function keyIssued(schoolId: string, name: string, now: number): { event: Extract<InboundEvent, { type: 'integration-key:issued' }>; key: string } {
	const keyId = `key-${randomUUID()}`;
	const key = integrationKeyValue(schoolId, randomToken());
	return {
		event: { id: `issued-${keyId}`, schoolId, occurredAt: new Date(now).toISOString(), type: 'integration-key:issued', keyId, name, keySha256: sha256(key) },
		key
	};
}

/** A new wall screen: the event keeps its token's hash; the pairing address, token and all, is shown once. */
export function devicePaired(
	schoolId: string,
	name: string,
	now: number
): { event: Extract<InboundEvent, { type: 'device:paired' }>; token: string; pairingPath: string } {
	const token = randomToken();
	const deviceId = `wall-${randomUUID()}`;
	const event = {
		id: `paired-${deviceId}`,
		schoolId,
		occurredAt: new Date(now).toISOString(),
		type: 'device:paired',
		deviceId,
		name,
		tokenSha256: sha256(token)
	} as const;
	return { event, token, pairingPath: `/wall/pair?school=${schoolId}#${token}` };
}

/** Puts a school in a trust (or, with null, in none): written only by an operator's command on the server. */
export function trustSet(schoolId: string, trustId: string | null, now: number): Extract<InboundEvent, { type: 'school:trust-set' }> {
	return { id: `trust-${schoolId}-${now}`, schoolId, occurredAt: new Date(now).toISOString(), type: 'school:trust-set', trustId };
}
