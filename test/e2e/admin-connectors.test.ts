import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaledClock } from '../../server/src/clock';
import { loadDashboard } from '../../server/src/dashboard-handler';
import { signIn, type SignedIn } from '../support/access';
import { REFUSED_MARK, REFUSED_STUDENT, startWithConnector } from '../support/connectors-fixture';
import { launchBrowser } from './browser';
import { CspWatch, signedInPage } from './lookout';
import { printed } from './printed';

const OUT = 'test-results';
const SCHOOL = 'connectors-school';

let browser: Browser;
let env: Awaited<ReturnType<typeof startWithConnector>>;
let admin: SignedIn;
let page: Page;
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	const dashboard = await loadDashboard();
	if (!dashboard) throw new Error('The dashboard is not built. Run: npx vite build');
	// Lookout with the Wonde connector switched on for the school, pointed at the fake Wonde (Wonde itself cannot be reached from a test).
	env = await startWithConnector(SCHOOL, { clock: scaledClock(), dashboard });
	admin = await signIn(env.server, SCHOOL, 'admin');
	page = await signedInPage(browser, csp, env.server, admin, { viewport: { width: 1280, height: 900 } });
}, 60_000);
afterAll(async () => {
	await browser?.close();
	await env?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

const card = () => page.locator('[data-testid="connector"][data-connector="wonde"]');
const state = (name: string) => page.locator(`[data-testid="connector"][data-connector="wonde"][data-state="${name}"]`);

describe('the connectors page of the admin', () => {
	it('is linked from the admin page, and shows Wonde switched on but not run yet', async () => {
		await page.goto(`${env.server.url}/admin/${SCHOOL}`);
		await page.locator('[data-testid="connectors-link"]').click();
		await page.waitForURL(`**/admin/${SCHOOL}/connectors`);
		await state('never_run').waitFor();
		await expect(card().locator('[data-testid="connector-words"]').textContent()).resolves.toMatch(
			/^Not run yet: the first scheduled run is at \d+ \w+, \d\d:\d\d:\d\d, or run it now\.$/
		);
		await expect(card().locator('[data-testid="last-success"]').textContent()).resolves.toBe('never');
	});

	it('Run now shows the run under way, then its result: OK, records in, and the refusals table with a CSV download', async () => {
		// The source answers 503 and the retries are held, so the run is seen under way; then it is let go.
		env.gate.close();
		env.fake.stopAfterPages = env.fake.pagesServed;
		try {
			await card().locator('[data-testid="run-now"]').click();
			await state('running').waitFor();
			await card()
				.locator('[data-testid="run-progress"]')
				.filter({ hasText: /^\s*Running for \d+ s; the result shows here when it ends\.\s*$/ })
				.waitFor();
			await expect(card().locator('[data-testid="run-now"]').isDisabled()).resolves.toBe(true);
			await page.screenshot({ path: `${OUT}/admin-connectors-running.png`, fullPage: true });
		} finally {
			env.fake.stopAfterPages = null;
			env.gate.open();
		}

		await state('ok').waitFor({ timeout: 20_000 });
		const outcome = card().locator('[data-testid="run-outcome"]');
		await expect(outcome.textContent()).resolves.toMatch(/^The run finished: \d{3,} records in, 2 refused\.$/);
		await expect(card().locator('[data-testid="connector-words"]').textContent()).resolves.toMatch(/^OK: 2 records were refused; the table below says why/);
		await expect(card().locator('[data-testid="refused"]').textContent()).resolves.toBe('2');
		const rows = await card()
			.locator('[data-testid="refusal"]')
			.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
		expect(rows.map((r) => r.slice(0, 2))).toEqual([
			['students', REFUSED_STUDENT],
			['attendance/session', REFUSED_MARK]
		]);
		expect(rows[1]?.[2]).toMatch(/unknown attendance code "H"/);
		await page.screenshot({ path: `${OUT}/admin-connectors-ok.png`, fullPage: true });

		const href = await page.locator('[data-testid="refusals-csv"]').getAttribute('href');
		const csv = await fetch(`${env.server.url}${href}`, { headers: { cookie: admin.cookie } });
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		const lines = (await csv.text()).trimEnd().split('\n');
		expect(lines[0]).toBe('connector,endpoint,sourceId,reason');
		expect(lines).toHaveLength(3);
	});

	it('prints on A4 with the statuses and the refusals, without the buttons', async () => {
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('[data-testid="run-now"]').isVisible()).resolves.toBe(false);
		await expect(page.locator('.printed-title').isVisible()).resolves.toBe(true);
		await page.emulateMedia({ media: null });
		expect(await printed(page, OUT, 'admin-connectors')).toBe(1);
	});

	it('a revoked key: Run now ends Revoked, naming what Wonde answered, where, and what to do', async () => {
		env.fake.revoke();
		try {
			await card().locator('[data-testid="run-now"]').click();
			await state('revoked').waitFor({ timeout: 20_000 });
			await expect(card().locator('[data-testid="connector-words"]').textContent()).resolves.toBe(
				"Revoked: Wonde answered 401 at employees; ask the school's Wonde approval to be renewed (or Lookout's key replaced), then run it now."
			);
			await expect(card().locator('[data-testid="run-outcome"]').textContent()).resolves.toBe(
				'The run stopped at employees (revoked), 0 records in, 0 refused before it stopped.'
			);
			await expect(card().locator('[data-testid="last-success"]').textContent()).resolves.not.toBe('never');
			await page.screenshot({ path: `${OUT}/admin-connectors-revoked.png`, fullPage: true });
		} finally {
			env.fake.revoke(false);
		}
	});
});
