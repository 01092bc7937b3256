import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEventInput } from '../../server/protocol';
import { ManualClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { postJson } from '../support/http';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInContext, startLookout } from './lookout';

const OUT = 'test-results';
const SCHOOL = 'late-desk';
const STUDENTS: [string, string, string, string][] = [
	['S1', 'Amelia', 'Hartley', '9N'],
	['S2', 'Ben', 'Okafor', '9N'],
	['S3', 'Cara', 'Ueda', '10K'],
	['S4', 'Dev', 'Patel', '10K'],
	['S5', 'Eli', 'Wood', '9N']
];

function reference(): InboundEventInput {
	return {
		id: 'ref-late',
		schoolId: SCHOOL,
		type: 'reference:updated',
		occurredAt: '2026-11-20T07:00:00Z',
		school: { name: 'Northgate High School', timezone: 'Europe/London' },
		settings: { lateLetterMinutes: 45 },
		rooms: [
			{ id: 'M1', name: 'M1 Maths', category: 'classroom', level: 0 },
			{ id: 'RR', name: 'Reflection Room', category: 'classroom', level: 0 }
		],
		reflectionRooms: [{ roomId: 'RR', capacity: 6 }],
		students: STUDENTS.map(([id, givenName, familyName, formGroup]) => ({ id, givenName, familyName, yearGroup: formGroup === '9N' ? 9 : 10, formGroup })),
		staff: [{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' }],
		periods: [
			{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
			{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
			{ id: 'LUNCH', name: 'Lunch', kind: 'lunch', startsAt: '12:00', endsAt: '12:45' },
			{ id: 'P4', name: 'Period 4', kind: 'lesson', startsAt: '12:45', endsAt: '13:45' }
		],
		lessons: [
			{
				id: 'L-P1',
				periodId: 'P1',
				roomId: 'M1',
				staffId: 'T1',
				classId: '9N/Ma1',
				subject: 'Maths',
				startsAt: '2026-11-24T09:00:00Z',
				endsAt: '2026-11-24T10:00:00Z',
				studentIds: ['S1', 'S2']
			}
		]
	} as InboundEventInput;
}

let n = 0;
const marked = (date: string, session: 'AM' | 'PM', marks: [string, string, number?][], occurredAt = `${date}T${session === 'AM' ? '08:50' : '12:55'}:00Z`) =>
	({
		id: `marks-${(n += 1)}`,
		schoolId: SCHOOL,
		type: 'session:marked',
		occurredAt,
		date,
		session,
		formGroup: '9N',
		takenBy: 'T1',
		marks: marks.map(([studentId, code, minutesLate]) => ({ studentId, code, ...(minutesLate === undefined ? {} : { minutesLate }) }))
	}) as InboundEventInput;

/** A Reflection Room booking for Friday 27 November, made before school. */
const booking = (bookingId: string, studentId: string, periodId: 'P1' | 'P4', reason: string) =>
	({
		id: `book-${bookingId}`,
		schoolId: SCHOOL,
		type: 'reflection:booked',
		occurredAt: '2026-11-27T08:00:00Z',
		bookingId,
		studentId,
		roomId: 'RR',
		periodId,
		startsAt: periodId === 'P1' ? '2026-11-27T09:00:00Z' : '2026-11-27T12:45:00Z',
		endsAt: periodId === 'P1' ? '2026-11-27T10:00:00Z' : '2026-11-27T13:45:00Z',
		reason,
		bookedBy: 'T1'
	}) as InboundEventInput;

let browser: Browser;
let server: TestServer;
let coordinator: SignedIn;
let patrol: SignedIn;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	server = await startLookout({ clock: new ManualClock('2026-11-27T11:30:00Z') });
	const events = [
		reference(),
		marked('2026-11-23', 'AM', [
			['S1', 'L', 25],
			['S2', '/'],
			['S3', 'U', 50],
			['S4', 'L', 4],
			['S5', '/']
		]),
		marked('2026-11-23', 'PM', [['S1', 'L', 10]]),
		marked('2026-11-24', 'AM', [
			['S1', 'U', 35],
			['S2', 'L', 12],
			['S3', '/']
		]),
		{
			id: 'reg-p1',
			schoolId: SCHOOL,
			type: 'register:taken',
			occurredAt: '2026-11-24T09:10:00Z',
			lessonId: 'L-P1',
			takenBy: 'T1',
			marks: [
				{ studentId: 'S1', code: 'L', minutesLate: 8 },
				{ studentId: 'S2', code: '/' }
			]
		} as InboundEventInput,
		marked('2026-11-26', 'AM', [
			['S4', 'L', 15],
			['S5', 'L', 20]
		]),
		marked('2026-11-27', 'AM', [
			['S2', 'N'],
			['S5', 'U', 31]
		]),
		booking('bk-s2', 'S2', 'P4', 'Truancy: absent from registration'),
		booking('bk-s3', 'S3', 'P1', 'Defiance in Period 6 yesterday'),
		// The behaviour system withdraws S3's booking once the incident is reviewed.
		{
			id: 'mis-cancel-bk-s3',
			schoolId: SCHOOL,
			type: 'reflection:cancelled',
			occurredAt: '2026-11-27T08:55:00Z',
			bookingId: 'bk-s3',
			by: 'T1',
			reason: 'Incident reviewed: Cara was not involved'
		} as InboundEventInput,
		// Later this morning the office corrects two of today's marks.
		marked(
			'2026-11-27',
			'AM',
			[
				['S2', 'M'],
				['S5', 'L', 31]
			],
			'2026-11-27T10:40:00Z'
		)
	];
	expect((await ingest(server, events)).status).toBe(200);
	coordinator = await signIn(server, SCHOOL, 'coordinator');
	patrol = await signIn(server, SCHOOL, 'patrol');
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

async function pageAs(person: SignedIn, width = 1366, height = 900): Promise<Page> {
	const context = await signedInContext(browser, csp, server, person, { viewport: { width, height } });
	contexts.push(context);
	return context.newPage();
}

describe('the minutes-late desk and same-day corrections', () => {
	it('shows a range, its breakdown and the letters due; the template is refused with an unknown placeholder, then saved; a letter is marked sent', async () => {
		const page = await pageAs(coordinator);
		await page.goto(`${server.url}/attendance/${SCHOOL}`);
		await page.locator('[data-testid="desk-minutes-late"]').click();
		await page.locator('[data-testid="minutes-late-table"]').waitFor();
		await page.locator('input[name="from"]').fill('2026-11-23');
		await page.locator('input[name="to"]').fill('2026-11-27');
		await page.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL(/from=2026-11-23&to=2026-11-27/);
		const rows = page.locator('[data-testid="minutes-late-row"]');
		await expect(rows.first().getAttribute('data-id')).resolves.toBe('S1');
		await expect(rows.first().textContent()).resolves.toMatch(/Amelia Hartley.*letter.*9N.*2.*1.*70.*1.*8/);
		await expect(page.locator('[data-testid="by-weekday"]').textContent()).resolves.toMatch(/Monday\s*4\s*89/);
		await expect(page.locator('[data-testid="by-period"]').textContent()).resolves.toMatch(/AM registration.*PM registration.*Period 1/s);
		await expect(page.locator('[data-testid="letter-item"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-id')))).resolves.toEqual([
			'S1',
			'S5',
			'S3'
		]);
		await page.screenshot({ path: `${OUT}/attendance-minutes-late.png`, fullPage: true });

		await page.locator('[data-testid="template-edit"]').click();
		const body = page.locator('[data-testid="template-body"]');
		await body.fill(
			'Dear {{parent}},\n\n{{student}} ({{form}}) was late {{lates}} times between {{from}} and {{to}}: {{minutes}} minutes in all.\n\nMrs P. Khan\nPastoral Manager, {{school}}'
		);
		await expect(page.locator('[data-testid="template-unknown"]').textContent()).resolves.toContain('{{parent}}');
		await page.locator('[data-testid="template-save"]').click();
		await expect(page.locator('[data-testid="template-problem"]').textContent()).resolves.toContain('{{parent}}');
		await page.screenshot({ path: `${OUT}/attendance-minutes-late-template-refused.png`, fullPage: true });
		await body.fill(
			'Dear parent or carer,\n\n{{student}} ({{form}}) was late to school {{lates}} times between {{from}} and {{to}}, missing {{minutes}} minutes in all.\n\nPlease help {{student}} to arrive by 8.40am. If anything makes that hard, call the pastoral office: we want to help.\n\nYours sincerely,\n\nMrs P. Khan\nPastoral Manager, {{school}}'
		);
		await page.locator('[data-testid="template-save"]').click();
		await expect(page.locator('[data-testid="template-text"]').textContent()).resolves.toContain('Mrs P. Khan');

		await page.locator('[data-testid="letter-item"][data-id="S1"] [data-testid="mark-sent"]').click();
		await expect(page.locator('[data-testid="letter-item"][data-id="S1"] [data-testid="letter-sent"]').textContent()).resolves.toMatch(
			new RegExp(`Sent 27 Nov, 11:30, by ${coordinator.session.displayName}`)
		);
		await page.screenshot({ path: `${OUT}/attendance-minutes-late-sent.png`, fullPage: true });
		await page.pdf({ path: `${OUT}/attendance-minutes-late-report.pdf`, format: 'A4', printBackground: true });

		await page.locator('[data-testid="letters-link"]').click();
		const letters = page.locator('[data-testid="printed-letter"]');
		await letters.first().waitFor();
		await expect(letters.count()).resolves.toBe(3);
		await expect(letters.first().textContent()).resolves.toMatch(
			/Northgate High School.*27 November 2026.*To the parent or carer of Amelia Hartley \(9N\).*Amelia Hartley \(9N\) was late to school 3 times between 23 November 2026 and 27 November 2026, missing 70 minutes/s
		);
		await page.screenshot({ path: `${OUT}/attendance-minutes-late-letters.png` });
		await page.pdf({ path: `${OUT}/attendance-minutes-late-letters.pdf`, format: 'A4', printBackground: true });
	});

	it('lists the marks corrected and the sanctions cleared today as families to tell, once each, and marks one told of both', async () => {
		// S2's truancy was a dentist's appointment: the office cancels the Reflection Room booking it earned.
		const cancelled = await postJson(
			`${server.url}/api/v1/reflection/bookings/bk-s2/cancel?school=${SCHOOL}`,
			{ reason: 'AM mark corrected: at the dentist' },
			coordinator.headers
		);
		expect(cancelled.status).toBe(200);
		const page = await pageAs(coordinator);
		await page.goto(`${server.url}/attendance/${SCHOOL}`);
		await page.locator('[data-testid="desk-corrections"]').click();
		const rows = page.locator('[data-testid="correction-row"]');
		await rows.first().waitFor();
		await expect(rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-id')))).resolves.toEqual(['S2', 'S5', 'S3']);
		const row = (id: string) => page.locator(`[data-testid="correction-row"][data-id="${id}"]`);
		await expect(row('S2').locator('td:nth-child(3)').innerText()).resolves.toMatch(
			/^AM mark N changed to M; Reflection Room booking for Period 4 on Fri 27 Nov cleared: AM mark corrected: at the dentist\s+Booked for: Truancy: absent from registration$/
		);
		await expect(row('S2').locator('td:nth-child(4)').innerText()).resolves.toMatch(
			new RegExp(`Mark corrected 10:40 by JSM\\s+Sanction cleared 11:30 by ${coordinator.session.displayName}`)
		);
		await expect(row('S3').locator('td:nth-child(3)').innerText()).resolves.toMatch(
			/^Reflection Room booking for Period 1 on Fri 27 Nov cleared: Incident reviewed: Cara was not involved\s+Booked for: Defiance in Period 6 yesterday$/
		);
		await expect(row('S5').locator('td:nth-child(3)').innerText()).resolves.toBe('AM mark U changed to L');
		await expect(page.locator('[data-testid="sanction"]').count()).resolves.toBe(2);

		await row('S2').locator('[data-testid="mark-told"]').click();
		await expect(row('S2').locator('[data-testid="told"]').textContent()).resolves.toMatch(/Told 27 Nov, 11:30, by/);
		expect(await row('S3').locator('[data-testid="mark-told"]').count()).toBe(1);
		await page.screenshot({ path: `${OUT}/attendance-corrections.png`, fullPage: true });
		await page.pdf({ path: `${OUT}/attendance-corrections.pdf`, format: 'A4', printBackground: true });
		const sheet = await fetch(`${server.url}/api/v1/reports/corrections?school=${SCHOOL}&format=csv`, { headers: { cookie: coordinator.cookie } });
		expect((await sheet.text()).split('\n').filter((l) => l.includes(',sanction,'))).toHaveLength(2);
	});

	it('is not shown to patrol staff', async () => {
		const page = await pageAs(patrol, 390, 844);
		await page.goto(`${server.url}/attendance/${SCHOOL}/minutes-late`);
		await page.getByRole('heading', { name: 'This page is not for your role' }).waitFor();
		await expect(page.locator('[data-testid="minutes-late-table"]').count()).resolves.toBe(0);
	});
});
