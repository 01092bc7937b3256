import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { schoolDayOnOrBefore, zonedInstant, zonedDate } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { runSimulation } from '../../simulators/runner';
import { ingest, issueKey, signIn } from '../support/access';
import { behaviour, reference, SCHOOL } from '../support/events';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInPage, startLookout } from './lookout';

const OUT = 'test-results';
let browser: Browser;
const servers: TestServer[] = [];
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
	await Promise.all(servers.map((s) => s.close()));
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

async function serve(options: Parameters<typeof startLookout>[0] = {}): Promise<TestServer> {
	const server = await startLookout({ clock: scaledClock(), ...options });
	servers.push(server);
	return server;
}

describe('live page', () => {
	it('shows an ingested event without a reload', async () => {
		const server = await serve();
		await ingest(server, [reference(), behaviour('seed', { occurredAt: new Date().toISOString() })]);
		const coordinator = await signIn(server, SCHOOL, 'coordinator');
		const page = await signedInPage(browser, csp, server, coordinator, { viewport: { width: 1600, height: 1000 } });
		await page.goto(`${server.url}/live/${SCHOOL}`);
		await page.locator('[data-id="seed"]').waitFor();
		await page.locator('[data-testid="freshness"][data-status="live"]').waitFor();

		// The page notes the moment the row appears, so the figure is not Playwright's polling.
		await page.evaluate(() => {
			const observer = new MutationObserver(() => {
				if (!document.querySelector('[data-id="live-one"]')) return;
				observer.disconnect();
				document.body.dataset.shownAt = String(Date.now());
			});
			observer.observe(document.body, { childList: true, subtree: true });
		});
		const started = Date.now();
		const res = await ingest(server, behaviour('live-one', { category: 'damage', locationId: 'S1', occurredAt: new Date().toISOString() }));
		const answeredMs = Date.now() - started;
		expect(res.status).toBe(200);
		const row = page.locator('[data-id="live-one"]');
		await row.waitFor({ timeout: 5_000 });
		const shownAt = await page.waitForFunction(() => document.body.dataset.shownAt);
		const delayMs = Number(await shownAt.jsonValue()) - started;
		// A coordinator is one of the roles shown students' names.
		await expect(row.textContent()).resolves.toMatch(/Damage.*S1 Lab.*Amelia Hartley/);
		console.log(`e2e: ingest answered in ${answeredMs} ms; the page showed the event ${delayMs} ms after the call began`);
		await writeFile(`${OUT}/page-update-delay.json`, JSON.stringify({ answeredMs, delayMs }));
		await page.screenshot({ path: `${OUT}/live-page-one-event.png` });
		await page.context().close();
	});

	it('follows a simulated school day and shows every feed', async () => {
		const speed = 1_200;
		const today = schoolDayOnOrBefore(zonedDate(Date.now(), 'Europe/London'));
		const server = await serve({ clock: scaledClock({ speed, start: Date.parse(zonedInstant(today, '08:30', 'Europe/London')) }) });
		const key = await issueKey(server.store, 'northfield');
		const slt = await signIn(server, 'northfield', 'slt');
		const page = await signedInPage(browser, csp, server, slt, { viewport: { width: 1920, height: 1080 } });
		const stop = new AbortController();
		const until = Date.parse(zonedInstant(today, '11:30', 'Europe/London'));
		const run = runSimulation({
			url: server.url,
			key,
			seed: 7,
			speed,
			schoolId: 'northfield',
			floorplan: 'floorplans/demo-school.geojson',
			signal: stop.signal,
			onProgress: (p) => {
				if (Date.parse(p.simulatedAt) >= until) stop.abort();
			}
		});
		await page.goto(`${server.url}/live/northfield`);
		// 08:30 to 11:30 of the school day at x1200 is nine seconds.
		const progress = await run;
		expect(progress.rejected).toBe(0);
		await page.waitForTimeout(300);
		expect(await page.locator('[data-testid="behaviour-item"]').count()).toBeGreaterThan(10);
		expect(await page.locator('[data-testid="room-row"]').count()).toBeGreaterThan(10);
		expect(await page.locator('[data-testid="reflection-room"]').count()).toBe(1);
		const text = await page.locator('main').textContent();
		expect(text).not.toMatch(/undefined|NaN/);
		await page.screenshot({ path: `${OUT}/live-page-simulated-day.png` });
		await page.context().close();
	});
});
