import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundEvent, type InboundEventInput, type StoredEvent } from '../../server/protocol';
import { purgeCutoff } from '../../server/src/domain/access/retention';
import type { Leases } from '../../server/src/live/leases';
import { Projections } from '../../server/src/live/projections';
import { RetentionJob } from '../../server/src/jobs/retention-job';
import { silentLogger, type Logger } from '../../server/src/logger';
import type { EventStore } from '../../server/src/store/event-store';
import { MemoryStore } from '../../server/src/store/memory-store';
import { RedisStore } from '../../server/src/store/redis-store';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../support/redis-test';
import { until } from '../support/redis-server';
import { tempDir } from '../support/server';

const DAY_MS = 24 * 60 * 60 * 1_000;
const NOW = Date.now();
const ago = (days: number) => new Date(NOW - days * DAY_MS).toISOString();
const SCHOOL = 'retention-school';
/** A school whose lease another process holds: this one leaves its log alone. */
const ELSEWHERE = 'retention-elsewhere';
const leases: Leases = { holds: (schoolId) => schoolId !== ELSEWHERE, close: async () => {} };
const HASH = `scrypt$16384$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`;
const SHA = 'a'.repeat(64);

/** A year and more of a school's log; its settings keep 200 days. */
function history(schoolId: string): InboundEvent[] {
	const base = { schoolId };
	const events: InboundEventInput[] = [
		{ ...base, id: 'reference', type: 'reference:updated', occurredAt: ago(900), settings: { retentionDays: 200 } },
		{
			...base,
			id: 'user',
			type: 'user:added',
			occurredAt: ago(800),
			userId: 'u1',
			email: 'jo@example.org',
			displayName: 'Jo Smith',
			role: 'admin',
			staffId: null,
			passwordHash: HASH
		},
		{ ...base, id: 'screen', type: 'device:paired', occurredAt: ago(700), deviceId: 'wall-1', name: 'Office wall', tokenSha256: SHA },
		{ ...base, id: 'key', type: 'integration-key:issued', occurredAt: ago(600), keyId: 'mis', name: 'MIS', keySha256: SHA },
		behaviour(schoolId, 'old-behaviour', ago(300)),
		{ ...base, id: 'old-session', type: 'session:started', occurredAt: ago(250), sessionId: SHA, userId: 'u1', expiresAt: ago(249) },
		{
			...base,
			id: 'old-audit',
			type: 'audit:recorded',
			occurredAt: ago(400),
			action: 'signed_in',
			actorId: 'u1',
			actorRole: 'admin',
			studentId: null,
			address: '10.0.0.1',
			detail: ''
		},
		behaviour(schoolId, 'recent-behaviour', ago(2)),
		{
			...base,
			id: 'recent-audit',
			type: 'audit:recorded',
			occurredAt: ago(1),
			action: 'signed_in',
			actorId: 'u1',
			actorRole: 'admin',
			studentId: null,
			address: '10.0.0.1',
			detail: ''
		}
	];
	return events.map((e) => InboundEvent.parse(e));
}

function behaviour(schoolId: string, id: string, occurredAt: string): InboundEventInput {
	return {
		schoolId,
		id,
		type: 'behaviour:recorded',
		occurredAt,
		polarity: 'negative',
		category: 'disruption',
		severity: 2,
		points: -2,
		locationId: 'M1',
		studentIds: ['STU1'],
		staffId: 'T1'
	};
}

/** What the kept log of `SCHOOL` is after one purge, with positions: 5 to 7 are gone. */
const KEPT = ['reference@1', 'user@2', 'screen@3', 'key@4', 'recent-behaviour@8', 'recent-audit@9'];
const ALL = history(ELSEWHERE).map((e, i) => `${e.id}@${i + 1}`);
const AUDIT_ID = `purge-${SCHOOL}-${Date.parse(purgeCutoff(NOW, 200))}-3`;

async function log(store: EventStore, schoolId: string): Promise<StoredEvent[]> {
	const out: StoredEvent[] = [];
	for await (const s of store.read(schoolId)) out.push(s);
	return out;
}

const labels = (events: readonly StoredEvent[]) => events.map((s) => `${s.event.id}@${s.position}`);

async function rebuilt(store: EventStore): Promise<Projections> {
	const projections = new Projections();
	for (const schoolId of await store.schools()) for (const s of await log(store, schoolId)) projections.apply(s);
	return projections;
}

