import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { dispatchReference } from '../support/dispatch-fixtures';
import { postJson } from '../support/http';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInContext, startLookout } from './lookout';
import { printed } from './printed';

const OUT = 'test-results';
const SCHOOL = 'reflection-e2e';
const DAY = '2026-11-23';
const periods = [
	{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
	{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
	{ id: 'P2', name: 'Period 2', kind: 'lesson', startsAt: '10:00', endsAt: '11:00' },
	{ id: 'P3', name: 'Period 3', kind: 'lesson', startsAt: '11:00', endsAt: '12:00' }
];
const students = ['Amelia Hartley', 'Ben Okafor', 'Chloe Price', 'Dev Shah'].map((name, i) => {
	const [givenName, familyName] = name.split(' ');
	return { id: `STU${i + 1}`, givenName, familyName, yearGroup: 9, formGroup: '9N' };
});
const everyone = students.map((s) => s.id);
const timetable = [
	{ id: 'tt-ma', weekday: 1, periodId: 'P1', roomId: 'M1', staffId: 'T1', classId: '9N/Ma1', subject: 'Maths', studentIds: everyone },
	{ id: 'tt-en', weekday: 1, periodId: 'P2', roomId: 'S1', staffId: 'T1', classId: '9N/En1', subject: 'English', studentIds: everyone },
	{ id: 'tt-sc', weekday: 1, periodId: 'P3', roomId: 'S1', staffId: 'T1', classId: '9N/Sc1', subject: 'Science', studentIds: everyone }
];

let browser: Browser;
let server: TestServer;
let coordinator: SignedIn;
let patrol: SignedIn;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	// Monday 23 November 2026, 08:15 in London, before the first lesson.
	server = await startLookout({ clock: scaledClock({ start: Date.parse(`${DAY}T08:15:00Z`) }) });
	expect((await ingest(server, dispatchReference(SCHOOL, { periods, students, timetable, reflectionRooms: [{ roomId: 'RR', capacity: 2 }] }))).status).toBe(
		200
	);
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'C1' });
	patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
	// Period 1 is full before the coordinator books by hand.
	for (const studentId of ['STU1', 'STU2']) {
		const booked = await postJson(
			`${server.url}/api/v1/reflection/bookings?school=${SCHOOL}`,
			{ studentId, roomId: 'RR', dates: [DAY], periodIds: ['P1'], reason: 'Fighting at break' },
			coordinator.headers
		);
		expect(booked.status).toBe(201);
	}
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

async function open(person: SignedIn, path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
	const context = await signedInContext(browser, csp, server, person, { viewport });
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(`${server.url}${path}`);
	return page;
}

