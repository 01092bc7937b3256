import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FloorplanFile, PaReport, zonedInstant } from '../../server/protocol';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { seedDemoAccess } from '../../simulators/launch/demo-access';
import { followUpDemoTerm, loadDemoTerm } from '../../simulators/launch/demo-term';
import { buildSchool, TIMEZONE, type SimSchool } from '../../simulators/school';
import { autumnTermOf, simulateTerm, termMarkEvents } from '../../simulators/term-attendance';
import { signInAs, type SignedIn } from '../support/access';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInContext, startLookout } from './lookout';

/**
 * The attendance desk against the demo's simulated autumn term, loaded as `npm start` loads it:
 * the term's session marks through the import, then the desk's follow-up of the term posted by
 * the coordinator on each past day. Today (Thursday 3 December 2026) the AM registers come in
 * as the day's school system sends them; the office's amendments follow at four.
 */
const OUT = 'test-results';
const SCHOOL = 'northfield';
const SEED = 7;
const TODAY = '2026-12-03';
const LAST_WEEK = '2026-11-23';
/** From the page's request to its content on screen, on a loaded 2-core machine. */
const CONTENT_MS = 5_000;
const demo = { schoolId: SCHOOL, seed: SEED, date: TODAY };

let browser: Browser;
let server: TestServer;
let clock: ManualClock;
let coordinator: SignedIn;
let school: SimSchool;
let key: string;
/** The student worked up to the LA referral, found on the PA tracker. */
let referred = '';
const contexts: BrowserContext[] = [];
const csp = new CspWatch();
const times: Record<string, number> = {};

/** Today's registers as the form tutors send them (unexplained absences as N), and the office's amendments at four. */
function todaysRegisters(amended: boolean) {
	const marks = simulateTerm(school.students, autumnTermOf(TODAY), SEED).filter((m) => m.date === TODAY && m.session === 'AM');
	return termMarkEvents(SCHOOL, school.students, marks).filter((e) => e.id.endsWith('-amended') === amended);
}

/** Posts events as the school's system does, with the demo's integration key. */
async function post(events: unknown[]): Promise<number> {
	const res = await fetch(`${server.url}/api/v1/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify(events)
	});
	return res.status;
}

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	clock = new ManualClock(zonedInstant(autumnTermOf(TODAY).start, '07:00', TIMEZONE));
	server = await startLookout({ clock });
	const plan = FloorplanFile.parse(JSON.parse(await readFile('floorplans/demo-school.geojson', 'utf8')));
	school = buildSchool(plan, { schoolId: SCHOOL, seed: SEED, date: TODAY });
	const access = await seedDemoAccess(server.store, demo);
	key = access.key;
	await loadDemoTerm({ ...demo, url: server.url, key }, silentLogger);
	const person = access.people.find((p) => p.role === 'coordinator');
	coordinator = await signInAs(server, person?.email ?? '', access.password);
	await followUpDemoTerm({ ...demo, url: server.url, key }, { headers: coordinator.headers, advanceTo: (at) => clock.advanceTo(at) }, silentLogger);
	clock.advanceTo(zonedInstant(TODAY, '08:55', TIMEZONE));
	expect(await post(todaysRegisters(false))).toBe(200);
	clock.advanceTo(zonedInstant(TODAY, '10:40', TIMEZONE));
}, 180_000);
afterAll(async () => {
	console.log(`time to content (ms): ${JSON.stringify(times)}`);
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

/** Opens the page as the coordinator and waits for `content`; the time it took is kept under `name`. */
async function open(name: string, path: string, content: string): Promise<Page> {
	const context = await signedInContext(browser, csp, server, coordinator, { viewport: { width: 1280, height: 900 } });
	contexts.push(context);
	const page = await context.newPage();
	const started = Date.now();
	await page.goto(`${server.url}${path}`);
	await page.locator(content).first().waitFor({ timeout: 15_000 });
	times[name] = Date.now() - started;
	expect(times[name]).toBeLessThan(CONTENT_MS);
	expect(await page.locator('[data-testid="report-problem"]').count()).toBe(0);
	return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/term-${name}.png`, fullPage: true });
/** The first screenful of a long page, to read at full size beside its full-page shot. */
const top = (page: Page, name: string) => page.screenshot({ path: `${OUT}/term-${name}-top.png` });
const count = (page: Page, selector: string) => page.locator(selector).count();