function job(store: EventStore, projections: Projections, extra: { logger?: Logger; everyMs?: number } = {}): RetentionJob {
	return new RetentionJob({
		store,
		projections,
		leases,
		logger: extra.logger ?? silentLogger,
		now: () => NOW,
		...(extra.everyMs ? { everyMs: extra.everyMs } : {})
	});
}

/** The same story on each store: purge, audit, a second run with nothing to do, a restart. */
function purgesAndAudits(open: () => Promise<EventStore>): void {
	it('purges what is older than the school keeps, except what current state is built from, and audits it', async () => {
		const store = await open();
		await store.append([...history(SCHOOL), ...history(ELSEWHERE)]);
		const projections = await rebuilt(store);
		expect(await job(store, projections).runOnce()).toEqual([{ schoolId: SCHOOL, removed: 3 }]);

		const kept = await log(store, SCHOOL);
		expect(labels(kept)).toEqual([...KEPT, `${AUDIT_ID}@10`]);
		expect(kept[kept.length - 1]?.event).toEqual({
			id: AUDIT_ID,
			schoolId: SCHOOL,
			type: 'audit:recorded',
			occurredAt: new Date(NOW).toISOString(),
			action: 'retention_purged',
			actorId: 'system',
			actorRole: 'system',
			studentId: null,
			address: null,
			detail: `removed 3 events older than ${purgeCutoff(NOW, 200)} (200 days)`
		});
		expect(labels(await log(store, ELSEWHERE))).toEqual(ALL);

		// Nothing left to purge: nothing removed, nothing audited.
		const again = await rebuilt(store);
		expect(await job(store, again).runOnce()).toEqual([{ schoolId: SCHOOL, removed: 0 }]);
		expect(labels(await log(store, SCHOOL))).toEqual([...KEPT, `${AUDIT_ID}@10`]);
		await store.close();
	});

	it('shows the same after a restart, with the state the retained events build', async () => {
		const store = await open();
		expect(labels(await log(store, SCHOOL))).toEqual([...KEPT, `${AUDIT_ID}@10`]);
		expect(labels(await log(store, ELSEWHERE))).toEqual(ALL);
		const state = (await rebuilt(store)).state(SCHOOL);
		expect(state.settings.retentionDays).toBe(200);
		expect(state.access.users.get('u1')?.removed).toBe(false);
		expect(state.access.keys.has('mis')).toBe(true);
		expect((await store.append([InboundEvent.parse(behaviour(SCHOOL, 'after-restart', ago(0)))])).stored.map((s) => s.position)).toEqual([11]);
		await store.close();
	});
}

describe('retention on the memory store with its journal', () => {
	let journal = '';
	beforeAll(async () => {
		journal = join(await tempDir(), 'journal.ndjson');
	});
	purgesAndAudits(() => MemoryStore.open({ journal }));

	it('logs a purge that fails, audits nothing, and purges at the next run', async () => {
		const file = join(await tempDir(), 'journal.ndjson');
		const store = await MemoryStore.open({ journal: file });
		await store.append(history(SCHOOL));
		const projections = await rebuilt(store);
		const errors: string[] = [];
		const logger: Logger = { ...silentLogger, error: (message) => errors.push(message) };
		// The new journal cannot be written where a directory is in the way.
		await mkdir(`${file}.rewrite`);
		const retention = job(store, projections, { logger });
		expect(await retention.runOnce()).toEqual([]);
		expect(errors).toEqual([`Lookout: purging old events of ${SCHOOL} failed; trying again at the next run`]);
		expect(await log(store, SCHOOL)).toHaveLength(9);
		await rm(`${file}.rewrite`, { recursive: true });
		expect(await retention.runOnce()).toEqual([{ schoolId: SCHOOL, removed: 3 }]);
		await store.close();
	});

	it('runs on its own timer until stopped', async () => {
		const store = await MemoryStore.open({ journal: join(await tempDir(), 'journal.ndjson') });
		await store.append(history(SCHOOL));
		const retention = job(store, await rebuilt(store), { everyMs: 20 });
		retention.start();
		await until(async () => (await log(store, SCHOOL)).some((s) => s.event.id === AUDIT_ID), 5_000, 'the purge audited');
		await retention.stop();
		expect(labels(await log(store, SCHOOL))).toEqual([...KEPT, `${AUDIT_ID}@10`]);
		await store.close();
	});
});

describe('retention on the Redis store', () => {
	const prefix = `lookout-test-${randomUUID()}`;
	beforeAll(() => requireRedis());
	afterAll(() => deleteKeys(prefix));
	purgesAndAudits(() => RedisStore.open({ url: REDIS_TEST_URL, prefix, logger: silentLogger }));
});
