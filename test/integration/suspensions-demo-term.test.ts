import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuspensionReport, zonedInstant } from '../../server/protocol';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { seedDemoAccess } from '../../simulators/launch/demo-access';
import { followUpDemoTerm, loadDemoTerm } from '../../simulators/launch/demo-term';
import { TIMEZONE } from '../../simulators/school';
import { autumnTermOf } from '../../simulators/term-attendance';
import { signInAs, type SignedIn } from '../support/access';
import { startTestServer, type TestServer } from '../support/server';

const demo = { schoolId: 'northfield', seed: 7, date: '2026-12-03' };
let server: TestServer;
let coordinator: SignedIn;

beforeAll(async () => {
	const clock = new ManualClock(zonedInstant(autumnTermOf(demo.date).start, '07:00', TIMEZONE));
	server = await startTestServer({ clock });
	const access = await seedDemoAccess(server.store, demo);
	await loadDemoTerm({ ...demo, url: server.url, key: access.key }, silentLogger);
	coordinator = await signInAs(server, access.people.find((p) => p.role === 'coordinator')?.email ?? '', access.password);
	await followUpDemoTerm({ ...demo, url: server.url, key: access.key }, { headers: coordinator.headers, advanceTo: (at) => clock.advanceTo(at) }, silentLogger);
	clock.advanceTo(zonedInstant(demo.date, '10:40', TIMEZONE));
}, 180_000);
afterAll(() => server?.close());

describe('the demo term’s suspensions', () => {
	it('holds a student approaching the five-day threshold and an overdue notification, and answers within 300 ms', async () => {
		const times: number[] = [];
		let report: SuspensionReport | null = null;
		for (let i = 0; i < 5; i += 1) {
			const started = performance.now();
			const res = await fetch(`${server.url}/api/v1/reports/suspensions?school=${demo.schoolId}`, { headers: { cookie: coordinator.cookie } });
			report = SuspensionReport.parse(await res.json());
			times.push(performance.now() - started);
		}
		console.log(`suspensions report over HTTP (ms): ${times.map((t) => t.toFixed(1)).join(', ')}`);
		expect(Math.min(...times)).toBeLessThan(300);
		expect(report?.suspensions).toHaveLength(5);
		expect(report?.totals.some((t) => t.termDays === 4 && t.representations === 'approaching')).toBe(true);
		expect(report?.suspensions.some((s) => s.notifications.some((n) => n.who === 'local_authority' && n.overdue))).toBe(true);
	});
});
