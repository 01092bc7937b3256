import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delta, OnCallItem } from '../../server/protocol';
import { createApp, type App } from '../../server/src/app';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import type { EventStore } from '../../server/src/store/event-store';
import { RedisStore } from '../../server/src/store/redis-store';
import { ingest, pairDevice, signIn } from '../support/access';
import { connectClient, type TestClient } from '../support/client';
import { dispatchReference } from '../support/dispatch-fixtures';
import { SCHOOL } from '../support/events';
import { postJson } from '../support/http';
import { until } from '../support/redis-server';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { startTestServer, type TestServer } from '../support/server';

const RAISED = '2026-11-23T09:05:00Z';
const MINUTE = 60_000;
const raisedAt = Date.parse(RAISED);

const callIn = (frame: Delta, id: string): OnCallItem | undefined =>
	frame.changes.flatMap((c) => (c.feed === 'oncall' ? (c.upsert as OnCallItem[]) : [])).find((r) => r.id === id);

const escalatedAt = async (store: EventStore): Promise<[number, string][]> => {
	const out: [number, string][] = [];
	for await (const s of store.read(SCHOOL)) if (s.event.type === 'oncall:escalated') out.push([s.event.level, s.event.occurredAt]);
	return out;
};

const raise = { id: 'raise-r1', type: 'oncall:raised', requestId: 'r1', locationId: 'M1', reason: 'medical', priority: 'urgent', raisedBy: 'T1' };

let server: TestServer | undefined;
afterEach(() => server?.close());

describe('escalation reminders past the cap', () => {
	it('keeps reminding the last role every 5 minutes while nobody acknowledges, the wall keeps the call up, and acknowledging stops them', async () => {
		const clock = new ManualClock(RAISED);
		server = await startTestServer({ clock });
		await ingest(server, dispatchReference());
		const coordinator = await signIn(server, SCHOOL, 'coordinator');
		const wall = await connectClient(server.url, SCHOOL, { deviceToken: (await pairDevice(server.store, SCHOOL)).token });
		expect((await postJson(`${server.url}/api/v1/oncall?school=${SCHOOL}`, raise, coordinator.headers)).status).toBe(200);
		await wall.waitFor((f) => !!callIn(f, 'r1'));

		const reach = (client: TestClient, level: number) => client.waitFor((f) => callIn(f, 'r1')?.escalation?.level === level);
		for (const level of [1, 2, 3]) {
			clock.advanceTo(raisedAt + level * MINUTE);
			await reach(wall, level);
		}
		// The cap (3) is reached; before, the call then went silent for good.
		clock.advanceTo(raisedAt + 7 * MINUTE);
		await new Promise((r) => setTimeout(r, 100));
		expect((await escalatedAt(server.store)).length).toBe(3);
		clock.advanceTo(raisedAt + 8 * MINUTE);
		const reminded = callIn(await reach(wall, 4), 'r1');
		expect(reminded).toMatchObject({ status: 'raised', escalation: { rule: 'unacknowledged', level: 4, notify: 'slt', at: '2026-11-23T09:13:00.000Z' } });
		clock.advanceTo(raisedAt + 13 * MINUTE);
		await reach(wall, 5);

		await postJson(
			`${server.url}/api/v1/oncall?school=${SCHOOL}`,
			{ id: 'ack-r1', type: 'oncall:acknowledged', requestId: 'r1', by: 'C1' },
			coordinator.headers
		);
		await wall.waitFor((f) => callIn(f, 'r1')?.status === 'acknowledged');
		clock.advanceTo(raisedAt + 17 * MINUTE);
		await new Promise((r) => setTimeout(r, 100));
		expect(await escalatedAt(server.store)).toEqual([
			[1, '2026-11-23T09:06:00.000Z'],
			[2, '2026-11-23T09:07:00.000Z'],
			[3, '2026-11-23T09:08:00.000Z'],
			[4, '2026-11-23T09:13:00.000Z'],
			[5, '2026-11-23T09:18:00.000Z']
		]);
		wall.close();
	});
});

describe('escalation reminders from two processes on one Redis', () => {
	const prefix = `lookout-test-${randomUUID()}`;
	const apps: App[] = [];
	afterEach(async () => {
		await Promise.all(apps.splice(0).map((a) => a.close()));
		await deleteKeys(prefix);
	});

	it('stores each reminder once though both processes raise it, and one back from a gap raises only the latest due', async () => {
		await requireRedis();
		const clocks = [new ManualClock(RAISED), new ManualClock(RAISED)];
		// Each process believes it holds the school's lease: the worst case a lapsed lease allows.
		for (const clock of clocks) {
			const store = await RedisStore.open({ url: REDIS_TEST_URL, prefix, logger: silentLogger });
			apps.push(await createApp({ store, clock, logger: silentLogger }));
		}
		const [first, second] = apps as [App, App];
		const address = await first.listen(0, '127.0.0.1');
		const node = { url: `http://127.0.0.1:${address.port}`, store: first.store };
		await ingest(node, dispatchReference());
		await ingest(node, { ...raise, schoolId: SCHOOL, occurredAt: RAISED });
		await until(async () => second.projections.state(SCHOOL).requests.has('r1'), 5_000, 'the second process follows the log');

		const both = async (at: number, levels: number) => {
			for (const clock of clocks) clock.advanceTo(at);
			await until(async () => (await escalatedAt(first.store)).length >= levels, 5_000, `${levels} escalations stored`);
			await until(async () => second.projections.state(SCHOOL).requests.get('r1')?.timer.level === levels, 5_000, 'the second process follows');
		};
		for (const level of [1, 2, 3, 4, 5]) await both(level <= 3 ? raisedAt + level * MINUTE : raisedAt + (3 + (level - 3) * 5) * MINUTE, level);
		// Every process stops at 09:18; one started at 09:53 raises the latest reminder due, not seven.
		await Promise.all(apps.splice(0).map((a) => a.close()));
		const late = new ManualClock(raisedAt + 48 * MINUTE);
		const store = await RedisStore.open({ url: REDIS_TEST_URL, prefix, logger: silentLogger });
		apps.push(await createApp({ store, clock: late, logger: silentLogger }));
		late.advanceTo(raisedAt + 48 * MINUTE);
		await until(async () => (await escalatedAt(store)).length >= 6, 5_000, 'the late reminder');
		late.advanceTo(raisedAt + 52 * MINUTE);
		await new Promise((r) => setTimeout(r, 200));
		expect(await escalatedAt(store)).toEqual([
			[1, '2026-11-23T09:06:00.000Z'],
			[2, '2026-11-23T09:07:00.000Z'],
			[3, '2026-11-23T09:08:00.000Z'],
			[4, '2026-11-23T09:13:00.000Z'],
			[5, '2026-11-23T09:18:00.000Z'],
			[12, '2026-11-23T09:53:00.000Z']
		]);
	});
});
