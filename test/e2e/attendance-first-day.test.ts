import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEventInput } from '../../server/protocol';
import { ingest, signIn, type SignedIn } from '../support/access';
import { ManualClock, type TestServer } from '../support/server';
import { pairWall } from '../../server/src/cli/wall-admin';
import { launchBrowser } from './browser';
import { CspWatch, newContext, signedInContext, startLookout } from './lookout';

const OUT = 'test-results';
const SCHOOL = 'first-day-school';
const DAY = '2026-11-23';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;
const SAMPLE = new URL('../../simulators/northfield/', import.meta.url).pathname;

const STUDENTS = [
	['S1', 'Amelia', 'Hartley', '9N'],
	['S2', 'Noah', 'Bennett', '9N'],
	['S3', 'Isla', 'Chowdhury', '10R'],
	['S4', 'Leo', 'Fraser', '10R'],
	['S5', 'Maya', 'Osei', '7T']
] as const;

/** Five students; S1 and S4 marked in at the AM register, S2 marked N, S3 and S5 with no mark. */
function school(): InboundEventInput[] {
	return [
		{
			id: 'ref-first-day',
			schoolId: SCHOOL,
			type: 'reference:updated',
			occurredAt: at('07:00'),
			school: { name: 'Riverside High', timezone: 'Europe/London' },
			rooms: [{ id: 'M1', name: 'M1 Maths', category: 'classroom', level: 0 }],
			students: STUDENTS.map(([id, givenName, familyName, formGroup]) => ({ id, givenName, familyName, yearGroup: Number.parseInt(formGroup, 10), formGroup })),
			staff: [{ id: 'C1', title: 'Mrs', givenName: 'Priya', familyName: 'Khan', code: 'PKH' }],
			periods: [
				{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
				{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
				{ id: 'P2', name: 'Period 2', kind: 'lesson', startsAt: '10:00', endsAt: '11:00' },
				{ id: 'LUNCH', name: 'Lunch', kind: 'lunch', startsAt: '12:30', endsAt: '13:15' }
			],
			contacts: [
				{
					studentId: 'S2',
					name: 'Hannah Bennett',
					relationship: 'Mother',
					priority: 1,
					phones: ['07700 900111'],
					email: 'hannah.bennett@example.com',
					parentalResponsibility: true,
					livesWith: true
				},
				{
					studentId: 'S2',
					name: 'Mark Bennett',
					relationship: 'Father',
					priority: 2,
					phones: ['07700 900222', '01632 960222'],
					parentalResponsibility: true,
					livesWith: false
				},
				{
					studentId: 'S3',
					name: 'Rahima Chowdhury',
					relationship: 'Grandmother',
					priority: 1,
					phones: ['01632 960333'],
					parentalResponsibility: false,
					livesWith: true
				},
				{ studentId: 'S5', name: 'Kwame Osei', relationship: 'Father', priority: 1, phones: ['07700 900555'], parentalResponsibility: true, livesWith: true }
			]
		},
		...[
			['9N', ['S1', '/'], ['S2', 'N']],
			['10R', ['S4', 'L']]
		].map(([formGroup, ...marks], i) => ({
			id: `am-${i}`,
			schoolId: SCHOOL,
			type: 'session:marked',
			occurredAt: at('08:50'),
			date: DAY,
			session: 'AM',
			formGroup,
			takenBy: 'C1',
			marks: (marks as [string, string][]).map(([studentId, code]) => ({ studentId, code }))
		}))
	] as InboundEventInput[];
}

let browser: Browser;
let server: TestServer;
let clock: ManualClock;
let manager: SignedIn;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	clock = new ManualClock(at('09:05'));
	server = await startLookout({ clock, heartbeatMs: 500 });
	expect((await ingest(server, school())).status).toBe(200);
	manager = await signIn(server, SCHOOL, 'coordinator', { staffId: 'C1' });
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

async function page(width = 1280, height = 900): Promise<Page> {
	const context = await signedInContext(browser, csp, server, manager, { viewport: { width, height } });
	contexts.push(context);
	return context.newPage();
}

const names = (p: Page) => p.locator('[data-testid="to-call-list"] > li strong').allTextContents();

describe('the first-day calling page', () => {
	it('opens when the AM register closes, takes a call per click, offers the next contact, and flags after the school time', async () => {
		const desk = await page();
		await desk.goto(`${server.url}/attendance/${SCHOOL}`);
		await desk.locator('[data-testid="desk-first-day"]').waitFor();
		await desk.screenshot({ path: `${OUT}/attendance-desk-index.png` });
		await desk.locator('[data-testid="desk-first-day"]').click();
		await desk.locator('[data-testid="not-open"]').waitFor();
		await expect(desk.locator('[data-testid="not-open"]').textContent()).resolves.toContain('09:10');
		await desk.screenshot({ path: `${OUT}/first-day-before-close.png` });

		// The register closes at 09:10: the list opens by itself.
		clock.advanceTo(at('09:12'));
		await desk.locator('[data-testid="to-call-list"]').waitFor();
		expect(await names(desk)).toEqual(['Maya Osei', 'Noah Bennett', 'Isla Chowdhury']);
		await expect(desk.locator('[data-testid="contacts"]').count()).resolves.toBe(0);
		await desk.screenshot({ path: `${OUT}/first-day-open.png`, fullPage: true });

		// Contacts only when asked for, each look written to the audit log.
		const noah = desk.locator('[data-testid="student-S2"]');
		await noah.locator('[data-testid="show-contacts"]').click();
		await noah.locator('[data-testid="contacts"]').waitFor();
		await expect(noah.locator('[data-testid="contacts"]').textContent()).resolves.toMatch(/Hannah Bennett.*07700 900111.*Mark Bennett.*07700 900222/);

		// No answer from the mother: the father is offered next.
		await noah.locator('[data-testid="outcome-no_answer"]').click();
		await noah.locator('[data-testid="calling"] option:checked:has-text("Father (next)")').waitFor({ state: 'attached' });
		await desk.screenshot({ path: `${OUT}/first-day-next-contact.png`, fullPage: true });
		await noah.locator('[data-testid="reason"]').fill('Dentist first thing, in by break');
		await noah.locator('[data-testid="outcome-reached"]').click();
		await desk.locator('[data-testid="corrections"]').waitFor();
		expect(await names(desk)).toEqual(['Maya Osei', 'Isla Chowdhury']);
		await expect(desk.locator('[data-testid="corrections"]').textContent()).resolves.toMatch(/Noah Bennett.*9N.*Dentist first thing, in by break.*PKH/);

		// 10:30 passes with two still unreached: both flagged, first.
		clock.advanceTo(at('10:31'));
		await desk.locator('[data-testid="flag"]').nth(1).waitFor();
		await desk.screenshot({ path: `${OUT}/first-day-flagged.png`, fullPage: true });

		const audit = await fetch(`${server.url}/api/v1/audit?school=${SCHOOL}`, { headers: { cookie: (await signIn(server, SCHOOL, 'admin')).cookie } });
		const entries = ((await audit.json()) as { data: { action: string; studentId: string | null }[] }).data;
		expect(entries.filter((e) => e.action === 'contacts_revealed').map((e) => e.studentId)).toEqual(['S2']);

		// The call sheet on paper: no buttons, a line to write each outcome on.
		await desk.locator('[data-testid="student-S5"] [data-testid="show-contacts"]').click();
		await desk.locator('[data-testid="student-S5"] [data-testid="contacts"]').waitFor();
		await desk.emulateMedia({ media: 'print' });
		await desk.screenshot({ path: `${OUT}/first-day-print-media.png`, fullPage: true });
		await desk.emulateMedia({ media: null });
		const pdf = await desk.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
		await writeFile(`${OUT}/first-day-call-sheet.pdf`, pdf);
		const text = pdfText(`${OUT}/first-day-call-sheet.pdf`);
		if (text !== null) {
			expect(text).toContain('Maya Osei');
			expect(text).toContain('Outcome and reason');
			expect(text).not.toContain('Show contacts');
			expect(text).not.toContain('Voicemail');
		}
	});

	it('shows the live page a count only', async () => {
		const live = await page(1366, 768);
		await live.goto(`${server.url}/live/${SCHOOL}`);
		const count = live.locator('[data-testid="first-day-open"]');
		await count.locator('.count:has-text("2")').waitFor();
		await expect(count.textContent()).resolves.toMatch(/^First-day calls\s*2$/);
		await live.screenshot({ path: `${OUT}/first-day-live-count.png` });
	});

	it('shows the wall the count, a group under five withheld, and no name', async () => {
		const paired = await pairWall(server.url, SCHOOL, 'Office wall', await signIn(server, SCHOOL, 'admin'));
		const context = await newContext(browser, csp, { viewport: { width: 1920, height: 1080 } });
		contexts.push(context);
		const wall = await context.newPage();
		await wall.goto(paired.address);
		await wall.waitForURL('**/wall');
		const tile = wall.locator('[aria-label="First-day calls open"]');
		await tile.locator('[data-testid="wall-count"]:has-text("1–4")').waitFor();
		await expect(tile.textContent()).resolves.toContain("1–4 past the school's time");
		await expect(wall.locator('body').textContent()).resolves.not.toMatch(/Osei|Chowdhury|Bennett/);
		await wall.screenshot({ path: `${OUT}/first-day-wall-count.png` });
	});
});

describe('the demo school on the first-day page', () => {
	it("lists Northfield's students with no AM mark or N, contacts from its contacts.csv", async () => {
		const school = 'northfield';
		const files = Object.fromEntries(readdirSync(SAMPLE).map((name) => [name, readFileSync(`${SAMPLE}${name}`, 'utf8')]));
		// The AM register of 23 November: one student in twenty N, one in forty with no mark.
		const students = files['students.csv']!.trim()
			.split('\n')
			.slice(1)
			.map((line) => line.split(',')[0]!);
		const marks = students.flatMap((id, i) => (i % 40 === 7 ? [] : [`${DAY},AM,${id},${i % 20 === 3 ? 'N' : '/'}`]));
		files['session-marks.csv'] = `date,session,student_id,code\n${marks.join('\n')}\n`;
		const admin = await signIn(server, school, 'admin');
		const imported = await fetch(`${server.url}/api/v1/import?school=${school}`, { method: 'POST', headers: admin.headers, body: JSON.stringify({ files }) });
		expect(imported.status).toBe(200);
		const coordinator = await signIn(server, school, 'coordinator', { staffId: 'P001' });
		const context = await signedInContext(browser, csp, server, coordinator, { viewport: { width: 1280, height: 900 } });
		contexts.push(context);
		const desk = await context.newPage();
		await desk.goto(`${server.url}/attendance/${school}/first-day`);
		await desk.locator('[data-testid="to-call-list"]').waitFor();
		await expect(desk.locator('[data-testid="to-call-list"] > li').count()).resolves.toBe(90);
		await desk.locator('[data-testid="to-call-list"] > li').first().locator('[data-testid="show-contacts"]').click();
		await desk.locator('[data-testid="contacts"]').waitFor();
		await desk.screenshot({ path: `${OUT}/first-day-northfield.png` });
	});
});

/** The PDF's text, when poppler's pdftotext is installed (it is where the PDFs are looked at). */
function pdfText(path: string): string | null {
	try {
		return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
	} catch {
		return null;
	}
}
