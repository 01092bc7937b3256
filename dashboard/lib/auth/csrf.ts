export type Fetch = typeof fetch;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A fetch that sends the session's `x-csrf-token` with every POST, PUT, PATCH and DELETE: the
 * server refuses those without it when they come with the session cookie.
 */
export function csrfFetch(token: () => string | null, base: Fetch = (input, init) => fetch(input, init)): Fetch {
	return (input, init = {}) => {
		const value = token();
		if (value === null || !STATE_CHANGING.has((init.method ?? 'GET').toUpperCase())) return base(input, init);
		const headers = new Headers(init.headers);
		headers.set('x-csrf-token', value);
		return base(input, { ...init, headers });
	};
}
