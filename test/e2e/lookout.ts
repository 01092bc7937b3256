import type { RequestHandler } from 'express';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { InboundEventInput } from '../../server/protocol';
import { loadDashboard } from '../../server/src/dashboard-handler';
import type { SignedIn } from '../support/access';
import { startTestServer, type TestServer } from '../support/server';

let dashboard: Promise<RequestHandler> | undefined;

/** The dashboard build's handler, loaded once for every server of the file. */
function dashboardHandler(): Promise<RequestHandler> {
	dashboard ??= loadDashboard().then((handler) => {
		if (!handler) throw new Error('The dashboard is not built. Run: npx vite build');
		return handler;
	});
	return dashboard;
}

/** A real Lookout in this process, serving the built dashboard, its store open to the test. */
export async function startLookout(options: Omit<Parameters<typeof startTestServer>[0] & object, 'dashboard'> = {}): Promise<TestServer> {
	return startTestServer({ ...options, dashboard: await dashboardHandler() });
}

/** A school with one room, one student, two staff and one period: enough for every page to draw. */
export function smallSchool(schoolId: string, name: string): InboundEventInput {
	return {
		id: `ref-${schoolId}`,
		schoolId,
		type: 'reference:updated',
		occurredAt: new Date().toISOString(),
		school: { name, timezone: 'Europe/London' },
		rooms: [{ id: 'M1', name: 'M1 Maths', category: 'classroom', level: 0 }],
		students: [{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley', yearGroup: 9, formGroup: '9N' }],
		staff: [
			{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' },
			{ id: 'P1', title: 'Mr', givenName: 'Dan', familyName: 'Jones', code: 'DJO' }
		],
		periods: [{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' }]
	} as InboundEventInput;
}

/**
 * What the browser reports breaking the Content Security Policy, from every page of the
 * contexts it watches: a test fails when this is not empty.
 */
export class CspWatch {
	readonly violations: string[] = [];

	watch(context: BrowserContext): BrowserContext {
		context.on('console', (message) => {
			if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) this.violations.push(`${message.location().url}: ${message.text()}`);
		});
		context.on('weberror', (error) => {
			if (/Content Security Policy/i.test(error.error().message)) this.violations.push(error.error().message);
		});
		return context;
	}
}

/** A browser context of its own (its own cookies and storage), watched for CSP violations and page errors. */
export async function newContext(browser: Browser, csp: CspWatch, options: BrowserContextOptions = {}): Promise<BrowserContext> {
	const context = csp.watch(await browser.newContext(options));
	context.on('weberror', (error) => console.error('page error:', error.error()));
	return context;
}

/**
 * A context signed in as this person, its session cookie set as the sign-in page would leave it:
 * for tests about what comes after signing in (the roles test signs in through the page).
 */
export async function signedInContext(
	browser: Browser,
	csp: CspWatch,
	server: TestServer,
	person: SignedIn,
	options: BrowserContextOptions = {}
): Promise<BrowserContext> {
	const context = await newContext(browser, csp, options);
	const separator = person.cookie.indexOf('=');
	await context.addCookies([
		{ name: person.cookie.slice(0, separator), value: person.cookie.slice(separator + 1), url: server.url, httpOnly: true, sameSite: 'Strict' }
	]);
	return context;
}

/** A new page of a signed-in context of its own. */
export async function signedInPage(browser: Browser, csp: CspWatch, server: TestServer, person: SignedIn, options: BrowserContextOptions = {}): Promise<Page> {
	return (await signedInContext(browser, csp, server, person, options)).newPage();
}

/**
 * Moves to `path` the way a click on a link of the app does, without a page load: SvelteKit
 * takes over clicks on any same-origin link of the document.
 */
export async function navigateInApp(page: Page, path: string): Promise<void> {
	await page.evaluate((href) => {
		const link = document.createElement('a');
		link.href = href;
		link.textContent = 'in-app link';
		document.body.append(link);
		link.click();
		link.remove();
	}, path);
}

/** Marks the document, so a test can tell a page load (the mark is gone) from an in-app move (it stays). */
export const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
export const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
