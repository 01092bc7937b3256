import type { Browser } from 'playwright-core';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { loadDashboard } from '../../server/src/dashboard-handler';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { runSimulation } from '../../simulators/runner';
import { benchCredentials, browserSession, grantAccess } from '../lib/access';
import { BENCH_LIMITS } from '../servers/bench-limits';

export interface MapRedraw {
	/** Per frame of deltas: the map's restyle of every room of the floor (ms), as the page measures it. */
	redraws: number[];
	/** Per repeat: setting the fill of every room path directly, with no map code (ms). */
	floor: number[];
	rooms: number;
}

const FRAMES = 120;

/**
 * Opens the hotspots map of the demo school after a simulated day (signed in as a
 * coordinator, the events sent with the school's key), then sends behaviour events one frame
 * apart and collects the page's `map-redraw` measures (each a full restyle of the floor's
 * rooms and labels). The floor, in the same page: the bare attribute writes.
 */
export async function measureMapRedraw(browser: Browser): Promise<MapRedraw> {
	const dashboard = await loadDashboard();
	if (!dashboard) throw new Error('the dashboard build is missing');
	const app = await createApp({ store: await MemoryStore.open(), clock: scaledClock(), logger: silentLogger, dashboard, limits: BENCH_LIMITS });
	const [access] = benchCredentials({ schoolIds: ['northfield'], people: 1, walls: 0 });
	if (!access) throw new Error('no credentials were made');
	await grantAccess(app.store, [access]);
	const { port } = await app.listen(0, '127.0.0.1');
	const url = `http://127.0.0.1:${port}`;
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	await context.addCookies([{ ...browserSession(access), url }]);
	const page = await context.newPage();
	try {
		await runSimulation({ url, key: access.key, seed: 7, speed: 'max', schoolId: 'northfield', floorplan: 'floorplans/demo-school.geojson' });
		await page.goto(`${url}/hotspots/northfield`);
		await page.locator('path.unit').first().waitFor({ timeout: 15_000 });
		await page.evaluate(() => performance.clearMeasures('map-redraw'));
		const rooms = ['S01', 'S02', 'M01', 'M02', 'D01', 'H01', 'H02', 'A01', 'MU01', 'DR01'];
		for (let i = 0; i < FRAMES; i++) {
			const event = {
				id: `redraw-${i}`,
				schoolId: 'northfield',
				type: 'behaviour:recorded',
				occurredAt: new Date().toISOString(),
				polarity: 'negative',
				category: 'disruption',
				severity: 1 + (i % 5),
				points: -1,
				locationId: rooms[i % rooms.length],
				studentIds: ['STU00001'],
				staffId: 'T001'
			};
			const res = await fetch(`${url}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${access.key}` },
				body: JSON.stringify(event)
			});
			if (!res.ok) throw new Error(`a behaviour event was refused: HTTP ${res.status}`);
			await page.waitForTimeout(60);
		}
		await page.waitForTimeout(300);
		return await page.evaluate(() => {
			const redraws = performance.getEntriesByName('map-redraw').map((e) => e.duration);
			const paths = [...document.querySelectorAll('path.unit')];
			const floor: number[] = [];
			for (let k = 0; k < 60; k++) {
				const t = performance.now();
				for (const p of paths) p.setAttribute('fill', k % 2 ? '#fef9c3' : '#d1d5db');
				floor.push(performance.now() - t);
			}
			return { redraws, floor, rooms: paths.length };
		});
	} finally {
		await context.close();
		await app.close();
	}
}
