import type { Browser, CDPSession } from 'playwright-core';
import { createApp } from '../../server/src/app';
import { ManualClock } from '../../server/src/clock';
import { loadDashboard } from '../../server/src/dashboard-handler';
import { importSchool } from '../../server/src/import/school-import';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { simulateDay } from '../../simulators/day';
import { buildSchool } from '../../simulators/school';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { benchCredentials, grantAccess, pairingPath } from '../lib/access';
import { loadFloorplan } from '../lib/schools';
import { BENCH_LIMITS } from '../servers/bench-limits';
import { dayBatches } from '../replay/day-batches';

export interface WallSoak {
	/** Used JS heap after a forced garbage collection, in bytes. */
	startBytes: number;
	endBytes: number;
	/** The same, sampled through the day. */
	samples: number[];
	simulatedHours: number;
	realSeconds: number;
	events: number;
	frames: number;
}

const SCHOOL = 'northfield';
const DATE = '2026-11-23';
const TICK_MS = 100;

async function heapAfterGc(cdp: CDPSession): Promise<number> {
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	return usedSize;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A paired wall at 1920x1080 through a simulated school day, 08:00 to 16:00, played at
 * `speed` times real time: every event of the day posted when its time comes, the clock
 * moved on every tick so timed rules (overdue registers, escalations) fire as they would.
 * The JS heap is read through the Chrome DevTools Protocol after a forced collection, once
 * the wall has its first view and again at the end of the day.
 */
export async function soakWall(browser: Browser, speed: number): Promise<WallSoak> {
	const dashboard = await loadDashboard();
	if (!dashboard) throw new Error('the dashboard build is missing');
	const start = Date.parse(`${DATE}T08:00:00Z`);
	const end = Date.parse(`${DATE}T16:00:00Z`);
	const clock = new ManualClock(start);
	const app = await createApp({ store: await MemoryStore.open(), clock, logger: silentLogger, dashboard, heartbeatMs: 1_000, limits: BENCH_LIMITS });
	const [access] = benchCredentials({ schoolIds: [SCHOOL], people: 0, walls: 1 });
	if (!access) throw new Error('no credentials were made');
	await grantAccess(app.store, [access]);
	const { port } = await app.listen(0, '127.0.0.1');
	const url = `http://127.0.0.1:${port}`;
	const headers = { 'content-type': 'application/json', authorization: `Bearer ${access.key}` };
	// fetch, not the bench's raw poster: setting up the page outlasts the server's keep-alive, and fetch reconnects by itself.
	const post = async (body: string) => (await fetch(`${url}/api/v1/events`, { method: 'POST', headers, body })).status;
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	try {
		const school = buildSchool(loadFloorplan(), { schoolId: SCHOOL, seed: 7, date: DATE });
		const imported = importSchool(SCHOOL, schoolCsvFiles(school), new Date(start - 3_600_000));
		if (!imported.ok) throw new Error('the simulated school does not import');
		if ((await post(JSON.stringify(imported.events))) !== 200) throw new Error('the school was refused');
		const events = simulateDay(school, 7);
		const batches = dayBatches(events);
		const address = `${url}${pairingPath(access)}`;
		let frames = 0;
		await page.exposeFunction('soakFrame', () => (frames += 1));
		await page.addInitScript(() => {
			const Real = WebSocket;
			window.WebSocket = class extends Real {
				constructor(...args: ConstructorParameters<typeof WebSocket>) {
					super(...args);
					this.addEventListener('message', (m) => {
						if (typeof m.data === 'string' && m.data.includes('school:changed')) void (window as unknown as { soakFrame: () => void }).soakFrame();
					});
				}
			};
		});
		await page.goto(address);
		await page.locator('[data-testid="wall"] [data-testid="clock"]:not(:text("--:--"))').waitFor({ timeout: 20_000 });
		const cdp = await page.context().newCDPSession(page);
		await sleep(2_000);
		const startBytes = await heapAfterGc(cdp);
		const samples = [startBytes];
		const startedAt = Date.now();
		let next = 0;
		let lastSample = Date.now();
		for (let now = start; now <= end; now += TICK_MS * speed) {
			clock.advanceTo(now);
			const due: string[] = [];
			while (next < batches.length && (batches[next]?.at ?? Infinity) <= now) due.push((batches[next++] as { body: string }).body);
			for (const body of due) if ((await post(body)) !== 200) throw new Error('a batch of the day was refused');
			if (Date.now() - lastSample > 10_000) {
				samples.push(await heapAfterGc(cdp));
				lastSample = Date.now();
			}
			await sleep(Math.max(0, startedAt + (now + TICK_MS * speed - start) / speed - Date.now()));
		}
		await sleep(2_000);
		const endBytes = await heapAfterGc(cdp);
		samples.push(endBytes);
		return {
			startBytes,
			endBytes,
			samples,
			simulatedHours: (end - start) / 3_600_000,
			realSeconds: (Date.now() - startedAt) / 1_000,
			events: events.length,
			frames
		};
	} finally {
		await page.close();
		await app.close();
	}
}
