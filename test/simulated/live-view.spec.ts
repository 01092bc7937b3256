import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEED_NAMES, FloorplanFile, InboundEvent, type FeedName } from '../../server/protocol';
import { applyEvent } from '../../server/src/domain/apply';
import { createSchoolState } from '../../server/src/domain/school/state';
import type { Touched } from '../../server/src/domain/school/touched';
import { changedBetween, feedItems, feedView } from '../../server/src/domain/view';
import { importSchool } from '../../server/src/import/school-import';
import { simulateDay } from '../../simulators/day';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { buildSchool } from '../../simulators/school';

const plan = FloorplanFile.parse(JSON.parse(readFileSync(new URL('../../floorplans/demo-school.geojson', import.meta.url), 'utf8')));
const DATE = '2026-11-23';
const MINUTE = 60_000;

type Kept = Map<FeedName, Map<string, string>>;

const byId = (items: readonly { id: string }[]) => new Map(items.map((item) => [item.id, JSON.stringify(item)]));

/**
 * Keeps a view as the broadcaster does: only what events and the clock touch is derived again,
 * whole or by item. What it misses stays stale, and the comparison below finds it.
 */
function keep(kept: Kept, state: ReturnType<typeof createSchoolState>, touched: Touched, now: number): void {
	for (const [feed, ids] of Object.entries(touched) as [FeedName, readonly string[] | 'all'][]) {
		if (ids === 'all') {
			kept.set(feed, byId(feedView(state, feed, now)));
			continue;
		}
		const items = feedItems(state, feed, now, new Set(ids)) ?? feedView(state, feed, now).filter((item) => ids.includes(item.id));
		const feedKept = kept.get(feed) ?? new Map<string, string>();
		for (const id of ids) feedKept.delete(id);
		for (const [id, json] of byId(items)) feedKept.set(id, json);
		kept.set(feed, feedKept);
	}
}

describe('the live view over a simulated day', () => {
	it('kept by what each event touches and what the clock changes, equals a fresh derive at every minute', () => {
		const school = buildSchool(plan, { schoolId: 'northfield', seed: 11, date: DATE });
		const imported = importSchool('northfield', schoolCsvFiles(school), new Date(`${DATE}T06:30:00Z`));
		if (!imported.ok) throw new Error(imported.errors.join('\n'));
		const log = [...imported.events, ...simulateDay(school, 11)].map((raw) => InboundEvent.parse(raw));
		const state = createSchoolState('northfield');
		const kept: Kept = new Map();
		let next = 0;
		let told = Date.parse(`${DATE}T06:59:00Z`);
		// Past midnight too, when every timed feed starts a new day.
		for (let now = told + MINUTE; now <= Date.parse(`${DATE}T23:59:00Z`) + 2 * MINUTE; now += MINUTE) {
			for (; next < log.length && Date.parse((log[next] as InboundEvent).occurredAt) <= now; next++) {
				const event = log[next] as InboundEvent;
				keep(kept, state, applyEvent(state, { position: next + 1, receivedAt: event.occurredAt, event }), now);
			}
			keep(kept, state, changedBetween(state, told, now), now);
			told = now;
			for (const feed of FEED_NAMES) {
				expect(kept.get(feed) ?? new Map(), `${feed} at ${new Date(now).toISOString()}`).toEqual(byId(feedView(state, feed, now)));
			}
		}
		expect(next).toBe(log.length);
	});
});
