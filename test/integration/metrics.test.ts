import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundEvent } from '../../server/protocol';
import { createApp, type App } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { Metrics } from '../../server/src/metrics/metrics';
import { MemoryStore } from '../../server/src/store/memory-store';
import { RedisStore } from '../../server/src/store/redis-store';
import { ingest, keyFor, pairDevice, signIn } from '../support/access';
import { connectClient } from '../support/client';
import { behaviour, FIXTURE_MORNING, reference, SCHOOL } from '../support/events';
import { eventually } from '../support/principals';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { tempDir } from '../support/server';

const TOKEN = 'metrics-token-for-the-test-0123456789abcdef';

interface Served {
	url: string;
	store: MemoryStore;
	app: App;
}

/** A real Lookout on port 0, its store and app recording into one `Metrics`, as `startServer` wires them. */
async function serve(metricsToken?: string): Promise<Served> {
	const clock = scaledClock({ start: Date.parse(FIXTURE_MORNING) });
	const metrics = new Metrics({ processMetrics: true });
	const store = await MemoryStore.open({ journal: join(await tempDir(), 'journal.ndjson'), now: () => clock.now(), metrics });
	const app = await createApp({
		store,
		clock,
		logger: silentLogger,
		metrics,
		limits: { signInPerMinute: 100_000 },
		...(metricsToken === undefined ? {} : { metricsToken })
	});
	const { port } = await app.listen(0, '127.0.0.1');
	return { url: `http://127.0.0.1:${port}`, store, app };
}

