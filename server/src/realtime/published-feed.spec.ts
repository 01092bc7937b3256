import { describe, expect, it } from 'vitest';
import { PublishedFeed } from './published-feed';

describe('published feed', () => {
	it('sends only what changed, and removals', () => {
		const feed = new PublishedFeed<{ id: string; n: number }>();
		expect(
			feed.diff([
				{ id: 'a', n: 1 },
				{ id: 'b', n: 1 }
			])
		).toEqual({
			upsert: [
				{ id: 'a', n: 1 },
				{ id: 'b', n: 1 }
			],
			remove: []
		});
		expect(
			feed.diff([
				{ id: 'a', n: 1 },
				{ id: 'b', n: 2 }
			])
		).toEqual({ upsert: [{ id: 'b', n: 2 }], remove: [] });
		expect(feed.diff([{ id: 'b', n: 2 }])).toEqual({ upsert: [], remove: ['a'] });
		expect(feed.items()).toEqual([{ id: 'b', n: 2 }]);
	});
});

describe('published feed, some items at a time', () => {
	it('diffs only the named items and removes named ones that are gone', () => {
		const feed = new PublishedFeed<{ id: string; n: number }>();
		feed.diff([
			{ id: 'a', n: 1 },
			{ id: 'b', n: 1 },
			{ id: 'c', n: 1 }
		]);
		expect(feed.diffSome(new Set(['a', 'b']), [{ id: 'a', n: 2 }])).toEqual({ upsert: [{ id: 'a', n: 2 }], remove: ['b'] });
		expect(feed.items()).toEqual([
			{ id: 'a', n: 2 },
			{ id: 'c', n: 1 }
		]);
		expect(feed.diffSome(new Set(['zz']), [])).toEqual({ upsert: [], remove: [] });
	});
});

describe('published feed, items kept by the view', () => {
	it('takes an item given again as the same object as unchanged, and a new object by its content', () => {
		const feed = new PublishedFeed<{ id: string; n: number }>();
		const a = { id: 'a', n: 1 };
		feed.diff([a]);
		expect(feed.diff([a])).toEqual({ upsert: [], remove: [] });
		expect(feed.diff([{ id: 'a', n: 1 }])).toEqual({ upsert: [], remove: [] });
		expect(feed.diff([{ id: 'a', n: 2 }])).toEqual({ upsert: [{ id: 'a', n: 2 }], remove: [] });
	});
});
