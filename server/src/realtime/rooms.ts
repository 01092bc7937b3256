import { NAMED_ROLES, type SchoolRole } from '../../protocol';

/** What a role is sent of students: names, or initials and year groups only. */
export type Tier = 'named' | 'redacted';

export const TIERS: readonly Tier[] = ['named', 'redacted'];

export const tierOf = (role: SchoolRole | null): Tier => (role !== null && NAMED_ROLES.includes(role) ? 'named' : 'redacted');

/** Socket.IO room of a school's live view as one tier is shown it. */
export function schoolRoom(schoolId: string, tier: Tier): `school:${string}` {
	return `school:${schoolId}:${tier}`;
}

/** The school whose live view a room is, or null for a room of another kind. */
export function schoolOfRoom(room: string): string | null {
	return /^school:(.+):(?:named|redacted)$/.exec(room)?.[1] ?? null;
}

/** Every socket of one paired wall screen, so revoking it reaches each of them. */
export function deviceRoom(deviceId: string): `device:${string}` {
	return `device:${deviceId}`;
}

/** Every wall screen of a school, for commands to all of them. */
export function wallRoom(schoolId: string): `walls:${string}` {
	return `walls:${schoolId}`;
}

/** Every socket of one sign-in, and of one person: signing out closes them. */
export function sessionRoom(sessionId: string): `session:${string}` {
	return `session:${sessionId}`;
}

export function userRoom(userId: string): `user:${string}` {
	return `user:${userId}`;
}