const scrape = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/metrics`, { headers });

/** Every sample of a Prometheus text exposition, by series (`name{labels}`); throws on a line that is not one. NaN in any case, as Prometheus reads it. */
function samples(text: string): Map<string, number> {
	const found = new Map<string, number>();
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
		const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|nan|[+-]?inf)$/i.exec(line);
		if (!match?.[1] || match[2] === undefined) throw new Error(`not a Prometheus sample: ${line}`);
		found.set(match[1], Number(match[2]));
	}
	return found;
}

describe('/metrics', () => {
	let server: Served;
	beforeAll(async () => {
		server = await serve(TOKEN);
	});
	afterAll(() => server.app.close());

	it('answers 404 when no METRICS_TOKEN is set, so nothing shows', async () => {
		const bare = await serve();
		try {
			const res = await scrape(bare.url, { authorization: `Bearer ${TOKEN}` });
			expect(res.status).toBe(404);
			expect(await res.text()).not.toMatch(/lookout_/);
		} finally {
			await bare.app.close();
		}
	});

	it('answers 401 without the token, with another token or another scheme', async () => {
		const tries: Record<string, string>[] = [
			{},
			{ authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
			{ authorization: 'Bearer short' },
			{ authorization: `Basic ${TOKEN}` }
		];
		for (const headers of tries) {
			const res = await scrape(server.url, headers);
			expect(res.status).toBe(401);
			expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
			expect(await res.text()).not.toMatch(/lookout_/);
		}
	});

	it('counts ingest by outcome and reason, clients by role, frames per school and journal fsyncs', async () => {
		expect((await ingest(server, [reference(), behaviour('m-1'), behaviour('m-2')])).status).toBe(200);
		expect((await ingest(server, behaviour('m-1'))).status).toBe(200);
		expect((await ingest(server, [behaviour('bad-1', { occurredAt: 'yesterday' }), behaviour('bad-2')])).status).toBe(400);
		const key = await keyFor(server.store, SCHOOL);
		const post = (body: unknown, authorization?: string) =>
			fetch(`${server.url}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
				body: JSON.stringify(body)
			});
		expect((await post(behaviour('other', { schoolId: 'other-school' }), `Bearer ${key}`)).status).toBe(403);
		expect((await post(behaviour('nobody'))).status).toBe(401);

		const coordinator = await connectClient(server.url, SCHOOL, await signIn(server, SCHOOL, 'coordinator'));
		const wall = await connectClient(server.url, SCHOOL, { deviceToken: (await pairDevice(server.store, SCHOOL)).token });
		expect((await ingest(server, behaviour('m-3'))).status).toBe(200);
		await coordinator.waitFor((f) => f.changes.some((c) => c.upsert.some((i) => i.id === 'm-3')));

		const res = await scrape(server.url, { authorization: `Bearer ${TOKEN}` });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await res.text();
		for (const [name, type] of [
			['lookout_ingest_events_total', 'counter'],
			['lookout_journal_fsync_seconds', 'histogram'],
			['lookout_frames_total', 'counter'],
			['lookout_frame_bytes_total', 'counter'],
			['lookout_clients', 'gauge'],
			['lookout_escalations_total', 'counter'],
			['lookout_connector_runs_total', 'counter'],
			['lookout_redis_follower_lag_seconds', 'gauge'],
			['nodejs_eventloop_lag_seconds', 'gauge']
		]) {
			expect(text).toContain(`# TYPE ${name} ${type}\n`);
		}
		const values = samples(text);
		expect(values.get('lookout_ingest_events_total{outcome="accepted",reason=""}')).toBe(4);
		expect(values.get('lookout_ingest_events_total{outcome="duplicate",reason=""}')).toBe(1);
		expect(values.get('lookout_ingest_events_total{outcome="refused",reason="invalid_body"}')).toBe(2);
		expect(values.get('lookout_ingest_events_total{outcome="refused",reason="forbidden"}')).toBe(1);
		expect(values.get('lookout_ingest_events_total{outcome="refused",reason="unauthenticated"}')).toBe(1);
		expect(values.get('lookout_clients{role="coordinator"}')).toBe(1);
		expect(values.get('lookout_clients{role="wall"}')).toBe(1);
		expect(values.get('lookout_clients{role="patrol"}')).toBe(0);
		expect(values.get(`lookout_frames_total{school="${SCHOOL}"}`)).toBeGreaterThan(0);
		expect(values.get(`lookout_frame_bytes_total{school="${SCHOOL}"}`)).toBeGreaterThan(100);
		expect(values.get('lookout_journal_fsync_seconds_count')).toBeGreaterThan(0);

		wall.close();
		coordinator.close();
		await eventually(async () => {
			const after = samples(await (await scrape(server.url, { authorization: `Bearer ${TOKEN}` })).text());
			return after.get('lookout_clients{role="wall"}') === 0 && after.get('lookout_clients{role="coordinator"}') === 0;
		});
	});

	it('keeps each app its own registry: a second app counts from nothing', async () => {
		const other = await serve(TOKEN);
		try {
			const values = samples(await (await scrape(other.url, { authorization: `Bearer ${TOKEN}` })).text());
			expect(values.get('lookout_ingest_events_total{outcome="accepted",reason=""}')).toBeUndefined();
		} finally {
			await other.app.close();
		}
	});

	it("records how far behind the Redis log follower read another node's entries, and 0 once caught up", async () => {
		await requireRedis();
		const prefix = `lookout-test-${randomUUID()}`;
		let now = Date.parse(FIXTURE_MORNING);
		const metrics = new Metrics();
		const writer = await RedisStore.open({ url: REDIS_TEST_URL, prefix, logger: silentLogger, now: () => now });
		const reader = await RedisStore.open({ url: REDIS_TEST_URL, prefix, logger: silentLogger, now: () => now, metrics });
		try {
			const heard: number[] = [];
			const lag = async () => (await metrics.registry.getSingleMetric('lookout_redis_follower_lag_seconds')?.get())?.values[0]?.value;
			reader.subscribe((batch) => heard.push(...batch.map((s) => s.position)));
			const appending = writer.append([InboundEvent.parse(behaviour('lag-1'))]);
			now += 3_000;
			await appending;
			await eventually(() => heard.length === 1);
			expect(await lag()).toBe(3);
			await eventually(async () => (await lag()) === 0, 5_000);
		} finally {
			await writer.close();
			await reader.close();
			await deleteKeys(prefix);
		}
	});
});
