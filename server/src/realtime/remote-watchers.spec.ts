import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RemoteWatchers } from './remote-watchers';
import type { LookoutServer } from './socket-server';

type Handler = (message: unknown) => void;

/** Socket.IO as the watchers use it: inter-node messages in and out, and this node's rooms. */
function fakeIo(rooms: Map<string, Set<string>>) {
	const handlers = new Map<string, Handler>();
	const sent: unknown[] = [];
	const io = {
		on: (event: string, handler: Handler) => handlers.set(event, handler),
		serverSideEmit: (event: string, message: unknown) => sent.push([event, message]),
		sockets: { adapter: { rooms } }
	} as unknown as LookoutServer;
	return { io, sent, hear: (message: unknown) => handlers.get('school:watched')?.(message) };
}

describe('RemoteWatchers', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	const held = new Set(['mine', 'also-mine']);
	const setup = (rooms = new Map<string, Set<string>>()) => {
		const woken: string[] = [];
		const { io, sent, hear } = fakeIo(rooms);
		const watchers = new RemoteWatchers(
			io,
			'node1',
			(s) => held.has(s),
			(s) => woken.push(s),
			2_000
		);
		return { watchers, sent, hear, woken };
	};

	it('a school nobody else watches stays on this node; a node saying it watches sends it through Redis until it falls silent', () => {
		const { watchers, hear, woken } = setup();
		expect(watchers.elsewhere('mine')).toBe(false);
		hear({ node: 'node2', schoolIds: ['mine', 'not-mine'] });
		expect(watchers.elsewhere('mine')).toBe(true);
		expect(watchers.elsewhere('not-mine')).toBe(false);
		// Told once, when the node starts watching: changes held back go out.
		expect(woken).toEqual(['mine']);
		vi.advanceTimersByTime(5_000);
		hear({ node: 'node2', schoolIds: ['mine'] });
		expect(woken).toEqual(['mine']);
		vi.advanceTimersByTime(5_999);
		expect(watchers.elsewhere('mine')).toBe(true);
		vi.advanceTimersByTime(2);
		expect(watchers.elsewhere('mine')).toBe(false);
		watchers.close();
	});

	it('its own word, bad messages and a snapshot asked by this node change nothing', () => {
		const { watchers, hear } = setup();
		hear({ node: 'node1', schoolIds: ['mine'] });
		hear({ node: 'node2', schoolIds: ['NOT A SCHOOL ID'] });
		hear('nonsense');
		watchers.watching('mine', 'node1');
		expect(watchers.elsewhere('mine')).toBe(false);
		watchers.watching('mine', 'node3');
		expect(watchers.elsewhere('mine')).toBe(true);
		watchers.close();
	});

	it('a school just taken over counts as watched elsewhere for a round and a half', () => {
		const { watchers } = setup();
		watchers.takenOver('also-mine');
		expect(watchers.elsewhere('also-mine')).toBe(true);
		vi.advanceTimersByTime(3_001);
		expect(watchers.elsewhere('also-mine')).toBe(false);
		watchers.close();
	});

	it('says every round which schools it has screens of and does not own', () => {
		const rooms = new Map([
			['school:mine:named', new Set(['a'])],
			['school:theirs:named', new Set(['b'])],
			['school:theirs:redacted', new Set(['c'])],
			['school:empty:redacted', new Set<string>()],
			['walls:other', new Set(['d'])]
		]);
		const { watchers, sent } = setup(rooms);
		vi.advanceTimersByTime(2_000);
		expect(sent).toEqual([['school:watched', { node: 'node1', schoolIds: ['theirs'] }]]);
		watchers.close();
	});
});
