import { z } from 'zod';
import type { InboundEvent } from '../../server/protocol';
import { integrationKeyValue, SESSION_COOKIE, sessionCookieValue } from '../../server/src/auth/authenticate';
import { hashPassword } from '../../server/src/auth/passwords';
import { randomToken, sha256 } from '../../server/src/auth/secrets';
import type { EventStore } from '../../server/src/store/event-store';

/**
 * What one school's bench clients present, as real ones do: the integration key its sender
 * posts with, the session tokens of its signed-in coordinators (named tier) and the device
 * tokens of its paired wall screens (redacted tier).
 */
export const SchoolCredentials = z.object({
	schoolId: z.string(),
	key: z.string(),
	sessionTokens: z.array(z.string()),
	deviceTokens: z.array(z.string())
});
export type SchoolCredentials = z.infer<typeof SchoolCredentials>;

/** How many of each a school's clients need. */
export const AccessShape = z.object({
	schoolIds: z.array(z.string()).min(1),
	/** Coordinators signed in, one session each. */
	people: z.number().int().min(0),
	walls: z.number().int().min(0)
});
export type AccessShape = z.infer<typeof AccessShape>;

/** Half of a school's clients are coordinators, half wall screens, so both tiers are measured. */
export function tierSplit(clientsPerSchool: number): { people: number; walls: number } {
	const people = Math.ceil(clientsPerSchool / 2);
	return { people, walls: clientsPerSchool - people };
}

/** The `cookie` header a signed-in browser sends with this session. */
export const sessionCookie = (schoolId: string, token: string) => `${SESSION_COOKIE}=${sessionCookieValue(schoolId, token)}`;

/** The school's first coordinator's session, as a browser holds the cookie. */
export function browserSession(school: SchoolCredentials): { name: string; value: string } {
	const token = school.sessionTokens[0];
	if (token === undefined) throw new Error(`${school.schoolId} has no session`);
	return { name: SESSION_COOKIE, value: sessionCookieValue(school.schoolId, token) };
}

/** The address an admin would be given for the school's first wall: its token in the #fragment. */
export function pairingPath(school: SchoolCredentials): string {
	const token = school.deviceTokens[0];
	if (token === undefined) throw new Error(`${school.schoolId} has no wall`);
	return `/wall/pair?school=${school.schoolId}#${token}`;
}

/** What client `index` of a school presents: a coordinator's cookie, or a wall's device token. */
export function clientCredential(school: SchoolCredentials, index: number): { cookie: string } | { deviceToken: string } {
	const people = school.sessionTokens.length;
	if (index < people) return { cookie: sessionCookie(school.schoolId, school.sessionTokens[index] as string) };
	const token = school.deviceTokens[index - people];
	if (token === undefined) throw new Error(`${school.schoolId} has credentials for ${people + school.deviceTokens.length} clients, not ${index + 1}`);
	return { deviceToken: token };
}

/** Fresh random credentials for each school; nothing is granted until `grantAccess`. */
export function benchCredentials(shape: AccessShape): SchoolCredentials[] {
	return shape.schoolIds.map((schoolId) => ({
		schoolId,
		key: integrationKeyValue(schoolId, randomToken()),
		sessionTokens: Array.from({ length: shape.people }, () => randomToken()),
		deviceTokens: Array.from({ length: shape.walls }, () => randomToken())
	}));
}

const SESSION_MS = 12 * 60 * 60_000;

/**
 * Writes into the log what makes the credentials good, as an admin's grants and a sign-in
 * would: the key, a coordinator and a live session per session token, a paired wall per
 * device token. Nobody signs in with the password, so one hash serves every person.
 */
export async function grantAccess(store: EventStore, credentials: readonly SchoolCredentials[]): Promise<void> {
	const passwordHash = await hashPassword(randomToken());
	const at = new Date().toISOString();
	const expiresAt = new Date(Date.now() + SESSION_MS).toISOString();
	const events: InboundEvent[] = [];
	for (const { schoolId, key, sessionTokens, deviceTokens } of credentials) {
		const base = { schoolId, occurredAt: at };
		events.push({ ...base, id: 'bench-key', type: 'integration-key:issued', keyId: 'key-bench', name: 'Bench sender', keySha256: sha256(key) });
		sessionTokens.forEach((token, i) => {
			const userId = `coordinator-${i + 1}`;
			events.push(
				{
					...base,
					id: `added-${userId}`,
					type: 'user:added',
					userId,
					email: `${userId}@${schoolId}.bench`,
					displayName: `Coordinator ${i + 1}`,
					role: 'coordinator',
					staffId: null,
					passwordHash
				},
				{ ...base, id: `session-${userId}`, type: 'session:started', sessionId: sha256(token), userId, expiresAt }
			);
		});
		deviceTokens.forEach((token, i) => {
			events.push({
				...base,
				id: `paired-wall-${i + 1}`,
				type: 'device:paired',
				deviceId: `wall-${i + 1}`,
				name: `Bench wall ${i + 1}`,
				tokenSha256: sha256(token)
			});
		});
	}
	await store.append(events);
}
