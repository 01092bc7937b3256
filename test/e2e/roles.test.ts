import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRole } from '../../server/protocol';
import { userAdded } from '../../server/src/auth/grants';
import { scaledClock } from '../../server/src/clock';
import { ingest, pairDevice, signInAs, TEST_HASH_COST } from '../support/access';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, markDocument, navigateInApp, newContext, sameDocument, smallSchool, startLookout } from './lookout';

const OUT = 'test-results';
const SCHOOL = 'roles-school';
const SECTIONS = ['/live', '/hotspots', '/dispatch', '/patrol', '/raise', '/admin', '/behaviour', '/attendance'] as const;
type Section = (typeof SECTIONS)[number];

/** What each role may open, written out here rather than read from the table the pages use. */
const ALLOWED: Record<'admin' | 'slt' | 'coordinator' | 'patrol', readonly Section[]> = {
	admin: SECTIONS,
	slt: ['/live', '/hotspots', '/dispatch', '/patrol', '/raise', '/behaviour', '/attendance'],
	coordinator: ['/live', '/hotspots', '/dispatch', '/patrol', '/raise', '/behaviour', '/attendance'],
	patrol: ['/patrol', '/raise']
};

/** Something each page shows once it is drawn for someone allowed it. */
const SHOWN: Record<Section, string> = {
	'/live': '[data-testid="freshness"]',
	'/hotspots': '[data-testid="scrubber"]',
	'/dispatch': 'text=Keyboard',
	'/patrol': '[data-testid="freshness"]',
	'/raise': '[data-testid="freshness"]',
	'/admin': '[data-testid="add-person"]',
	'/attendance': '[data-testid="desk-first-day"]',
	'/behaviour': '[data-testid="desk-suspensions"]'
};

let browser: Browser;
let server: TestServer;
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	server = await startLookout({ clock: scaledClock() });
	expect((await ingest(server, smallSchool(SCHOOL, 'Roles Test Academy'))).status).toBe(200);
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

/** A person of the school, written straight into its log, with a password to type. */
async function person(role: PersonRole, staffId: string | null = null): Promise<{ email: string; password: string; displayName: string }> {
	const email = `${role}-${Math.random().toString(36).slice(2, 8)}@roles.test`;
	const password = 'correct horse battery';
	const displayName = `Test ${role}`;
	await server.store.append([await userAdded(SCHOOL, { email, displayName, role, staffId, password }, Date.now(), TEST_HASH_COST)]);
	return { email, password, displayName };
}

/** Fills the sign-in form and sends it; the status the server answered. */
async function fillSignIn(page: Page, email: string, password: string): Promise<number> {
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Sign in' }).click();
	return (await answered).status();
}

const refusal = (page: Page) => page.getByRole('heading', { name: 'This page is not for your role' });

