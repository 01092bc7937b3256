import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, schoolDayOnOrBefore, zonedDate, zonedInstant, type InboundEventInput } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { postJson } from '../support/http';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInContext, startLookout } from './lookout';

const OUT = 'test-results';
const SCHOOL = 'dispatch-school';
const TZ = 'Europe/London';
const day = schoolDayOnOrBefore(zonedDate(Date.now(), TZ));
const weekday = ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** A small school: a teacher teaching in S12 in period 2, an on-call patroller, a coordinator, a second teacher. */
function school(): InboundEventInput {
	return {
		id: 'ref-dispatch',
		schoolId: SCHOOL,
		type: 'reference:updated',
		occurredAt: zonedInstant(day, '07:00', TZ),
		school: { name: 'Dispatch Test Academy', timezone: TZ },
		settings: { loneWorkingMinutes: 1 },
		rooms: [
			{ id: 'S12', name: 'S12 Science', category: 'laboratory', level: 1 },
			{ id: 'M3', name: 'M3 Maths', category: 'classroom', level: 0 },
			{ id: 'PO', name: 'Pastoral office', category: 'office', level: 0 }
		],
		students: [{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley', yearGroup: 9, formGroup: '9N' }],
		staff: [
			{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' },
			{ id: 'T2', title: 'Mr', givenName: 'Sam', familyName: 'Okafor', code: 'SOK' },
			{ id: 'P1', title: 'Mr', givenName: 'Dan', familyName: 'Jones', code: 'DJO' },
			{ id: 'C1', title: 'Mrs', givenName: 'Priya', familyName: 'Khan', code: 'PKH' }
		],
		periods: [
			{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
			{ id: 'P2', name: 'Period 2', kind: 'lesson', startsAt: '10:00', endsAt: '11:00' },
			{ id: 'P3', name: 'Period 3', kind: 'lesson', startsAt: '11:00', endsAt: '12:00' }
		],
		timetable: [
			{ id: 'TT1', weekday, periodId: 'P2', roomId: 'S12', staffId: 'T1', classId: '9N/Sc', subject: 'Science', studentIds: ['STU1'] },
			{ id: 'TT2', weekday, periodId: 'P2', roomId: 'M3', staffId: 'T2', classId: '9N/Ma', subject: 'Maths', studentIds: [] }
		],
		rota: [{ id: 'R1', weekday, periodId: 'P2', staffId: 'P1', role: 'on_call' }]
	} as InboundEventInput;
}

let browser: Browser;
let server: TestServer;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();
/** The people of the school, each signed in on their own device: a teacher (who may raise calls), the coordinator, the on-call patroller. */
let teacher: SignedIn;
let coordinator: SignedIn;
let responder: SignedIn;

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	// From 10:05 of a school day, ten times faster than real time: period 2, with T1 teaching in
	// S12 and P1 on call; escalation timers run out in seconds.
	server = await startLookout({ clock: scaledClock({ speed: 10, start: Date.parse(zonedInstant(day, '10:05', TZ)) }) });
	const res = await ingest(server, school());
	expect(res.status).toBe(200);
	teacher = await signIn(server, SCHOOL, 'patrol', { staffId: 'T1' });
	coordinator = await signIn(server, SCHOOL, 'coordinator', { staffId: 'C1' });
	responder = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

/** A device of its own, signed in as this person. */
async function device(person: SignedIn, width: number, height: number): Promise<Page> {
	const context = await signedInContext(browser, csp, server, person, { viewport: { width, height } });
	contexts.push(context);
	return context.newPage();
}

/** Opens a school page and waits for it to be live. */
async function open(page: Page, path: string): Promise<void> {
	await page.goto(`${server.url}${path}`);
	await page.locator('[data-testid="freshness"][data-status="live"]').first().waitFor();
}

/** A step over the API, as the coordinator (who may act for anyone). */
const asCoordinator = (body: unknown) => postJson(`${server.url}/api/v1/oncall?school=${SCHOOL}`, body, coordinator.headers);

/** Opens a group of the staff board; a click on its summary would close it if it were open already. */
async function openGroup(page: Page, key: string): Promise<void> {
	const group = page.locator(`[data-testid="staff-group-${key}"]`);
	if (!(await group.evaluate((d) => (d as HTMLDetailsElement).open))) await group.locator('summary').click();
}

describe('on-call dispatch through the pages', () => {
	it('raises, acknowledges, dispatches, and the responder closes; the call lands in the history', async () => {
		// A teacher raises from their room, prefilled from the timetable.
		const raise = await device(teacher, 390, 844);
		await open(raise, `/raise/${SCHOOL}`);
		await raise.locator('[data-testid="raise-form"]').waitFor();
		await expect(raise.locator('[data-testid="raise-room"]').inputValue()).resolves.toBe('S12');
		await raise.getByLabel('Fighting').check();
		// Fighting suggests an emergency.
		await expect(raise.getByLabel('Emergency').isChecked()).resolves.toBe(true);
		await raise.screenshot({ path: `${OUT}/raise-form.png`, fullPage: true });
		await raise.locator('[data-testid="raise-submit"]').click();
		await raise.locator('[data-testid="raised-status"][data-status="raised"]').waitFor();

		// The coordinator acknowledges with a key and dispatches the on-call patroller.
		const desk = await device(coordinator, 1366, 768);
		await open(desk, `/dispatch/${SCHOOL}`);
		const row = desk.locator('[data-testid="queue-item"]').first();
		await row.waitFor();
		const requestId = await row.getAttribute('data-id');
		expect(requestId).toBeTruthy();
		await expect(row.textContent()).resolves.toMatch(/EMERGENCY.*S12 Science.*Fighting.*NOT ACKNOWLEDGED/);
		await row.click();
		await desk.keyboard.press('a');
		await desk.locator(`[data-testid="queue-item"][data-id="${requestId}"][data-status="acknowledged"]`).waitFor();
		await raise.locator('[data-testid="raised-status"][data-status="acknowledged"]').waitFor();
		const first = desk.locator('[data-testid="suggestion"]').first();
		await expect(first.textContent()).resolves.toMatch(/Mr Jones \(DJO\).*ON DUTY/);
		await desk.keyboard.press('1');
		await desk.locator(`[data-testid="queue-item"][data-id="${requestId}"][data-status="dispatched"]`).waitFor();
		await desk.locator('[data-testid="staff-row"][data-id="P1"][data-status="dispatched"]').waitFor();

		// The responder, on a phone, goes en route, arrives and closes it.
		const patrol = await device(responder, 390, 844);
		await open(patrol, `/patrol/${SCHOOL}`);
		const card = patrol.locator('[data-testid="assignment"]');
		await card.waitFor();
		await expect(card.textContent()).resolves.toMatch(/EMERGENCY.*S12 Science.*Fighting/);
		await patrol.screenshot({ path: `${OUT}/patrol-phone.png` });
		const box = await patrol.locator('[data-testid="step-en-route"]').boundingBox();
		expect(box?.height).toBeGreaterThanOrEqual(48);
		await patrol.locator('[data-testid="step-en-route"]').click();
		await patrol.locator('[data-testid="assignment"][data-status="en_route"]').waitFor();
		await raise.locator('[data-testid="raised-status"][data-status="en_route"]').waitFor();
		await patrol.locator('[data-testid="step-on-scene"]').click();
		await patrol.locator('[data-testid="assignment"][data-status="on_scene"]').waitFor();
		await patrol.screenshot({ path: `${OUT}/patrol-phone-on-scene.png` });
		// A minute on scene (six seconds here) and the lone-working check asks the responder.
		await patrol.locator('[data-testid="welfare-ok"]').waitFor({ timeout: 20_000 });
		await patrol.screenshot({ path: `${OUT}/patrol-phone-welfare.png` });
		await patrol.locator('[data-testid="welfare-ok"]').click();
		await patrol.locator('[data-testid="welfare-ok"]').waitFor({ state: 'detached' });
		await patrol.locator('[data-testid="step-close"]').click();
		await patrol.locator('[data-testid="disposition-resolved_in_class"]').click();
		await patrol.locator('[data-testid="my-status"]').waitFor();
		await patrol.screenshot({ path: `${OUT}/patrol-phone-free.png` });

		// The teacher sees it closed; the console has it in the day's history with its durations.
		await raise.locator('[data-testid="raised-status"][data-status="closed"]').waitFor();
		await expect(raise.locator('[data-testid="raised-status"]').textContent()).resolves.toMatch(/Closed: Resolved in class/);
		const history = desk.locator(`[data-testid="history-row"][data-id="${requestId}"]`);
		await history.waitFor();
		await expect(history.textContent()).resolves.toMatch(/S12 Science.*Fighting.*Mr Jones \(DJO\).*Resolved in class/);
		for (const step of ['acknowledge', 'dispatch', 'turnout', 'travel', 'response', 'onScene', 'close']) {
			await expect(history.locator(`[data-step="${step}"]`).textContent()).resolves.toMatch(/^\d+:\d\d$/);
		}
		await desk.locator('[data-testid="queue-item"]').first().waitFor({ state: 'detached' });
		// The p90 table follows the history (refreshed at most every 10 s).
		await desk.waitForFunction(() => /All calls\s*1/.test(document.querySelector('[data-testid="metrics"] tbody tr')?.textContent ?? ''), undefined, {
			timeout: 15_000
		});
		const csv = await fetch(`${server.url}${await desk.locator('[data-testid="csv-export"]').getAttribute('href')}`, {
			headers: { cookie: coordinator.cookie }
		});
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);

		// A second call, raised over the API, waits in the queue for the screenshot.
		const second = await asCoordinator({
			id: 'e2e-second',
			type: 'oncall:raised',
			requestId: 'second-call',
			locationId: 'M3',
			reason: 'disruption',
			priority: 'routine',
			studentIds: ['STU1'],
			raisedBy: 'T2'
		});
		expect(second.status).toBe(200);
		await desk.locator('[data-testid="queue-item"][data-id="second-call"]').waitFor();
		await expect(desk.locator('[data-testid="announce"]').textContent()).resolves.toMatch(/New routine call.*Disruption in M3 Maths/);
		// Nobody acknowledges it: after a minute (six seconds here) on-call is alerted.
		await desk.locator('[data-testid="queue-item"][data-id="second-call"] [data-testid="escalation"]').waitFor({ timeout: 20_000 });
		await expect(desk.locator('[data-testid="call-detail"] [data-testid="escalation"]').textContent()).resolves.toMatch(/ALERTED (ON CALL|SLT), level \d/);
		const text = await desk.locator('body').textContent();
		expect(text).not.toMatch(/undefined|NaN/);
		// The coordinator is shown the student's name; the teacher's phone is not.
		await expect(desk.locator('[data-testid="call-detail"]').textContent()).resolves.toMatch(/Amelia Hartley/);
		expect(await raise.locator('body').textContent()).not.toMatch(/Amelia|Hartley/);
		await desk.screenshot({ path: `${OUT}/dispatch-console.png` });
		await desk.screenshot({ path: `${OUT}/dispatch-console-full.png`, fullPage: true });
	});

	it('says in plain words when a step is refused', async () => {
		const desk = await device(coordinator, 1366, 768);
		await open(desk, `/dispatch/${SCHOOL}`);
		const raised = await asCoordinator({
			id: 'e2e-refused',
			type: 'oncall:raised',
			requestId: 'refused-call',
			locationId: 'PO',
			reason: 'other',
			priority: 'urgent',
			raisedBy: 'T2'
		});
		expect(raised.status).toBe(200);
		// A free patroller sees the calls nobody is on, and takes one himself.
		const patrol = await device(responder, 390, 844);
		await open(patrol, `/patrol/${SCHOOL}`);
		await patrol.locator('[data-testid="open-call"][data-id="refused-call"]').waitFor();
		expect(await patrol.locator('[data-testid="open-call"]').count()).toBe(2);
		await patrol.screenshot({ path: `${OUT}/patrol-phone-open-calls.png` });
		await patrol.locator('[data-testid="open-call"][data-id="second-call"]').getByRole('button', { name: "I'll take it" }).click();
		await patrol.locator('[data-testid="assignment"][data-id="second-call"][data-status="dispatched"]').waitFor();

		// The phone shows initials until the responder asks for the names of this call's students; the look is audited.
		const students = patrol.locator('[data-testid="assignment-students"]');
		await expect(students.textContent()).resolves.toMatch(/AH\s*Y9/);
		expect(await patrol.locator('body').textContent()).not.toMatch(/Amelia|Hartley/);
		await patrol.screenshot({ path: `${OUT}/patrol-phone-initials.png` });
		await patrol.locator('[data-testid="show-names"]').click();
		await students.locator('[data-testid="student"]:has-text("Amelia Hartley")').waitFor();
		await expect(students.textContent()).resolves.toMatch(/audit log/);
		await patrol.screenshot({ path: `${OUT}/patrol-phone-names.png` });
		const admin = await signIn(server, SCHOOL, 'admin');
		const audit = await (await fetch(`${server.url}/api/v1/audit?school=${SCHOOL}`, { headers: { cookie: admin.cookie } })).json();
		const revealed = AuditEntry.array()
			.parse((audit as { data: unknown }).data)
			.filter((e) => e.action === 'student_revealed');
		expect(revealed).toEqual([expect.objectContaining({ actorId: responder.userId, actorRole: 'patrol', studentId: 'STU1' })]);

		// The key acts on the selected call. The queue re-sorts as other calls escalate, so a click can
		// land on a row that moved under it: click until this call is the selected one.
		const refusedRow = desk.locator('[data-testid="queue-item"][data-id="refused-call"]');
		for (let tries = 0; (await refusedRow.getAttribute('aria-current')) !== 'true'; tries++) {
			if (tries === 5) throw new Error('the queue did not select refused-call');
			await refusedRow.click();
		}
		// Somebody else cancels the call while this console's acknowledgement is on its way.
		await desk.route('**/api/v1/oncall?**', async (route) => {
			await asCoordinator({ id: 'e2e-cancel-first', type: 'oncall:cancelled', requestId: 'refused-call', by: 'T2' });
			await route.continue();
		});
		await desk.keyboard.press('a');
		const error = desk.locator('[data-testid="action-error"]');
		await error.waitFor();
		await expect(error.textContent()).resolves.toMatch(/Not done\..*(not open any more|does not fit where the call is now)/);
		await desk.locator('[data-testid="history-row"][data-id="refused-call"]').waitFor();
		await desk.screenshot({ path: `${OUT}/dispatch-console-refused.png` });
		await desk.locator('[data-testid="action-error"]').getByRole('button', { name: 'Dismiss this message' }).click();

		// The staff board: Mr Okafor goes off duty and back; the coordinator takes SLT cover for this period.
		await openGroup(desk, 'teaching');
		await desk.getByRole('button', { name: 'Set Mr Okafor off duty' }).click();
		const offDuty = desk.locator('[data-testid="staff-group-off"] [data-testid="staff-row"][data-id="T2"][data-status="off_duty"]');
		await offDuty.waitFor({ state: 'attached' });
		await openGroup(desk, 'off');
		await offDuty.waitFor();
		await desk.getByRole('button', { name: 'Set Mr Okafor available' }).click();
		await desk.locator('[data-testid="staff-group-teaching"] [data-testid="staff-row"][data-id="T2"][data-status="teaching"]').waitFor();
		await desk.locator('#cover-role').selectOption('slt');
		await desk.locator('[data-testid="take-cover"]').click();
		await desk.locator('[data-testid="staff-group-duty"] [data-testid="staff-row"][data-id="C1"]').waitFor();
		await expect(desk.locator('[data-testid="staff-group-duty"] [data-testid="staff-row"][data-id="C1"]').textContent()).resolves.toMatch(/SLT/);
		await desk.emulateMedia({ colorScheme: 'dark' });
		await desk.screenshot({ path: `${OUT}/dispatch-console-dark.png` });
		await patrol.emulateMedia({ colorScheme: 'dark' });
		await patrol.screenshot({ path: `${OUT}/patrol-phone-dark.png` });
	});

	it('books the Reflection Room from a call closed as removed there, and from an incident, the form filled in', async () => {
		// The patroller who took the second call arrives and removes Amelia to the Reflection Room.
		for (const [i, type] of (['oncall:en-route', 'oncall:on-scene'] as const).entries())
			expect((await asCoordinator({ id: `e2e-removal-${i}`, type, requestId: 'second-call', by: 'P1' })).status).toBe(200);
		const closed = await asCoordinator({
			id: 'e2e-removal-close',
			type: 'oncall:closed',
			requestId: 'second-call',
			by: 'P1',
			disposition: 'removed_to_reflection'
		});
		expect(closed.status).toBe(200);
		const incident = await ingest(server, {
			id: 'e2e-incident',
			schoolId: SCHOOL,
			type: 'behaviour:recorded',
			occurredAt: zonedInstant(day, '10:06', TZ),
			polarity: 'negative',
			category: 'defiance',
			severity: 2,
			points: -2,
			locationId: 'M3',
			studentIds: ['STU1'],
			staffId: 'T2'
		} as InboundEventInput);
		expect(incident.status).toBe(200);

		const desk = await device(coordinator, 1366, 768);
		await open(desk, `/dispatch/${SCHOOL}`);
		const removal = desk.locator('[data-testid="removals"] [data-testid="to-book"][data-id="second-call"]');
		await removal.waitFor();
		await expect(removal.innerText()).resolves.toMatch(/Amelia Hartley.*Disruption · M3 Maths/s);
		const fromIncident = desk.locator('[data-testid="incidents"] [data-testid="to-book"][data-id="e2e-incident"]');
		await fromIncident.waitFor();
		await fromIncident.scrollIntoViewIfNeeded();
		await desk.screenshot({ path: `${OUT}/dispatch-book-reflection.png` });

		await removal.getByRole('link', { name: 'Book Reflection Room' }).click();
		const form = desk.locator('[data-testid="book-form"]');
		await form.waitFor();
		expect(new URL(desk.url()).pathname).toBe(`/behaviour/${SCHOOL}/reflection`);
		expect(await form.locator('[data-testid="student-search"]').inputValue()).toBe('Amelia Hartley');
		expect(await form.locator('select').last().inputValue()).toBe('oncall');
		expect(await form.getByLabel('On-call request id').inputValue()).toBe('second-call');
		await desk.screenshot({ path: `${OUT}/dispatch-book-reflection-form.png`, fullPage: true });

		await desk.goBack();
		await fromIncident.getByRole('link', { name: 'Book Reflection Room' }).click();
		await form.waitFor();
		expect(await form.locator('[data-testid="student-search"]').inputValue()).toBe('Amelia Hartley');
		expect(await form.locator('select').last().inputValue()).toBe('behaviour');
		expect(await form.getByLabel('Incident id').inputValue()).toBe('e2e-incident');
	});
});
