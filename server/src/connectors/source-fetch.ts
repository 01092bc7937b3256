/** Why a source stopped a school's sync: its key or approval withdrawn (401), or narrowed so an endpoint is closed (403). */
export class SourceAccessError extends Error {
	override readonly name = 'SourceAccessError';
	constructor(
		readonly state: 'revoked' | 'narrowed',
		readonly status: number,
		readonly url: string
	) {
		super(
			state === 'revoked'
				? `the source refused the key (${status}): the school's approval or the key was revoked`
				: `the source refused this endpoint (${status}): the school's approval no longer covers it`
		);
	}
}

/** The source kept failing (5xx, 429, the network) past the retries, or answered with something else it should not. */
export class SourceFailedError extends Error {
	override readonly name: string = 'SourceFailedError';
}

/** A 404: for an object read at its href, one deleted since it was listed (skipped and counted); for a listing, a failure as any other. */
export class SourceNotFoundError extends SourceFailedError {
	override readonly name = 'SourceNotFoundError';
}

export interface RetryPolicy {
	/** Attempts in all for one page, the first included. */
	attempts: number;
	/** The first back-off after a 5xx or a network failure; doubled each time, with full jitter. */
	baseDelayMs: number;
	/** No single wait is longer, whatever Retry-After says. */
	maxDelayMs: number;
	/** Each request gives up after this long. */
	timeoutMs: number;
	sleep(ms: number): Promise<void>;
	random(): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	attempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 120_000,
	timeoutMs: 60_000,
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	random: Math.random
};

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
	if (header === null || header.trim() === '') return null;
	if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const at = Date.parse(header);
	return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** What a retry waited, for progress lines. */
export type RetryNote = (note: { url: string; attempt: number; status: number | null; waitMs: number }) => void;

/**
 * A URL the source gave (a next page, an object's href), resolved against the school's base URL.
 * The school's credential goes only to the source's own origin: a link elsewhere is refused,
 * never followed.
 */
export function sourceUrl(link: string, baseUrl: string): string {
	const base = new URL(baseUrl);
	let url: URL;
	try {
		url = new URL(link, base);
	} catch {
		throw new SourceFailedError(`the source gave a link that is not a URL (${JSON.stringify(link.slice(0, 200))}); nothing of its page was applied`);
	}
	if (url.origin !== base.origin) {
		throw new SourceFailedError(
			`the source gave a link to ${url.origin}, not to ${base.origin}; the school's key is sent to its own source only, so nothing of its page was applied`
		);
	}
	return url.toString();
}

/**
 * GETs one page as JSON with the bearer token. A 429 waits as Retry-After says (or backs off
 * when it says nothing); a 5xx or a network failure backs off exponentially with full jitter; both
 * retry up to `attempts`. A 401 or 403 throws `SourceAccessError` at once: retrying a revoked key
 * only earns the school's supplier an alert.
 */
export async function fetchJson(url: string, token: string, policy: RetryPolicy = DEFAULT_RETRY, onRetry?: RetryNote): Promise<unknown> {
	let last = 'no attempt made';
	for (let attempt = 1; attempt <= policy.attempts; attempt++) {
		let status: number | null = null;
		let wait: number;
		try {
			const res = await fetch(url, {
				headers: { authorization: authorizationOf(token), accept: 'application/json' },
				signal: AbortSignal.timeout(policy.timeoutMs)
			});
			status = res.status;
			if (res.ok) {
				try {
					return await res.json();
				} catch (err) {
					throw new SourceFailedError(`${url}: the answer was not JSON (${err instanceof Error ? err.message : String(err)})`);
				}
			}
			await res.body?.cancel().catch(() => undefined);
			if (res.status === 401) throw new SourceAccessError('revoked', 401, url);
			if (res.status === 403) throw new SourceAccessError('narrowed', 403, url);
			if (res.status === 404) throw new SourceNotFoundError(`${url}: the source answered 404`);
			if (res.status !== 429 && res.status < 500) throw new SourceFailedError(`${url}: the source answered ${res.status}`);
			last = `the source answered ${res.status}`;
			wait = (res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null) ?? backoff(policy, attempt);
		} catch (err) {
			if (err instanceof SourceAccessError || err instanceof SourceFailedError) throw err;
			last = `the request failed (${err instanceof Error ? err.message : String(err)})`;
			wait = backoff(policy, attempt);
		}
		if (attempt === policy.attempts) break;
		wait = Math.min(wait, policy.maxDelayMs);
		onRetry?.({ url, attempt, status, waitMs: wait });
		await policy.sleep(wait);
	}
	throw new SourceFailedError(`${url}: ${last}, ${policy.attempts} times; giving up until the next run`);
}

/** A bearer token (Wonde), or a credential that names its own scheme, `Basic ...` (Arbor's API users), sent as given. */
export const authorizationOf = (token: string): string => (/^Basic [A-Za-z0-9+/=]+$/.test(token) ? token : `Bearer ${token}`);

/** Full jitter: anywhere from nothing to the doubled delay, so many schools retrying at once spread out. */
function backoff(policy: RetryPolicy, attempt: number): number {
	return Math.round(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}
