import { describe, expect, it, vi } from 'vitest';
import { csrfFetch } from './csrf';

const ok = (_input: RequestInfo | URL, _init?: RequestInit) => Promise.resolve(new Response('{}'));

describe('csrfFetch', () => {
	it('adds the token to state-changing requests only, keeping their other headers', async () => {
		const base = vi.fn(ok);
		const send = csrfFetch(() => 'tok', base);
		await send('/api/v1/oncall', { method: 'post', headers: { 'content-type': 'application/json' }, body: '{}' });
		await send('/api/v1/snapshot');
		await send('/api/v1/session', { method: 'DELETE' });
		const headers = base.mock.calls.map(([, init]) => new Headers(init?.headers));
		expect(headers[0]?.get('x-csrf-token')).toBe('tok');
		expect(headers[0]?.get('content-type')).toBe('application/json');
		expect(headers[1]?.get('x-csrf-token')).toBeNull();
		expect(headers[2]?.get('x-csrf-token')).toBe('tok');
	});

	it('sends nothing extra when nobody is signed in', async () => {
		const base = vi.fn(ok);
		await csrfFetch(() => null, base)('/api/v1/session', { method: 'POST', body: '{}' });
		expect(new Headers(base.mock.calls[0]?.[1]?.headers).get('x-csrf-token')).toBeNull();
	});
});
