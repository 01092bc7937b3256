import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import type { StoredEvent } from '../../protocol';
import { RedisStore } from './redis-store';
import { storeContract, testEvent } from '../../../test/support/store-contract';
import { StoreUnavailableError } from './event-store';
import { deleteKeys, REDIS_TEST_URL, requireRedis } from '../../../test/support/redis-test';

const prefixes: string[] = [];
let prefix = '';
const openStore = (p: string) => RedisStore.open({ url: REDIS_TEST_URL, prefix: p, logger: silentLogger });

beforeAll(() => requireRedis());
afterAll(async () => {
	for (const p of prefixes) await deleteKeys(p);
});

storeContract(
	'redis',
	() => {
		prefix = `lookout-test-${randomUUID()}`;
		prefixes.push(prefix);
		return openStore(prefix);
	},
	() => openStore(prefix)
);

describe('redis store across processes', () => {
	it('hears appends made through another store on the same prefix, new schools too, in log order', async () => {
		const shared = `lookout-test-${randomUUID()}`;
		prefixes.push(shared);
		const here = await openStore(shared);
		const there = await openStore(shared);
		const heard: string[] = [];
		here.subscribe((batch: readonly StoredEvent[]) => heard.push(...batch.map((s) => `${s.event.schoolId}/${s.event.id}@${s.position}`)));
		await there.append([testEvent('x', '1'), testEvent('y', '1')]);
		await here.append([testEvent('x', '2')]);
		await there.append([testEvent('x', '3'), testEvent('x', '1')]);
		await until(() => heard.length === 4);
		expect(heard.filter((h) => h.startsWith('x/'))).toEqual(['x/1@1', 'x/2@2', 'x/3@3']);
		expect(heard).toContain('y/1@1');
		await Promise.all([here.close(), there.close()]);
	});

	it('refuses to open with StoreUnavailableError when Redis cannot be reached', async () => {
		await expect(RedisStore.open({ url: 'redis://127.0.0.1:1', prefix: 'unreachable', logger: silentLogger })).rejects.toThrow(StoreUnavailableError);
	});
});

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}
