import { rateLimit } from 'express-rate-limit';
import { sendError } from './errors';
import { accessOf } from './guarded-router';

export interface Limits {
	/** Sign-in attempts per minute from one address (lock-out guards each account separately). */
	signInPerMinute: number;
	/** Ingest requests per minute per integration key. */
	ingestPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = { signInPerMinute: 10, ingestPerMinute: 60_000 };

export function signInLimiter(perMinute: number) {
	return rateLimit({
		windowMs: 60_000,
		limit: perMinute,
		standardHeaders: 'draft-8',
		legacyHeaders: false,
		handler: (_req, res) => sendError(res, 'rate_limited', 'too many sign-in attempts from this address: wait a minute')
	});
}

/** Per key, after the guard has said whose key it is; one key flooding cannot starve the others. */
export function ingestLimiter(perMinute: number) {
	return rateLimit({
		windowMs: 60_000,
		limit: perMinute,
		// Draft 7's headers say the same as draft 8's without hashing the key on every ingest call.
		standardHeaders: 'draft-7',
		legacyHeaders: false,
		keyGenerator: (_req, res) => {
			const { principal } = accessOf(res);
			return principal.kind === 'key' ? principal.keyId : principal.schoolId;
		},
		handler: (_req, res) => sendError(res, 'rate_limited', 'this key sends more requests than allowed: slow down or batch events')
	});
}
