import type { ApiError } from '../server/protocol';

/** The school an integration key is for (keys read `lk.<schoolId>.<secret>`), or null for anything else. */
export function keySchool(key: string): string | null {
	return /^lk\.([a-z0-9][a-z0-9-]{0,63})\.[A-Za-z0-9_-]{20,}$/.exec(key)?.[1] ?? null;
}

/** The server will not take this key's events however often they are sent: retrying cannot help. */
export class KeyRefusedError extends Error {
	override readonly name = 'KeyRefusedError';
}

/** Why the server refused the key, worded for whoever runs the simulator; null for other refusals. */
export function keyRefusal(status: number, error: ApiError, schoolId: string): KeyRefusedError | null {
	// A 401 says only that the key is not good there; what to do about it is the useful part.
	if (status === 401) {
		return new KeyRefusedError(
			`the server refused the integration key: it is unknown there, or was revoked. ` +
				`Give ${schoolId}'s key with --key or LOOKOUT_KEY; an admin issues one with ` +
				`npm run admin -- key --school ${schoolId} --name "Simulator"`
		);
	}
	if (status === 403) {
		const detail = error.issues?.map((i) => `${i.path} ${i.message}`).join('; ');
		return new KeyRefusedError(`the server refused the key for this: ${error.message}${detail ? ` (${detail})` : ''}`);
	}
	return null;
}
