import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaledClock } from '../../server/src/clock';
import { ingest, signIn, type SignedIn } from '../support/access';
import { DESK_SCHOOL, DESK_STUDENTS, deskSchoolFiles } from '../support/attendance-desk-school';
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

/** The desk school with SEND and FSM recorded: 9Y on SEN support, half of 9X on free school meals. */
function filesWithCharacteristics(): Record<string, string> {
	const files = deskSchoolFiles('2026-11-20');
	const rows = DESK_STUDENTS.map(([id, given, family, year, form]) =>
		[id, given, family, year, form, form === '9Y' ? 'SEN support' : 'none', ['X1', 'X2', 'X3'].includes(id) ? 'Y' : 'N'].join(',')
	);
	return { ...files, 'students.csv': ['id,given_name,family_name,year_group,form_group,send,fsm', ...rows].join('\n') + '\n' };
}

const negative = (n: number, at: string, studentIds: string[], category = 'disruption') => ({
	id: `e2e-b${n}`,
	schoolId: DESK_SCHOOL,
	type: 'behaviour:recorded',
	occurredAt: at,
	polarity: 'negative',
	category,
	severity: 2,
	points: -2,
	locationId: 'M1',
	studentIds,
	staffId: n % 2 === 0 ? 'T1' : 'T2'
});

