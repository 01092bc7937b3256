import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../server/protocol';
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

/** A suspension decided on an earlier day, written straight into the log as the desk would have. */
const earlier = (suspensionId: string, studentId: string, date: string, sessions: number): EventOf<'suspension:recorded'> => ({
	id: `e2e-${suspensionId}`,
	schoolId: DESK_SCHOOL,
	type: 'suspension:recorded',
	occurredAt: `${date}T10:00:00.000Z`,
	suspensionId,
	studentId,
	kind: 'suspension',
	starts: { date, session: 'AM' },
	sessions,
	lunchtime: false,
	reasons: ['PP'],
	decisionMaker: 'Mrs K Head',
	notes: '',
	missesPublicExam: false,
	by: 'T1'
});

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	// Friday 20 November 2026, 14:00 in London, with the autumn term's marks imported.
	server = await startLookout({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	const admin = await signIn(server, DESK_SCHOOL, 'admin');
	expect((await postJson(`${server.url}/api/v1/import?school=${DESK_SCHOOL}`, { files: deskSchoolFiles('2026-11-20') }, admin.headers)).status).toBe(200);
	coordinator = await signIn(server, DESK_SCHOOL, 'coordinator', { staffId: 'T1' });
	// Y2: 4 days in October and November, approaching the 5; X4's parents not yet told of Wednesday's;
	// Y3: 3 days from Wednesday 11 November and 3 more from the Monday after, back to back.
	await server.store.append([
		earlier('susp-y2-a', 'Y2', '2026-10-05', 4),
		earlier('susp-y2-b', 'Y2', '2026-11-09', 4),
		earlier('susp-x4', 'X4', '2026-11-18', 2),
		earlier('susp-y3-a', 'Y3', '2026-11-11', 6),
		earlier('susp-y3-b', 'Y3', '2026-11-16', 6)
	]);
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

async function open(path: string, viewport = { width: 1400, height: 900 }): Promise<{ page: Page; started: number }> {
	const context = await signedInContext(browser, csp, server, coordinator, { viewport });
	contexts.push(context);
	const page = await context.newPage();
	const started = Date.now();
	await page.goto(`${server.url}${path}`);
	return { page, started };
}

describe('the behaviour desk’s suspensions in Chromium', () => {
	it('the desk links to Suspensions and the Reflection Room', async () => {
		const { page } = await open(`/behaviour/${DESK_SCHOOL}`);
		await page.locator('[data-testid="desk-suspensions"]').waitFor();
		expect(await page.locator('[data-testid="desk-reflection"]').getAttribute('href')).toBe(`/behaviour/${DESK_SCHOOL}/reflection`);
		await page.screenshot({ path: `${OUT}/behaviour-desk.png`, fullPage: true });
	});

	it('shows the log, thresholds approaching, an overdue notification; refuses by field; records and marks told', async () => {
		const { page, started } = await open(`/behaviour/${DESK_SCHOOL}/suspensions`);
		await page.locator('[data-testid="suspension-row"]').first().waitFor();
		const shown = Date.now() - started;
		expect(await page.locator('[data-testid="suspension-row"]').count()).toBe(5);
		const y3 = page.locator('[data-testid="suspension-row"][data-id="susp-y3-b"]');
		expect(await y3.locator('[data-testid="run"]').innerText()).toBe('Back to back: 6 days in a row');
		expect(await y3.locator('[data-testid="provision"]').innerText()).toBe('Provision from Wed 18 Nov');
		expect(await page.locator('[data-testid="suspension-row"][data-id="susp-y3-a"] [data-testid="provision"]').count()).toBe(0);
		expect(await page.locator('[data-testid="total-row"][data-id="Y3"] [data-testid="provision-badge"]').innerText()).toBe('Provision from Wed 18 Nov');
		const y2 = page.locator('[data-testid="total-row"][data-id="Y2"]');
		expect(await y2.innerText()).toMatch(/Hal Bishop\s+9Y\s+4\s+4\s+Over 5 days: approaching/);
		expect(await page.locator('[data-testid="overdue-count"]').innerText()).toMatch(/[1-9]\d* notifications? overdue/);
		expect(await page.locator('[data-testid="suspension-row"][data-id="susp-x4"] [data-who="parents"]').getAttribute('data-overdue')).toBe('true');
		await page.screenshot({ path: `${OUT}/behaviour-suspensions.png`, fullPage: true });

		const form = page.locator('[data-testid="record-form"]');
		await form.locator('[data-testid="record"]').click();
		await form.locator('[data-testid="problem-studentId"]').waitFor();
		expect(await form.locator('[data-testid="problem-reasons"]').isVisible()).toBe(true);
		expect(await form.locator('[data-testid="problem-decisionMaker"]').isVisible()).toBe(true);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-refused.png`, fullPage: true });

		// The page holds no list of the school: the picker asks the server as one types.
		await form.locator('[data-testid="student-search"]').fill('hal');
		await form.locator('[data-testid="student-match"][data-id="Y2"]').click();
		expect(await form.locator('[data-testid="student-search"]').inputValue()).toBe('Hal Bishop (9Y)');
		await form.locator('[data-testid="date"]').fill('2026-11-23');
		await form.locator('[data-testid="sessions"]').fill('3');
		await form.locator('[data-testid="reason-1"]').selectOption('VA');
		await form.locator('[data-testid="decision-maker"]').fill('Mrs K Head');
		await form.locator('[data-testid="record"]').click();
		await form.locator('[data-testid="recorded"]').waitFor();
		await expect.poll(() => y2.innerText()).toMatch(/5½\s+5½\s+Over 5 days: crossed/);
		expect(await page.locator('[data-testid="suspension-row"]').count()).toBe(6);

		await page.locator('[data-testid="suspension-row"][data-id="susp-x4"] [data-who="parents"] [data-testid="mark-told"]').click();
		await expect.poll(() => page.locator('[data-testid="suspension-row"][data-id="susp-x4"] [data-who="parents"]').innerText()).toMatch(/letter, 20 Nov/);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-recorded.png`, fullPage: true });
		expect(await page.locator('[data-testid="csv-la-return"]').getAttribute('href')).toBe(
			`/api/v1/reports/suspensions/la-return?school=${DESK_SCHOOL}&term=autumn`
		);
		console.log(`suspensions page: content in ${shown} ms`);
	});

	it('fits the log on a 1280-pixel screen, every row’s actions in view, and prints it on A4 landscape', async () => {
		const { page } = await open(`/behaviour/${DESK_SCHOOL}/suspensions`, { width: 1280, height: 800 });
		await page.locator('[data-testid="suspension-row"]').first().waitFor();
		const log = page.locator('[data-testid="log"]');
		// Nothing of the log is hidden past the panel's edge: no scrolling sideways to reach a row's letter.
		expect(await log.evaluate((table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0))).toBeLessThanOrEqual(0);
		const panel = await log.evaluate((table) => table.parentElement!.getBoundingClientRect().right);
		for (const link of await page.locator('[data-testid="letter-link"]').all()) expect((await link.boundingBox())!.x).toBeLessThan(panel);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-1280.png`, fullPage: true });
		// Six suspensions and the totals: two landscape pages, the log's header repeated on the second.
		expect(await printed(page, OUT, 'behaviour-suspensions-log', true)).toBeLessThanOrEqual(2);
	});

	it('prints the parents’ letter on one A4 page', async () => {
		const { page } = await open(`/behaviour/${DESK_SCHOOL}/suspensions?letter=susp-x4`);
		const letter = page.locator('[data-testid="printed-letter"]');
		await letter.waitFor();
		expect(await letter.innerText()).toMatch(/Dev Vance \(9X\) is to be given a suspension from 18 November 2026 to 18 November 2026: 1 school day/);
		expect(await letter.innerText()).toMatch(/right to make representations/);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-letter.png`, fullPage: true });
		expect(await printed(page, OUT, 'behaviour-suspensions-letter')).toBe(1);
	});

	it('amends a suspension from its row: the form comes prefilled, parents told before are to be told again, and the letter follows', async () => {
		const { page } = await open(`/behaviour/${DESK_SCHOOL}/suspensions`);
		const row = page.locator('[data-testid="suspension-row"][data-id="susp-x4"]');
		await row.locator('[data-testid="amend"]').click();
		const form = page.locator('[data-testid="amend-form"]');
		await form.waitFor();
		expect(await form.locator('[data-testid="student-search"]').getAttribute('data-student')).toBe('X4');
		expect(await form.locator('[data-testid="student-search"]').inputValue()).toBe('Dev Vance (9X)');
		expect(await form.locator('[data-testid="student-search"]').isDisabled()).toBe(true);
		expect(await form.locator('[data-testid="date"]').inputValue()).toBe('2026-11-18');
		expect(await form.locator('[data-testid="sessions"]').inputValue()).toBe('2');
		expect(await form.locator('[data-testid="decision-maker"]').inputValue()).toBe('Mrs K Head');
		expect(await form.locator('[data-testid="retell-note"]').isVisible()).toBe(true);
		await form.locator('[data-testid="sessions"]').fill('3');
		await form.locator('[data-testid="reason-2"]').selectOption('DM');
		await form.locator('[data-testid="why"]').fill('three sessions, not two; damage too');
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-amending.png`, fullPage: true });
		await form.locator('[data-testid="record"]').click();
		await page.locator('[data-testid="amended"]').waitFor();
		expect(await page.locator('[data-testid="record-form"]').isVisible()).toBe(true);
		await expect
			.poll(() => row.locator('[data-testid="amended-note"]').innerText())
			.toMatch(/Amended Fri 20 Nov by Mrs Priya Khan: three sessions, not two; damage too/);
		expect(await row.locator('td').nth(2).innerText()).toBe('1½');
		expect(await row.locator('[data-who="parents"]').getAttribute('data-retell')).toBe('true');
		expect(await row.locator('[data-who="parents"]').innerText()).toMatch(/Tell again by Fri 20 Nov: told of the earlier version 20 Nov/);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-amended.png`, fullPage: true });

		await page.goto(`${server.url}/behaviour/${DESK_SCHOOL}/suspensions?letter=susp-x4`);
		const letter = page.locator('[data-testid="printed-letter"]');
		await letter.waitFor();
		expect(await letter.innerText()).toMatch(
			/Dev Vance \(9X\) is to be given a suspension from 18 November 2026 to 19 November 2026 \(the morning\): 1\.5 school day\(s\)/
		);
		expect(await letter.innerText()).toMatch(/physical assault against a pupil; damage/);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-letter-amended.png`, fullPage: true });
		expect(await printed(page, OUT, 'behaviour-suspensions-letter-amended')).toBe(1);
	});

	it('withdraws a suspension after a confirm: out of the totals, kept in the log marked withdrawn with who, when and why', async () => {
		const { page } = await open(`/behaviour/${DESK_SCHOOL}/suspensions`);
		const row = page.locator('[data-testid="suspension-row"][data-id="susp-y2-b"]');
		const y2 = page.locator('[data-testid="total-row"][data-id="Y2"]');
		await y2.waitFor();
		expect(await y2.innerText()).toMatch(/5½\s+5½\s+Over 5 days: crossed/);
		await row.locator('[data-testid="withdraw"]').click();
		const confirm = page.locator('[data-testid="withdraw-form"]');
		await confirm.locator('[data-testid="confirm-withdraw"]').click();
		expect(await confirm.locator('[data-testid="withdraw-problem"]').innerText()).toBe('Say why it is withdrawn.');
		await confirm.locator('[data-testid="withdraw-reason"]').selectOption('reinstated_by_governors');
		await confirm.locator('[data-testid="withdraw-note"]').fill('Governors’ discipline committee, 19 November');
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-withdrawing.png`, fullPage: true });
		await confirm.locator('[data-testid="confirm-withdraw"]').click();
		await expect.poll(() => row.getAttribute('data-withdrawn')).toBe('true');
		expect(await row.locator('[data-testid="withdrawn-note"]').innerText()).toBe(
			'Withdrawn Fri 20 Nov by Mrs Priya Khan: governors reinstated the student. Governors’ discipline committee, 19 November'
		);
		expect(await row.locator('[data-testid="amend"]').count()).toBe(0);
		await expect.poll(() => y2.innerText()).toMatch(/3½\s+3½\s+none near/);
		expect(await page.locator('[data-testid="suspension-row"]').count()).toBe(6);
		await page.screenshot({ path: `${OUT}/behaviour-suspensions-withdrawn.png`, fullPage: true });
	});

	it('the student’s chronology shows the withdrawn suspension struck through with why, and the amended one with its corrected dates', async () => {
		const { page } = await open(`/behaviour/${DESK_SCHOOL}/student/Y2`);
		const items = page.locator('[data-testid="timeline-item"][data-kind="suspension"]');
		await items.first().waitFor();
		const withdrawnItem = page.locator('[data-testid="timeline-item"][data-status="withdrawn"]');
		expect(await withdrawnItem.innerText()).toMatch(/Suspension \(withdrawn\)\s+Withdrawn Fri 20 Nov by Mrs Priya Khan: governors reinstated the student/);
		expect(await withdrawnItem.locator('.date').evaluate((td) => getComputedStyle(td).textDecorationLine)).toBe('line-through');
		// The one recorded above starts on Monday: the chronology runs to today.
		expect(await items.count()).toBe(2);
		await page.screenshot({ path: `${OUT}/behaviour-chronology-withdrawn.png`, fullPage: true });

		const x4 = await open(`/behaviour/${DESK_SCHOOL}/student/X4`);
		const amendedItem = x4.page.locator('[data-testid="timeline-item"][data-status="amended"]');
		await amendedItem.waitFor();
		expect(await amendedItem.innerText()).toMatch(
			/Suspension \(amended\)\s+Wed 18 Nov to Thu 19 Nov \(1\.5 days\); PP .*; DM damage; amended Fri 20 Nov by Mrs Priya Khan: three sessions, not two; damage too/
		);
	});
});
