import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaledClock } from '../../server/src/clock';
import { signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, deskSchoolFiles } from '../support/attendance-desk-school';
import { postJson } from '../support/http';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInContext, startLookout } from './lookout';
import { printed } from './printed';

const OUT = 'test-results';
let browser: Browser;
let server: TestServer;
let coordinator: SignedIn;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	// Friday 20 November 2026, 14:00 in London, with the autumn term's marks imported.
	server = await startLookout({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	const admin = await signIn(server, DESK_SCHOOL, 'admin');
	const imported = await postJson(`${server.url}/api/v1/import?school=${DESK_SCHOOL}`, { files: deskSchoolFiles('2026-11-20') }, admin.headers);
	expect(imported.status).toBe(200);
	coordinator = await signIn(server, DESK_SCHOOL, 'coordinator', { staffId: 'T1' });
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
	const context = await signedInContext(browser, csp, server, coordinator, { viewport });
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(`${server.url}${path}`);
	return page;
}

describe('the attendance desk in Chromium', () => {
	it('the desk links to the PA tracker and the weekly RAG', async () => {
		const page = await open(`/attendance/${DESK_SCHOOL}`);
		await page.locator('[data-testid="desk-pa"]').waitFor();
		expect(await page.locator('[data-testid="desk-rag"]').getAttribute('href')).toBe(`/attendance/${DESK_SCHOOL}/rag`);
	});

	it('the PA tracker lists, filters, opens a student’s weeks, logs an intervention and prints', async () => {
		const page = await open(`/attendance/${DESK_SCHOOL}/pa`);
		const tracker = page.locator('[data-testid="tracker"]');
		await tracker.locator('[data-testid="row-X3"]').waitFor();
		expect(await tracker.locator('tbody tr').count()).toBe(3);
		await expect.poll(() => page.locator('[data-testid="summary"]').innerText()).toMatch(/2 persistent absentees .* 1 severe .* 1 at risk/s);
		await page.screenshot({ path: `${OUT}/attendance-pa-tracker.png`, fullPage: true });

		await page.locator('[data-testid="filter-at_risk"]').click();
		expect(await tracker.locator('tbody tr').count()).toBe(1);
		await tracker.locator('[data-testid="row-X4"]').waitFor();
		await page.locator('[data-testid="filter-all"]').click();

		await tracker.locator('[data-testid="row-X2"] button').click();
		const detail = page.locator('[data-testid="detail-X2"]');
		await detail.locator('[data-testid="trend"]').waitFor();
		const form = detail.locator('[data-testid="log-form"]');
		await form.locator('select[name="kind"]').selectOption('letter_1');
		await form.locator('input[name="date"]').fill('2026-10-19');
		await form.locator('input[name="nextReviewOn"]').fill('2026-11-02');
		await form.locator('textarea[name="outcome"]').fill('Letter 1 sent; mother phoned back about Mondays');
		await form.locator('button[type="submit"]').click();
		const row = detail.locator('[data-testid="intervention"]');
		await row.waitFor();
		expect(await row.innerText()).toMatch(/Letter 1\s+PKH\s+Letter 1 sent; mother phoned back about Mondays\s+Mon, 2 Nov 2026\s*Overdue\s+80\.0%\s+100\.0%/);
		await page.screenshot({ path: `${OUT}/attendance-pa-student.png`, fullPage: true });

		await page.locator('[data-testid="filter-overdue"]').click();
		await tracker.locator('[data-testid="row-X2"]').waitFor();
		expect(await tracker.locator('tbody tr.row').count()).toBe(1);
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: `${OUT}/attendance-pa-print-media.png`, fullPage: true });
		expect(await printed(page, OUT, 'attendance-pa', true)).toBe(1);
	});

	it('the weekly RAG shows a page per form, records one as sent, and prints a page per form', async () => {
		const page = await open(`/attendance/${DESK_SCHOOL}/rag?week=2026-11-16`);
		await page.locator('[data-testid="group-10Z"]').waitFor();
		expect(await page.locator('[data-testid="no-tutors"]').isVisible()).toBe(true);
		const x6 = page.locator('[data-testid="rag-X6"]');
		expect(await x6.locator('[data-band]').first().getAttribute('data-band')).toBe('red');
		expect(await x6.locator('[data-testid="dipped"]').count()).toBe(1);
		await page.locator('[data-testid="mark-sent-9X"]').click();
		await expect.poll(() => page.locator('[data-testid="group-9X"] [data-testid="sent"]').count()).toBe(1);
		expect(await page.locator('[data-testid="group-9X"] [data-testid="sent"]').innerText()).toMatch(/Sent to the tutor: 20 Nov, 14:\d\d by PKH/);
		await page.screenshot({ path: `${OUT}/attendance-rag.png`, fullPage: true });
		const csv = await page.locator('[data-testid="csv"]').getAttribute('href');
		expect(csv).toBe(`/api/v1/reports/rag?school=${DESK_SCHOOL}&week=2026-11-16&format=csv`);
		await page.emulateMedia({ media: 'print' });
		expect(await printed(page, OUT, 'attendance-rag')).toBe(3);
	});
});
