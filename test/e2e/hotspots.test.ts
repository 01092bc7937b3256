import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HotspotsReport, schoolDayOnOrBefore, zonedDate, zonedInstant } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { runSimulation } from '../../simulators/runner';
import { issueKey, signIn, type SignedIn } from '../support/access';
import { getSnapshot } from '../support/http';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInPage, startLookout } from './lookout';

const OUT = 'test-results';
let browser: Browser;
let server: TestServer;
let slt: SignedIn;
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	const day = schoolDayOnOrBefore(zonedDate(Date.now(), 'Europe/London'));
	// The school clock stands at the end of the day, so the whole seeded day (and four weeks before) is history.
	server = await startLookout({ clock: scaledClock({ start: Date.parse(zonedInstant(day, '15:30', 'Europe/London')) }) });
	const key = await issueKey(server.store, 'northfield');
	const run = await runSimulation({
		url: server.url,
		key,
		seed: 7,
		speed: 'max',
		schoolId: 'northfield',
		floorplan: 'floorplans/demo-school.geojson',
		historyWeeks: 4
	});
	expect(run.done).toBe(true);
	slt = await signIn(server, 'northfield', 'slt');
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

const fill = (page: import('playwright-core').Page, unitId: string) => page.locator(`path.unit-${unitId}`).getAttribute('fill');

describe('hotspots', () => {
	it('shades the hottest room darkest and a quiet one grey, switches floors and periods', async () => {
		const snapshot = await getSnapshot(server.url, 'northfield', slt);
		const report = HotspotsReport.parse(
			await (await fetch(`${server.url}/api/v1/reports/hotspots?school=northfield`, { headers: { cookie: slt.cookie } })).json()
		);
		expect(report.baselineDates).toHaveLength(4);
		const ranked = [...snapshot.view.rooms].sort((a, b) => b.heatToday - a.heatToday);
		const hot = ranked[0]!;
		// A room of the same floor with nothing today: a classroom when one is quiet, else an office (the day differs by date).
		const still = ranked.filter((r) => r.heatToday === 0 && r.level === hot.level);
		const quiet = still.find((r) => /^[A-Z]+\d{2}$/.test(r.id)) ?? still[0]!;

		const page = await signedInPage(browser, csp, server, slt, { viewport: { width: 1920, height: 1080 } });
		await page.goto(`${server.url}/hotspots/northfield`);
		await page.locator('path.unit').first().waitFor();
		if (hot.level !== 0) await page.locator('[data-testid="level-level-1"]').click();
		await page.waitForFunction((id) => document.querySelector(`path.unit-${id}`)?.getAttribute('fill') === '#7f1d1d', hot.id, { timeout: 10_000 });
		expect(await fill(page, quiet.id)).toBe('#d1d5db');
		// The number is printed on the room, not told by colour alone.
		await expect(
			page
				.locator('.room-label .value')
				.filter({ hasText: new RegExp(`^${hot.heatToday}$`) })
				.first()
				.isVisible()
		).resolves.toBe(true);

		await page.locator('[data-testid="level-level-G"]').click();
		await page.locator('[data-testid="floor-map"][data-level="level-G"]').waitFor();
		expect(await page.locator('path.unit-YARD').count()).toBe(1);
		await page.screenshot({ path: `${OUT}/hotspots-ground-floor.png` });
		await page.locator('[data-testid="level-level-1"]').click();
		await page.locator('[data-testid="floor-map"][data-level="level-1"]').waitFor();
		expect(await page.locator('path.unit-E21').count()).toBe(1);
		await page.screenshot({ path: `${OUT}/hotspots-first-floor.png` });

		// The scrubber shows one period at a time: its own hottest room becomes the darkest.
		const p1 = [...snapshot.view.rooms].sort((a, b) => (b.heatByPeriod.P1 ?? 0) - (a.heatByPeriod.P1 ?? 0))[0]!;
		if (p1.level === 0) await page.locator('[data-testid="level-level-G"]').click();
		// Periods on the scrubber: P1, P2, Break, P3, P4, Lunch, P5, P6 (registration has no column).
		await page.locator('[data-testid="scrubber"]').fill('1');
		await page.locator('[data-testid="scrubber"]').fill('0');
		await page.waitForFunction((id) => document.querySelector(`path.unit-${id}`)?.getAttribute('fill') === '#7f1d1d', p1.id, { timeout: 10_000 });
		await page.context().close();
	});
});
