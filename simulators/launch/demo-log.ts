import { join } from 'node:path';
import { z } from 'zod';
import { SessionInfo, zonedInstant } from '../../server/protocol';
import { createApp } from '../../server/src/app';
import { ManualClock } from '../../server/src/clock';
import type { Config } from '../../server/src/config';
import type { Logger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { TIMEZONE } from '../school';
import { autumnTermOf } from '../term-attendance';
import { seedDemoAccess, type DemoAccess } from './demo-access';
import { followUpDemoTerm, loadDemoTerm } from './demo-term';
import { postReflectionDeskDemo } from '../reflection-desk-demo';

/** Signs in over HTTP as the page does; the headers a state-changing request of that person sends. */
export async function signInOverHttp(url: string, email: string, password: string): Promise<Record<string, string>> {
	const res = await fetch(`${url}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (!res.ok) throw new Error(`signing in as ${email} answered HTTP ${res.status}`);
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
	const { data } = z.object({ data: SessionInfo }).parse(await res.json());
	return { cookie, 'x-csrf-token': data.csrfToken };
}

/**
 * The demo's log up to the morning of its day, as a Lookout running through the term would have
 * written it: the demo's people, the term's session marks through the import, then the desk's
 * follow-up posted by the coordinator on each past day, this Lookout's clock moved to each step
 * (its routes stamp calls with the school's date). The demo's own server then opens the log.
 */
export async function writeDemoLog(config: Config, demo: { schoolId: string; seed: number; date: string }, logger: Logger): Promise<DemoAccess> {
	const clock = new ManualClock(zonedInstant(autumnTermOf(demo.date).start, '07:00', TIMEZONE));
	const store = await MemoryStore.open({ journal: join(config.DATA_DIR, 'journal.ndjson'), now: () => clock.now(), logger, writer: 'Lookout' });
	const app = await createApp({ store, clock, logger });
	try {
		const { port } = await app.listen(0, '127.0.0.1');
		const url = `http://127.0.0.1:${port}`;
		const access = await seedDemoAccess(app.store, demo);
		await loadDemoTerm({ ...demo, url, key: access.key }, logger);
		const coordinator = access.people.find((p) => p.role === 'coordinator');
		if (!coordinator) throw new Error('the demo has no coordinator');
		const headers = await signInOverHttp(url, coordinator.email, access.password);
		await followUpDemoTerm({ ...demo, url, key: access.key }, { headers, advanceTo: (at) => clock.advanceTo(at) }, logger);
		await postReflectionDeskDemo({ url, schoolId: demo.schoolId, headers, advanceTo: (at) => clock.advanceTo(at) }, demo.date, demo.seed);
		await fetch(`${url}/api/v1/session`, { method: 'DELETE', headers });
		return access;
	} finally {
		await app.close();
	}
}