describe('roles, through the sign-in page', () => {
	for (const role of ['admin', 'slt', 'coordinator', 'patrol'] as const) {
		it(`${role}: signs in, sees the pages of the role, and is refused the rest by page load and by in-app navigation`, async () => {
			const who = await person(role, role === 'patrol' ? 'P1' : null);
			const context = await newContext(browser, csp, { viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();

			// A school page without a session goes to sign in, and comes back after.
			const first = ALLOWED[role][0]!;
			await page.goto(`${server.url}${first}/${SCHOOL}`);
			await page.waitForURL(`**/signin?next=${encodeURIComponent(`${first}/${SCHOOL}`)}`);
			await fillSignIn(page, who.email, who.password);
			await page.waitForURL(`**${first}/${SCHOOL}`);
			await page.locator(SHOWN[first]).first().waitFor();
			await expect(page.locator('[data-testid="signed-in-name"]').first().textContent()).resolves.toBe(who.displayName);

			// The start page lists the role's pages, and only those.
			await page.goto(`${server.url}/`);
			const school = page.locator(`[data-testid="school"][data-id="${SCHOOL}"]`);
			await school.waitFor();
			await expect(school.locator('[data-testid="page-link"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-section')))).resolves.toEqual(
				ALLOWED[role]
			);
			await page.screenshot({ path: `${OUT}/home-${role}.png` });

			for (const section of SECTIONS) {
				const allowed = ALLOWED[role].includes(section);
				// A page load: the server decides.
				const response = await page.goto(`${server.url}${section}/${SCHOOL}`);
				expect(response?.status(), `${role} loading ${section}`).toBe(allowed ? 200 : 403);
				if (allowed) await page.locator(SHOWN[section]).first().waitFor();
				else await refusal(page).waitFor();

				// In-app, from the start page: the page's own check says the same.
				await page.goto(`${server.url}/`);
				await school.waitFor();
				await markDocument(page);
				if (allowed) await school.locator(`[data-section="${section}"]`).click();
				else await navigateInApp(page, `/${section.slice(1)}/${SCHOOL}`);
				await page.waitForURL(`**${section}/${SCHOOL}`);
				if (allowed) await page.locator(SHOWN[section]).first().waitFor();
				if (allowed && section === '/patrol') {
					// The phone acts for the member of staff on the account: without one, it says so.
					if (role === 'patrol') await page.locator('[data-testid="my-status"]').waitFor();
					else
						await expect(page.locator('[data-testid="staff-link"][data-state="unlinked"]').textContent()).resolves.toMatch(
							/Your account is not linked to a member of staff/
						);
				}
				if (!allowed) {
					await refusal(page).waitFor();
					await expect(page.locator('[data-testid="page-not-shown"]').textContent()).resolves.toMatch(
						new RegExp(
							`you are signed in as ${role === 'slt' ? 'senior leadership' : role === 'coordinator' ? 'on-call coordinator' : role} at Roles Test Academy`
						)
					);
				}
				expect(await sameDocument(page), `${role} moving to ${section} in the app`).toBe(true);
			}
			if (role === 'patrol') await page.screenshot({ path: `${OUT}/roles-patrol-refused.png` });
			await context.close();
		});
	}

	it('signing out sends a moved-to page to sign in; signing out everywhere takes a live page there too', async () => {
		const who = await person('coordinator');
		const phone = await newContext(browser, csp, { viewport: { width: 390, height: 844 } });
		const desk = await newContext(browser, csp, { viewport: { width: 1280, height: 900 } });
		const deskPage = await desk.newPage();
		const phonePage = await phone.newPage();
		for (const page of [deskPage, phonePage]) {
			await page.goto(`${server.url}/signin`);
			await fillSignIn(page, who.email, who.password);
			await page.waitForURL(`${server.url}/`);
		}
		await deskPage.goto(`${server.url}/live/${SCHOOL}`);
		await deskPage.locator('[data-testid="freshness"][data-status="live"]').waitFor();

		// Signing out on the phone: it says so, and a page moved to in the app asks to sign in again.
		await phonePage.goto(`${server.url}/patrol/${SCHOOL}`);
		await phonePage.getByRole('button', { name: 'Sign out', exact: true }).click();
		await phonePage.locator('[data-testid="signed-out"]').waitFor();
		await markDocument(phonePage);
		await navigateInApp(phonePage, `/raise/${SCHOOL}`);
		await phonePage.waitForURL(`**/signin?next=${encodeURIComponent(`/raise/${SCHOOL}`)}`);
		expect(await sameDocument(phonePage)).toBe(true);

		// Signed in again on the phone, "Sign out everywhere" ends the desk's session too: its live page goes to sign in by itself.
		await fillSignIn(phonePage, who.email, who.password);
		await phonePage.waitForURL(`**/raise/${SCHOOL}`);
		await phonePage.getByRole('button', { name: 'Sign out everywhere' }).click();
		await phonePage.locator('[data-testid="signed-out"]:has-text("every device")').waitFor();
		await deskPage.waitForURL(`**/signin?next=${encodeURIComponent(`/live/${SCHOOL}`)}`, { timeout: 10_000 });
		await phone.close();
		await desk.close();
	});

	it('changes a password on /password: mistakes are named on their field, then every session ends and only the new password signs in', async () => {
		const who = await person('patrol', 'P1');
		const fresh = 'a new password for patrol';
		const context = await newContext(browser, csp, { viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const other = await signInAs(server, who.email, who.password);

		// Not signed in: the page asks for it, and comes back after.
		await page.goto(`${server.url}/password`);
		await page.waitForURL(`**/signin?next=${encodeURIComponent('/password')}`);
		await fillSignIn(page, who.email, who.password);
		await page.waitForURL('**/password');

		// The phone's header links to it.
		await page.goto(`${server.url}/patrol/${SCHOOL}`);
		await page.locator('[data-testid="my-status"]').waitFor();
		await page.screenshot({ path: `${OUT}/patrol-header-password-link.png` });
		await page.getByRole('link', { name: 'Change password' }).click();
		await page.waitForURL('**/password');

		const form = page.locator('[data-testid="password-form"]');
		let sent = 0;
		page.on('request', (r) => {
			if (r.url().endsWith('/api/v1/session/password')) sent += 1;
		});
		const fill = async (current: string, next: string, again: string) => {
			await form.getByLabel('Current password').fill(current);
			await form.getByLabel('New password', { exact: true }).fill(next);
			await form.getByLabel('New password again').fill(again);
		};
		const submit = () => form.getByRole('button', { name: 'Change password' }).click();

		// The browser's own checks: too short, then not the same twice; nothing is sent.
		await fill(who.password, 'too short', 'too short');
		await submit();
		await expect(form.locator('[data-testid="new-password-problem"]').textContent()).resolves.toMatch(/at least 12 characters \(this one has 9\)/);
		await expect(form.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
		await fill(who.password, fresh, `${fresh}!`);
		await submit();
		await expect(form.locator('[data-testid="confirm-password-problem"]').textContent()).resolves.toMatch(/do not match/);
		expect(sent).toBe(0);

		// The server's: a wrong current password, named on that field; still signed in.
		await fill('not my password at all', fresh, fresh);
		const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/password'));
		await submit();
		expect((await refused).status()).toBe(400);
		await expect(form.locator('[data-testid="current-password-problem"]').textContent()).resolves.toMatch(/not your current password/);
		await expect(form.getByLabel('Current password').getAttribute('aria-invalid')).resolves.toBe('true');
		await page.screenshot({ path: `${OUT}/password-wrong-current.png` });

		await fill(who.password, fresh, fresh);
		await submit();
		await page.waitForURL('**/signin?changed=1');
		await expect(page.locator('[data-testid="password-changed"]').textContent()).resolves.toBe('Password changed: sign in with your new password.');
		await page.screenshot({ path: `${OUT}/signin-password-changed.png` });
		// Every session ended, the one on another device too.
		expect((await fetch(`${server.url}/api/v1/session`, { headers: { cookie: other.cookie } })).status).toBe(401);

		expect(await fillSignIn(page, who.email, who.password)).toBe(401);
		await page.locator('[data-testid="password-problem"]').waitFor();
		expect(await fillSignIn(page, who.email, fresh)).toBe(200);
		await page.waitForURL(`${server.url}/`);
		await expect(page.locator('[data-testid="signed-in-name"]').textContent()).resolves.toBe(who.displayName);
		await context.close();
	});

	it('a paired wall screen shows the wall without signing in, and opens no school page', async () => {
		const { token } = await pairDevice(server.store, SCHOOL, 'Roles wall');
		const context = await newContext(browser, csp, { viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		await page.goto(`${server.url}/wall/pair?school=${SCHOOL}#${token}`);
		await page.waitForURL('**/wall');
		await page.locator('[data-testid="freshness"]:has-text("LIVE")').waitFor();
		await expect(page.locator('.wall h1').textContent()).resolves.toBe('Roles Test Academy');
		await page.locator('path.unit, .blank').first().waitFor();
		expect(await page.locator('text=could not be read').count()).toBe(0);
		// Its device token is not a session: a school page asks for a person.
		await page.goto(`${server.url}/live/${SCHOOL}`);
		await page.waitForURL('**/signin?next=*');
		await context.close();
	});

	it('says an account is locked after repeated wrong passwords, and keeps it locked for the right one', async () => {
		const who = await person('slt');
		const context = await newContext(browser, csp, { viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${server.url}/signin`);
		// An empty form is named field by field, before anything is sent.
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.locator('[data-testid="email-problem"]').textContent()).resolves.toMatch(/Enter your email address/);
		await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
		await page.screenshot({ path: `${OUT}/signin-empty.png` });
		for (let attempt = 1; attempt <= 4; attempt++) {
			expect(await fillSignIn(page, who.email, `wrong password ${attempt}`)).toBe(401);
			await page.locator('[data-testid="password-problem"]:has-text("email address or the password is not right")').waitFor();
			await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
			await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
		}
		expect(await fillSignIn(page, who.email, 'wrong password 5')).toBe(423);
		const locked = page.locator('[data-testid="signin-problem"]');
		await page.locator('[data-testid="signin-problem"]:has-text("locked")').waitFor();
		await expect(locked.textContent()).resolves.toMatch(/This account is locked after too many wrong passwords\. Try again in 15 minutes/);
		await page.screenshot({ path: `${OUT}/signin-locked.png` });
		expect(await fillSignIn(page, who.email, who.password)).toBe(423);
		await expect(locked.textContent()).resolves.toMatch(/locked/);
		expect(page.url()).toMatch(/\/signin$/);
		await context.close();
	});
});
