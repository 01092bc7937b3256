import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId, plainError, sendCommand } from './command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('dispatch commands', () => {
	it('makes UUIDs, also where randomUUID is missing (plain http on the school network)', () => {
		expect(newId()).toMatch(UUID);
		const real = globalThis.crypto;
		vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array<ArrayBuffer>) => real.getRandomValues(a) });
		const ids = new Set(Array.from({ length: 50 }, () => newId()));
		expect(ids.size).toBe(50);
		for (const id of ids) expect(id).toMatch(UUID);
	});

	it('refuses a malformed step before sending it', async () => {
		const fetch = vi.fn();
		vi.stubGlobal('fetch', fetch);
		const sent = await sendCommand(fetch, 'school', { type: 'oncall:acknowledged', requestId: 'not an id!', by: 'T1' });
		expect(sent).toMatchObject({ ok: false, code: 'invalid_body' });
		expect(fetch).not.toHaveBeenCalled();
	});

	it('resends with the same id after a network failure, and puts refusals in plain words', async () => {
		const bodies: string[] = [];
		vi.stubGlobal(
			'fetch',
			vi.fn(async (_url: string, init: { body: string }) => {
				bodies.push(init.body);
				if (bodies.length === 1) throw new TypeError('Failed to fetch');
				return new Response(JSON.stringify({ ok: false, code: 'staff_unavailable', message: 'P1 is teaching; nothing was stored' }), { status: 409 });
			})
		);
		const sent = await sendCommand(
			(input, init) => fetch(input, init),
			'school',
			{ type: 'oncall:dispatched', requestId: 'r1', by: 'C1', staffId: 'P1' },
			'id-1'
		);
		expect(bodies.map((b) => (JSON.parse(b) as { id: string }).id)).toEqual(['id-1', 'id-1']);
		expect(sent).toEqual({
			ok: false,
			code: 'staff_unavailable',
			message: plainError('staff_unavailable', '').message,
			detail: 'P1 is teaching; nothing was stored'
		});
	});
});