describe('the attendance desk on the simulated autumn term', () => {
	it('the desk lists its five pages', async () => {
		const page = await open('index', `/attendance/${SCHOOL}`, '[data-testid="desk-rag"]');
		expect(await count(page, 'ul.desk a')).toBe(5);
		await shot(page, 'index');
	});

	it('first-day calling lists this morning’s unexplained absences, flagged after 10:30, with the corrections families asked for', async () => {
		const page = await open('first-day', `/attendance/${SCHOOL}/first-day`, '[data-testid="to-call-list"] [data-testid^="student-"]');
		const toCall = await count(page, '[data-testid="to-call-list"] [data-testid^="student-"]');
		expect(toCall).toBeGreaterThan(5);
		expect(toCall).toBeLessThan(150);
		expect(await count(page, '[data-testid="to-call-list"] [data-testid="flag"]')).toBe(toCall);
		expect(Number(await page.locator('[data-testid="to-call"]').innerText())).toBe(toCall);
		// Families reached on the last two days gave reasons the registers do not show yet.
		const corrections = await count(page, '[data-testid="corrections"] tbody tr');
		expect(corrections).toBeGreaterThan(0);
		expect(corrections).toBeLessThan(20);
		await shot(page, 'first-day');
	});

	it('minutes late shows the last four weeks per student, and the letters sent for the four weeks to 20 November', async () => {
		const page = await open('minutes-late', `/attendance/${SCHOOL}/minutes-late`, '[data-testid="minutes-late-row"]');
		const rows = await count(page, '[data-testid="minutes-late-row"]');
		expect(rows).toBeGreaterThan(50);
		expect(rows).toBeLessThan(1_200);
		await shot(page, 'minutes-late');
		await top(page, 'minutes-late');
		const letters = await open('minutes-late-letters', `/attendance/${SCHOOL}/minutes-late?from=2026-10-24&to=2026-11-20`, '[data-testid="letter-item"]');
		expect(await count(letters, '[data-testid="letter-item"]')).toBeGreaterThanOrEqual(4);
		expect(await count(letters, '[data-testid="letter-sent"]')).toBe(4);
		await shot(letters, 'minutes-late-letters');
	});

	it('the PA tracker lists the term’s persistent absentees, and one student’s interventions up to the LA referral', async () => {
		const res = await fetch(`${server.url}/api/v1/reports/pa?school=${SCHOOL}`, { headers: coordinator.headers });
		const report = PaReport.parse(await res.json());
		const worked = [...report.students].sort((a, b) => b.interventions.length - a.interventions.length)[0];
		expect(worked?.interventions.map((i) => i.kind)).toContain('la_referral');
		referred = worked?.studentId ?? '';

		const page = await open('pa', `/attendance/${SCHOOL}/pa`, '[data-testid="tracker"] tbody tr');
		const rows = await count(page, '[data-testid="tracker"] tbody tr.row');
		expect(rows).toBeGreaterThan(60);
		expect(rows).toBeLessThan(600);
		expect(await page.locator('[data-testid="summary"]').innerText()).toMatch(/\d+ persistent absentees/);
		await shot(page, 'pa');
		await top(page, 'pa');

		await page.locator('[data-testid="filter-overdue"]').click();
		const overdue = await count(page, '[data-testid="tracker"] tbody tr.row');
		expect(overdue).toBeGreaterThan(0);
		expect(overdue).toBeLessThan(7);
		await page.locator('[data-testid="filter-all"]').click();

		await page.locator(`[data-testid="row-${worked?.studentId}"] button`).click();
		const detail = page.locator(`[data-testid="detail-${worked?.studentId}"]`);
		await detail.locator('[data-testid="trend"]').waitFor();
		expect(await detail.locator('[data-testid="intervention"]').count()).toBe(worked?.interventions.length);
		await shot(page, 'pa-student');
		await detail.screenshot({ path: `${OUT}/term-pa-student-detail.png` });
	});

	it('the weekly RAG gives a page per form, and last week’s were all sent to the tutors', async () => {
		const forms = new Set(school.students.map((s) => s.formGroup)).size;
		const page = await open('rag', `/attendance/${SCHOOL}/rag`, '[data-testid^="group-"]');
		expect(await count(page, '[data-testid^="group-"]')).toBe(forms);
		expect(await count(page, '[data-testid^="rag-"]')).toBe(school.students.length);
		expect(await count(page, '[data-testid="sent"]')).toBe(0);
		await shot(page, 'rag');
		await top(page, 'rag');
		const last = await open('rag-last-week', `/attendance/${SCHOOL}/rag?week=${LAST_WEEK}`, '[data-testid="sent"]');
		expect(await count(last, '[data-testid="sent"]')).toBe(forms);
	});

	it('the evidence pack of the student referred to the LA gives the term by week and the chronology of what the school did', async () => {
		const page = await open('evidence', `/attendance/${SCHOOL}/evidence/${referred}`, '[data-testid="evidence-chronology"]');
		const weeks = await count(page, '[data-testid="evidence-weeks"] [data-testid^="week-"]');
		expect(weeks).toBeGreaterThanOrEqual(12);
		expect(weeks).toBeLessThan(20);
		expect(await count(page, '[data-testid="entry-intervention"]')).toBeGreaterThanOrEqual(5);
		expect(await page.locator('[data-testid="evidence-summary"]').innerText()).toMatch(/\d+(\.\d)?%/);
		await shot(page, 'evidence');
		await top(page, 'evidence');
	});

	it('corrections lists the marks the office amended at four, and a family is marked told', async () => {
		clock.advanceTo(zonedInstant(TODAY, '16:00', TIMEZONE));
		expect(await post(todaysRegisters(true))).toBe(200);
		clock.advanceTo(zonedInstant(TODAY, '16:10', TIMEZONE));
		const page = await open('corrections', `/attendance/${SCHOOL}/corrections`, '[data-testid="correction-row"]');
		const rows = await count(page, '[data-testid="correction-row"]');
		expect(rows).toBeGreaterThan(1);
		expect(rows).toBeLessThan(100);
		await page.locator('[data-testid="mark-told"]').first().click();
		await page.locator('[data-testid="told"]').first().waitFor();
		await shot(page, 'corrections');
	});
});