/** Negative events through both half terms, most in the mornings, for X1, Y2 and others. */
function behaviour() {
	const events = [];
	const days = ['2026-10-05', '2026-10-06', '2026-10-12', '2026-10-14', '2026-11-09', '2026-11-10', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
	let n = 0;
	for (const day of days) {
		for (const [time, ids] of [
			['09:15', ['X1']],
			['09:40', ['Y2', 'Y3']],
			['13:30', ['X4']]
		] as const) {
			n += 1;
			events.push(negative(n, `${day}T${time}:00Z`, [...ids], n % 3 === 0 ? 'phone' : 'disruption'));
		}
	}
	return events;
}

/** A call from M1 closed with the student removed to the Reflection Room, and their booking there checked in and out. */
function removal(n: number, date: string, studentId: string) {
	const at = (time: string) => `${date}T${time}:00Z`;
	const step = (k: number, type: string, time: string, extra: Record<string, unknown> = {}) => ({
		id: `e2e-r${n}-${k}`,
		schoolId: DESK_SCHOOL,
		type,
		occurredAt: at(time),
		requestId: `e2e-r${n}`,
		by: 'T2',
		...extra
	});
	return [
		{
			...step(0, 'oncall:raised', '09:10'),
			by: undefined,
			locationId: 'M1',
			reason: 'disruption',
			priority: 'routine',
			studentIds: [studentId],
			raisedBy: 'T1'
		},
		step(1, 'oncall:acknowledged', '09:11'),
		step(2, 'oncall:dispatched', '09:12', { staffId: 'T2' }),
		step(3, 'oncall:en-route', '09:13'),
		step(4, 'oncall:on-scene', '09:15'),
		step(5, 'oncall:closed', '09:20', { disposition: 'removed_to_reflection' }),
		{
			id: `e2e-bk${n}`,
			schoolId: DESK_SCHOOL,
			type: 'reflection:booked',
			occurredAt: at('09:20'),
			bookingId: `e2e-bk${n}`,
			studentId,
			roomId: 'M1',
			periodId: 'P1',
			startsAt: at('09:00'),
			endsAt: at('10:00'),
			reason: 'Removed from Maths',
			bookedBy: 'T2'
		},
		{ id: `e2e-bk${n}-in`, schoolId: DESK_SCHOOL, type: 'reflection:checked-in', occurredAt: at('09:25'), bookingId: `e2e-bk${n}` },
		{ id: `e2e-bk${n}-out`, schoolId: DESK_SCHOOL, type: 'reflection:checked-out', occurredAt: at('10:00'), bookingId: `e2e-bk${n}` }
	].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
}

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	server = await startLookout({ clock: scaledClock({ start: Date.parse('2026-11-20T14:00:00Z') }) });
	const admin = await signIn(server, DESK_SCHOOL, 'admin');
	const imported = await postJson(`${server.url}/api/v1/import?school=${DESK_SCHOOL}`, { files: filesWithCharacteristics() }, admin.headers);
	expect(imported.status).toBe(200);
	expect((await ingest(server, behaviour())).status).toBe(200);
	const removals = [
		['2026-10-06', 'Y2'],
		['2026-10-07', 'Y3'],
		['2026-10-13', 'Y2'],
		['2026-10-14', 'X4'],
		['2026-11-17', 'Y2'],
		['2026-11-18', 'Y2']
	].flatMap(([date, student], n) => removal(n, date as string, student as string));
	for (const event of removals) expect((await ingest(server, event)).status).toBe(200);
	coordinator = await signIn(server, DESK_SCHOOL, 'coordinator', { staffId: 'T1' });
	const plan = {
		planId: 'plan-x1',
		studentId: 'X1',
		kind: 'support',
		targets: ['Settle at the start of lessons', 'Use the time-out card instead of leaving'],
		actions: [
			{ actionId: 'a1', what: 'Weekly check-in with the form tutor', owner: 'T1', due: '2026-11-20' },
			{ actionId: 'a2', what: 'Call home with good news', owner: 'T2', due: '2026-11-27' }
		],
		reviewOn: '2026-12-04'
	};
	expect((await postJson(`${server.url}/api/v1/plans?school=${DESK_SCHOOL}`, plan, coordinator.headers)).status).toBe(200);
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

describe('patterns and plans in Chromium', () => {
	it('patterns answer the removal questions, show SEND and FSM in aggregate, and group this half term against the last', async () => {
		const page = await open(`/behaviour/${DESK_SCHOOL}/patterns`);
		await page.locator('[data-testid="removal-questions"]').waitFor();
		expect(await page.locator('[data-testid="support-note"]').innerText()).toMatch(/not a league table/);
		// FSM: three students, a group too small to show.
		expect(await page.locator('[data-testid="characteristic-fsm-fsm"]').innerText()).toMatch(/fewer than 5/);
		expect(await page.locator('[data-testid="characteristic-send-sen_support"]').innerText()).toMatch(/SEN support\s+6\s+12/);
		expect(await page.locator('[data-testid="group-period"] canvas').count()).toBe(1);
		await page.screenshot({ path: `${OUT}/behaviour-patterns.png`, fullPage: true });
	});

	it('a student’s chronology: ticks an action off, adds a plan and minutes a TAP meeting', async () => {
		const page = await open(`/behaviour/${DESK_SCHOOL}/student/X1`);
		await page.locator('[data-testid="plan-plan-x1"]').waitFor();
		expect(await page.locator('[data-testid="student-name"]').innerText()).toMatch(/Amy Stone/);
		await page.locator('[data-testid="action-plan-x1-a1"] button').click();
		await expect.poll(() => page.locator('[data-testid="action-plan-x1-a1"]').innerText()).toMatch(/Done/);

		const plan = page.locator('[data-testid="plan-form"]');
		await plan.locator('[data-testid="plan-kind"]').selectOption('intervention');
		await plan.locator('[data-testid="plan-targets"]').fill('Attend every period 1 on time');
		await plan.locator('[data-testid="plan-action-what-0"]').fill('Meet at the gate each morning');
		await plan.locator('[data-testid="plan-action-owner-0"]').selectOption('T2');
		await plan.locator('[data-testid="plan-action-due-0"]').fill('2026-11-27');
		await plan.locator('[data-testid="plan-review"]').fill('2026-12-11');
		await plan.locator('[data-testid="plan-save"]').click();
		await expect.poll(() => page.locator('article.plan').count()).toBe(2);

		const tap = page.locator('[data-testid="tap-form"]');
		await tap.locator('[data-testid="tap-date"]').fill('2026-11-19');
		await tap.locator('[data-testid="tap-staff-T1"]').check();
		await tap.locator('[data-testid="tap-others"]').fill('parent/carer: Ms Stone\nschool nurse');
		await tap.locator('[data-testid="tap-summary"]').fill('Agreed a fresh start: a seat near the front and a time-out card.');
		await tap.locator('[data-testid="tap-action-what-0"]').fill('Refer to the school nurse');
		await tap.locator('[data-testid="tap-action-owner-0"]').selectOption('T2');
		await tap.locator('[data-testid="tap-action-due-0"]').fill('2026-11-19');
		await tap.locator('[data-testid="tap-save"]').click();
		await expect.poll(() => page.locator('article.tap').count()).toBe(1);
		expect(await page.locator('article.tap').innerText()).toMatch(/Ms Stone \(parent\/carer\), school nurse[\s\S]*Overdue/);
		expect(await page.locator('[data-testid="overdue-actions"]').innerText()).toBe('1');
		await page.screenshot({ path: `${OUT}/behaviour-chronology.png`, fullPage: true });
		expect(await printed(page, OUT, 'behaviour-chronology')).toBeGreaterThan(0);
	});

	it('the weekly report for senior leaders prints on A4 in one click', async () => {
		const page = await open(`/behaviour/${DESK_SCHOOL}/weekly?week=2026-11-16`);
		await page.locator('[data-testid="weekly-totals"]').waitFor();
		expect(await page.locator('[data-testid="weekly-totals"]').innerText()).toMatch(/Negative events\s+12\s+6/);
		expect(await page.locator('[data-testid="csv"]').getAttribute('href')).toBe(
			`/api/v1/reports/behaviour-weekly?school=${DESK_SCHOOL}&week=2026-11-16&format=csv`
		);
		await page.screenshot({ path: `${OUT}/behaviour-weekly.png`, fullPage: true });
		const pages = await printed(page, OUT, 'behaviour-weekly');
		expect(pages).toBeGreaterThanOrEqual(1);
		expect(pages).toBeLessThanOrEqual(2);
	});
});
