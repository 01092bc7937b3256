import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, signInAs, type SignedIn } from '../support/access';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, newContext, signedInPage, smallSchool, startLookout } from './lookout';

const OUT = 'test-results';
const SCHOOL = 'admin-school';
const REFERENCE = smallSchool(SCHOOL, 'Admin Test Academy');

let browser: Browser;
let server: TestServer;
let admin: SignedIn;
let page: Page;
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	server = await startLookout({ clock: scaledClock() });
	expect((await ingest(server, REFERENCE)).status).toBe(200);
	admin = await signIn(server, SCHOOL, 'admin');
	page = await signedInPage(browser, csp, server, admin, { viewport: { width: 1440, height: 1000 } });
	await page.goto(`${server.url}/admin/${SCHOOL}`);
	await page.locator(`[data-testid="person"][data-id="${admin.userId}"]`).waitFor();
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

const panel = (title: string) => page.getByRole('region', { name: title });
const outcome = (title: string) => panel(title).locator('[data-testid="admin-outcome"]');
const secret = (title: string) => panel(title).locator('[data-testid="secret-value"]');
const sessionStatus = async (person: SignedIn) => (await fetch(`${server.url}/api/v1/session`, { headers: { cookie: person.cookie } })).status;

describe('the admin page', () => {
	it('adds a person linked to a member of staff, naming a field it refuses, signs them out everywhere and removes them', async () => {
		const form = page.locator('[data-testid="add-person"]');
		const email = 'dan.jones@admin.test';
		await form.getByLabel('Name').fill('Dan Jones');
		await form.getByLabel('Email address').fill(email);
		await form.getByLabel('Role').selectOption('patrol');
		await form.getByLabel('Member of staff').selectOption('P1');
		await form.getByLabel('Password').fill('too short');
		await form.getByRole('button', { name: 'Add person' }).click();
		await expect(form.locator('[data-testid="add-person-problem"]').textContent()).resolves.toMatch(/password must be at least 12 characters/);
		await expect(form.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');

		await form.getByLabel('Password').fill('a long enough password');
		await form.getByRole('button', { name: 'Add person' }).click();
		await form.locator('[data-testid="person-added"]').waitFor();
		const row = panel('People').locator('[data-testid="person"]', { hasText: email });
		await expect(row.textContent()).resolves.toMatch(/Dan Jones.*patrol.*Mr Jones \(DJO\)/);

		// The same email again: the server's refusal names the field.
		await form.getByLabel('Name').fill('Someone Else');
		await form.getByLabel('Email address').fill(email);
		await form.getByLabel('Password').fill('another long password');
		await form.getByRole('button', { name: 'Add person' }).click();
		await expect(form.locator('[data-testid="add-person-problem"]').textContent()).resolves.toBe('Email address is taken.');
		await form.getByLabel('Name').fill('');
		await form.getByLabel('Email address').fill('');
		await form.getByLabel('Password').fill('');

		// Their sessions end when the admin signs them out everywhere; removed, they cannot sign in again.
		const dan = await signInAs(server, email, 'a long enough password');
		expect(dan.session.staffId).toBe('P1');
		expect(await sessionStatus(dan)).toBe(200);
		await row.getByRole('button', { name: 'Sign out everywhere' }).click();
		await outcome('People').filter({ hasText: 'Dan Jones is signed out on every device' }).waitFor();
		expect(await sessionStatus(dan)).toBe(401);
		await row.getByRole('button', { name: 'Remove' }).click();
		await row.getByRole('button', { name: 'Yes, remove' }).click();
		await row.waitFor({ state: 'detached' });
		await expect(signInAs(server, email, 'a long enough password')).rejects.toThrow(/401/);
	});

	it('issues an integration key shown once, which sends events until it is revoked', async () => {
		await panel('Integration keys').getByLabel('System name').fill('MIS sync');
		await panel('Integration keys').getByRole('button', { name: 'Issue a key' }).click();
		const key = await secret('Integration keys').inputValue();
		expect(key).toMatch(new RegExp(`^lk\\.${SCHOOL}\\.`));
		const send = () =>
			fetch(`${server.url}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
				body: JSON.stringify({ ...REFERENCE, id: `ref-again-${Date.now()}` })
			});
		expect((await send()).status).toBe(200);
		await panel('Integration keys').getByRole('button', { name: 'I have copied it' }).click();
		await secret('Integration keys').waitFor({ state: 'detached' });

		const row = panel('Integration keys').locator('[data-testid="key"]', { hasText: 'MIS sync' });
		await row.getByRole('button', { name: 'Revoke' }).click();
		await row.getByRole('button', { name: 'Yes, revoke' }).click();
		await row.filter({ hasText: 'Revoked' }).waitFor();
		expect((await send()).status).toBe(401);
	});

	it('pairs a wall screen with an address shown once, reloads walls and unpairs it; the audit log has it all, newest first', async () => {
		await panel('Wall screens').getByLabel('Screen name').fill('Office wall');
		await panel('Wall screens').getByRole('button', { name: 'Pair a screen' }).click();
		const address = await secret('Wall screens').inputValue();
		expect(address).toMatch(new RegExp(`^${server.url}/wall/pair\\?school=${SCHOOL}#[A-Za-z0-9_-]{40,}$`));

		const wall = await (await newContext(browser, csp, { viewport: { width: 1280, height: 720 } })).newPage();
		await wall.goto(address);
		await wall.waitForURL('**/wall');
		await wall.locator('[data-testid="freshness"]:has-text("LIVE")').waitFor();
		await panel('Wall screens').getByRole('button', { name: 'Reload all wall screens' }).click();
		await outcome('Wall screens').filter({ hasText: 'reloads' }).waitFor();

		await page.screenshot({ path: `${OUT}/admin-page.png`, fullPage: true });
		await panel('Wall screens').getByRole('button', { name: 'I have copied it' }).click();
		const row = panel('Wall screens').locator('[data-testid="wall-screen"]', { hasText: 'Office wall' });
		await row.getByRole('button', { name: 'Unpair' }).click();
		await row.getByRole('button', { name: 'Yes, unpair' }).click();
		await row.filter({ hasText: 'Unpaired' }).waitFor();
		await wall.locator('[data-testid="unpaired"]').waitFor({ timeout: 5_000 });
		await wall.context().close();

		const actions = await panel('Audit log')
			.locator('[data-testid="audit-row"]')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
		expect(actions.slice(0, 3)).toEqual(['device_revoked', 'device_paired', 'key_revoked']);
		expect(actions).toEqual(expect.arrayContaining(['key_issued', 'user_removed', 'signed_out_everywhere', 'user_added', 'signed_in']));
		const csv = await fetch(`${server.url}${await panel('Audit log').locator('[data-testid="audit-csv"]').getAttribute('href')}`, {
			headers: { cookie: admin.cookie }
		});
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		expect(await csv.text()).toMatch(/^at,action,actorId/);
		await page.screenshot({ path: `${OUT}/admin-page-audit.png`, fullPage: true });
	});

	it("sets someone's password from their row: a short one is named before sending; after, their sessions have ended and only the new one signs in", async () => {
		const them = await signIn(server, SCHOOL, 'coordinator');
		const fresh = 'set by the admin today';
		await page.reload();
		const row = panel('People').locator(`[data-testid="person"][data-id="${them.userId}"]`);
		await row.getByRole('button', { name: 'Set password' }).click();
		const form = panel('People').locator(`[data-testid="set-password"][data-id="${them.userId}"]`);
		const field = form.getByLabel(`New password for ${them.session.displayName}`);
		await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('password');

		await field.fill('short');
		await form.getByRole('button', { name: 'Set password' }).click();
		await expect(form.getByRole('alert').textContent()).resolves.toMatch(/at least 12 characters/);
		await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
		expect(await sessionStatus(them)).toBe(200);

		await field.fill(fresh);
		await page.screenshot({ path: `${OUT}/admin-set-password.png` });
		await form.getByRole('button', { name: 'Set password' }).click();
		await outcome('People')
			.filter({ hasText: `${them.session.displayName}'s password is set; they were signed out everywhere.` })
			.waitFor();
		await form.waitFor({ state: 'detached' });
		expect(await sessionStatus(them)).toBe(401);
		await expect(signInAs(server, them.email, them.password)).rejects.toThrow(/401/);
		expect((await signInAs(server, them.email, fresh)).userId).toBe(them.userId);
		await panel('Audit log').locator('[data-testid="audit-row"][data-action="password_changed"]').first().waitFor();
	});
});
