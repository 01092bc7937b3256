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
const CONTACTS = 'student_id,name,relationship,priority,phones,email,parental_responsibility,lives_with\nX2,Dana Tate,Mother,1,07700 900111,,Y,Y\n';
let browser: Browser;
let server: TestServer;
let admin: SignedIn;
let coordinator: SignedIn;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	// Friday 20 November 2026, 14:00 in London, with the autumn term's marks imported.
	server = await startLookout({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	admin = await signIn(server, DESK_SCHOOL, 'admin');
	const files = { ...deskSchoolFiles('2026-11-20'), 'contacts.csv': CONTACTS };
	const imported = await postJson(`${server.url}/api/v1/import?school=${DESK_SCHOOL}`, { files }, admin.headers);
	expect(imported.status).toBe(200);
	coordinator = await signIn(server, DESK_SCHOOL, 'coordinator', { staffId: 'T1' });
	const call = { callId: 'e2e-1', studentId: 'X2', contactIndex: 0, outcome: 'reached', reason: 'Unwell, back on Monday' };
	expect((await postJson(`${server.url}/api/v1/attendance/calls?school=${DESK_SCHOOL}`, call, coordinator.headers)).status).toBe(200);
	const meeting = {
		interventionId: 'e2e-int-1',
		studentId: 'X2',
		kind: 'parental_meeting',
		date: '2026-10-19',
		outcome: 'Met mother; agreed a plan for Mondays',
		nextReviewOn: '2026-11-02'
	};
	expect((await postJson(`${server.url}/api/v1/attendance/interventions?school=${DESK_SCHOOL}`, meeting, coordinator.headers)).status).toBe(200);
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

describe('the evidence pack in Chromium', () => {
	it('opens from the PA tracker, reads as a dated record, offers the CSV and prints on A4', async () => {
		const page = await open(`/attendance/${DESK_SCHOOL}/pa`);
		await page.locator('[data-testid="row-X2"] button').click();
		await page.locator('[data-testid="detail-X2"] [data-testid="evidence-link"]').click();
		const pack = page.locator('[data-testid="evidence-pack"]');
		await pack.waitFor();
		expect(page.url()).toBe(`${server.url}/attendance/${DESK_SCHOOL}/evidence/X2`);

		const facts = await page.locator('[data-testid="evidence-facts"]').innerText();
		expect(facts).toMatch(/Tate, Ben/);
		expect(facts).toMatch(/2 September 2026 to 20 November 2026/);
		expect(facts).toMatch(/20 November 2026 at 14:\d\d by Mrs Priya Khan/);
		expect(await page.locator('[data-testid="evidence-summary"]').innerText()).toMatch(
			/Academic year to date.*106\s+92\s+0\s+14\s+86\.8%\s+13\.2%\s+Persistent absence/s
		);
		expect(await page.locator('[data-testid="unauthorised-codes"]').innerText()).toMatch(/N \(absent, no reason yet provided\): 14/);
		const monday = page.locator('[data-testid="week-2026-10-19"] td');
		expect(await monday.allInnerTexts()).toEqual(['N', 'N', '/', '/', '/', '/', '/', '/', '/', '/', '80.0%']);
		expect(await page.locator('[data-testid="code-key"]').innerText()).toMatch(/N\s+Absent, no reason yet provided/);
		const entries = page.locator('[data-testid="evidence-chronology"] tbody tr');
		expect(await entries.count()).toBe(2);
		expect(await entries.nth(0).innerText()).toMatch(
			/19 October 2026.*Parental meeting.*Mrs Priya Khan.*Next review: 2 November 2026.*before: 80\.0%.*after: 100\.0%.*Met mother/s
		);
		expect(await entries.nth(1).innerText()).toMatch(
			/20 November 2026\s+14:\d\d\s+First-day call\s+Mrs Priya Khan\s+Contact: Mother.*Unwell, back on Monday.*Reached/s
		);
		expect(await pack.innerText()).not.toMatch(/07700|Dana/);
		expect(await page.locator('[data-testid="signature"]').innerText()).toMatch(/Signed \(pastoral manager\)/);
		expect(await page.locator('[data-testid="csv"]').getAttribute('href')).toBe(`/api/v1/reports/evidence?school=${DESK_SCHOOL}&student=X2&format=csv`);
		await page.screenshot({ path: `${OUT}/attendance-evidence.png`, fullPage: true });

		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('form.toolbar').isVisible()).toBe(false);
		expect(await printed(page, OUT, 'attendance-evidence')).toBe(2);

		const audit = await fetch(`${server.url}/api/v1/audit?school=${DESK_SCHOOL}`, { headers: { cookie: admin.cookie } });
		const entriesAudited = ((await audit.json()) as { data: { action: string; studentId: string | null }[] }).data;
		expect(entriesAudited.filter((e) => e.action === 'evidence_pack_produced').map((e) => e.studentId)).toEqual(['X2']);
	});
});