describe('the Reflection Room desk in Chromium', () => {
	it('books by hand, is refused over capacity and rebooks the period offered', async () => {
		const page = await open(coordinator, `/behaviour/${SCHOOL}/reflection`);
		const form = page.locator('[data-testid="book-form"]');
		await form.waitFor();
		await form.locator('[data-testid="student-search"]').fill('chl');
		await form.getByRole('option', { name: /Chloe Price/ }).click();
		await form.locator('[data-testid="period-P1"]').check();
		await expect.poll(() => form.locator('[data-testid="lesson-missed"]').first().innerText()).toBe('misses 9N/Ma1 Maths (M1 Maths, JSM)');
		await form.locator('[data-testid="book-reason"]').fill('Refusal to work in Maths');
		await form.locator('[data-testid="book"]').click();
		const outcome = page.locator('[data-testid="book-outcome"]');
		await expect.poll(() => outcome.innerText()).toContain('The Reflection Room is full (2 places) in Period 1 on 2026-11-23');
		const rebook = outcome.locator('[data-testid="rebook"]');
		expect(await rebook.innerText()).toBe('Book Period 2 on Monday 23 November instead');
		await page.screenshot({ path: `${OUT}/behaviour-reflection-refused.png`, fullPage: true });
		await rebook.click();
		await expect.poll(() => outcome.innerText()).toContain('Chloe Price is booked for Period 2 on Monday 23 November.');
		await expect.poll(() => page.locator('[data-testid="daily-row"]').count()).toBe(3);
		const rows = await page.locator('[data-testid="daily-row"]').allInnerTexts();
		expect(rows[2]).toMatch(/Period 2.*Chloe Price.*9N\/En1 English.*Refusal to work in Maths.*11:00 to 9N\/Sc1 Science/s);
		await page.screenshot({ path: `${OUT}/behaviour-reflection-booked.png`, fullPage: true });
	});

	it('asks for cover of a gap, which a member of staff free that period takes from the patrol phone', async () => {
		const desk = await open(coordinator, `/behaviour/${SCHOOL}/reflection`);
		const period1 = desk.locator(`[data-testid="rota-day"][data-date="${DAY}"] [data-testid="rota-cell"][data-period="P1"]`);
		expect(await period1.getAttribute('data-gap')).toBe('true');
		await period1.locator('[data-testid="request-cover"]').click();
		await expect.poll(() => period1.locator('[data-testid="cover-open"]').innerText()).toMatch(/Asked by CCO at \d\d:\d\d, not yet taken/);

		const phone = await open(patrol, `/patrol/${SCHOOL}`, { width: 390, height: 844 });
		const request = phone.locator('[data-testid="cover-request"]');
		await request.waitFor();
		expect(await request.innerText()).toMatch(/Reflection Room\s+Period 1 \(09:00\), Monday 23 November\s+2 booked/);
		await phone.screenshot({ path: `${OUT}/behaviour-reflection-patrol-cover.png`, fullPage: true });
		await request.locator('[data-testid="take-cover"]').click();
		await expect.poll(() => phone.locator('[data-testid="cover-said"]').innerText()).toBe('You supervise Reflection Room, Period 1 on Monday 23 November.');
		await phone.screenshot({ path: `${OUT}/behaviour-reflection-patrol-taken.png`, fullPage: true });

		await desk.reload();
		await expect.poll(() => period1.locator('[data-testid="cover-taken"]').innerText()).toMatch(/Taken by PRO at \d\d:\d\d/);
		expect(await period1.getAttribute('data-gap')).toBe('false');
		await desk.screenshot({ path: `${OUT}/behaviour-reflection-rota.png`, fullPage: true });
	});

	it('opens the form filled in from an on-call request closed as removed to the Reflection Room', async () => {
		const page = await open(coordinator, `/behaviour/${SCHOOL}/reflection?student=STU4&oncall=oc-77`);
		const form = page.locator('[data-testid="book-form"]');
		await form.waitFor();
		expect(await form.locator('[data-testid="student-search"]').inputValue()).toBe('Dev Shah');
		expect(await form.locator('select').last().inputValue()).toBe('oncall');
		expect(await form.getByLabel('On-call request id').inputValue()).toBe('oc-77');
	});

	it("prints the day's list for the room on one A4 page, and opens a student's history", async () => {
		const page = await open(coordinator, `/behaviour/${SCHOOL}/reflection`);
		await expect.poll(() => page.locator('[data-testid="daily-row"]').count()).toBe(3);
		expect(await page.locator('[data-testid="csv-bookings"]').getAttribute('href')).toBe(
			`/api/v1/reports/reflection?school=${SCHOOL}&days=5&format=csv&table=bookings`
		);
		await page.emulateMedia({ media: 'print' });
		expect(await printed(page, OUT, 'behaviour-reflection-daily-list')).toBe(1);
		await page.emulateMedia({ media: 'screen' });
		await page.getByRole('link', { name: 'Chloe Price' }).click();
		await page.locator('[data-testid="history-row"]').first().waitFor();
		expect(await page.locator('[data-testid="history-row"]').count()).toBe(1);
		await page.screenshot({ path: `${OUT}/behaviour-reflection-history.png`, fullPage: true });
	});
});
