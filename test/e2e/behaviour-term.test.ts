import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	ApiError,
	BehaviourWeekly,
	Chronology,
	FloorplanFile,
	PatternsReport,
	ReflectionDeskReport,
	zonedInstant,
	type ChronologyKind,
	type InboundEventInput
} from '../../server/protocol';
import { ManualClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { simulateDay } from '../../simulators/day';
import { seedDemoAccess } from '../../simulators/launch/demo-access';
import { followUpDemoTerm, loadDemoTerm, postDemoHistory } from '../../simulators/launch/demo-term';
import { postReflectionDeskDemo } from '../../simulators/reflection-desk-demo';
import { buildSchool, TIMEZONE, type SimSchool } from '../../simulators/school';
import { autumnTermOf, simulateTerm } from '../../simulators/term-attendance';
import { planFollowUp } from '../../simulators/term-follow-up';
import { planTermPlans, suspendedIn } from '../../simulators/term-plans';
import { signInAs, type SignedIn } from '../support/access';
import type { TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, signedInContext, startLookout } from './lookout';
import { printed } from './printed';

/**
 * The behaviour desk against the demo's simulated autumn term, loaded as `npm start` loads it:
 * the term's session marks through the import, the desks' follow-up of the term (suspensions,
 * plans and TAP minutes among it), the Reflection Room booked by hand for tomorrow with cover
 * asked for, the term's school days before today from the school's systems, and today's morning as the
 * simulator plays it, up to 10:40 on Thursday 3 December 2026.
 */
const OUT = 'test-results';
const SCHOOL = 'northfield';
const SEED = 7;
const TODAY = '2026-12-03';
const TOMORROW = '2026-12-04';
const NOW = '10:40';
/** From the page's request to its content on screen, on a loaded 2-core machine. */
const CONTENT_MS = 5_000;
const demo = { schoolId: SCHOOL, seed: SEED, date: TODAY };
const DISPATCH_REFUSALS = new Set(['invalid_transition', 'unknown_request', 'staff_unavailable']);

let browser: Browser;
let server: TestServer;
let clock: ManualClock;
let coordinator: SignedIn;
let slt: SignedIn;
let school: SimSchool;
let key: string;
const contexts: BrowserContext[] = [];
const csp = new CspWatch();
const times: Record<string, number> = {};

/** The desk's follow-up of the term as the demo plans it: the suspensions, plans and TAP minutes among it. */
function termSteps() {
	const marks = simulateTerm(school.students, autumnTermOf(TODAY), SEED);
	const days = [...new Set(marks.filter((m) => m.date < TODAY).map((m) => m.date))].sort();
	const followUp = planFollowUp({ students: school.students, contacts: new Map(), marks, asOf: TODAY, seed: SEED });
	return [
		...followUp,
		...planTermPlans({ students: school.students, staffIds: school.responders.map((s) => s.id), days, suspended: suspendedIn(followUp), seed: SEED })
	];
}

/** Posts today's events as the school's systems send them; a step the escalator took first is dropped, as the demo does. */
async function postToday(events: InboundEventInput[]): Promise<void> {
	if (events.length === 0) return;
	const res = await fetch(`${server.url}/api/v1/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify(events)
	});
	if (res.ok) return;
	const error = ApiError.parse(await res.json());
	const refused = error.issues?.[0]?.index;
	if (!DISPATCH_REFUSALS.has(error.code) || refused === undefined) throw new Error(`today's events were refused: HTTP ${res.status} ${error.message}`);
	await postToday(events.filter((_, i) => i !== refused));
}

const api = async (path: string, person: SignedIn = coordinator) => {
	const res = await fetch(`${server.url}/api/v1/${path}`, { headers: person.headers });
	expect(res.status, path).toBe(200);
	return res.json() as Promise<unknown>;
};
const deskReport = async () => ReflectionDeskReport.parse(await api(`reports/reflection?school=${SCHOOL}`));

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
	const person = (role: string) => access.people.find((p) => p.role === role)?.email ?? '';
	coordinator = await signInAs(server, person('coordinator'), access.password);
	slt = await signInAs(server, person('slt'), access.password);
	const advanceTo = (at: number) => clock.advanceTo(at);
	await followUpDemoTerm({ ...demo, url: server.url, key }, { headers: coordinator.headers, advanceTo }, silentLogger);
	await postReflectionDeskDemo({ url: server.url, schoolId: SCHOOL, headers: coordinator.headers, advanceTo }, TODAY, SEED);
	await postDemoHistory({ ...demo, url: server.url, key }, silentLogger);
	// Today's morning as the simulator sends it; its registers are the term's, so its session marks stay out as in the history.
	const until = Date.parse(zonedInstant(TODAY, NOW, TIMEZONE));
	clock.advanceTo(until);
	const morning = simulateDay(school, SEED).filter(
		(e) => Date.parse(e.occurredAt) <= until && e.type !== 'session:marked' && e.type !== 'student:arrived-late'
	);
	for (let i = 0; i < morning.length; i += 500) await postToday(morning.slice(i, i + 500));
}, 300_000);
afterAll(async () => {
	console.log(`time to content (ms): ${JSON.stringify(times)}`);
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await server?.close();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

/** Opens the page as `person` and waits for `content`; the time it took is kept under `name`. */
async function open(name: string, path: string, content: string, person: SignedIn = coordinator): Promise<Page> {
	const context = await signedInContext(browser, csp, server, person, { viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
	contexts.push(context);
	const page = await context.newPage();
	const started = Date.now();
	await page.goto(`${server.url}${path}`);
	await page.locator(content).first().waitFor({ timeout: 15_000 });
	times[name] = Date.now() - started;
	expect(times[name]).toBeLessThan(CONTENT_MS);
	expect(await page.locator('[data-testid="report-problem"], p.problem[role="alert"]').count()).toBe(0);
	return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/behaviour-term-${name}.png`, fullPage: true });
const top = (page: Page, name: string) => page.screenshot({ path: `${OUT}/behaviour-term-${name}-top.png` });
const count = (page: Page, selector: string) => page.locator(selector).count();
const desk = `/behaviour/${SCHOOL}`;

describe('the behaviour desk on the simulated autumn term', () => {
	it('the desk lists each of its pages with what it is for, and finds a student by name to open their chronology', async () => {
		const page = await open('index', desk, '[data-testid="desk-reflection"]');
		for (const id of ['suspensions', 'reflection', 'patterns', 'weekly']) {
			const item = page.locator(`ul.desk > li:has([data-testid="desk-${id}"])`);
			expect((await item.innerText()).length, id).toBeGreaterThan(60);
		}
		for (const label of ['Suspensions', 'Reflection Room', 'Patterns', 'Weekly report'])
			expect(await page.locator('ul.desk').getByRole('link', { name: label }).count()).toBe(1);
		// The student suspended first, found by their name, and their chronology opened from the result.
		const first = suspendedIn(termSteps())[0] ?? '';
		const student = school.students.find((s) => s.id === first);
		expect(student).toBeDefined();
		if (!student) return;
		await page.locator('[data-testid="chronology-search"]').fill(`${student.givenName} ${student.familyName}`);
		await page.locator('[data-testid="chronology-find"]').click();
		const result = page.locator('[data-testid="chronology-found"] a', { hasText: `${student.givenName} ${student.familyName}` });
		await result.first().waitFor();
		await shot(page, 'index');
		await result.first().click();
		await page.locator('[data-testid="student-name"]').waitFor();
		expect(page.url()).toContain(`${desk}/student/${student.id}`);
		expect(await page.locator('[data-testid="student-name"]').innerText()).toContain(student.familyName);
	});

	it('the Reflection Room lists today’s bookings, shows tomorrow’s gap with cover asked for, takes a booking by hand and refuses one over capacity', async () => {
		const before = await deskReport();
		const today = before.days.find((d) => d.date === TODAY);
		const tomorrow = before.days.find((d) => d.date === TOMORROW);
		const room = before.rooms[0];
		expect(today?.bookings.length).toBeGreaterThan(0);
		expect(room).toBeDefined();
		if (!today || !tomorrow || !room) return;

		const page = await open('reflection', `${desk}/reflection`, '[data-testid="daily-row"]');
		expect(await count(page, '[data-testid="daily-row"]')).toBe(today.bookings.length);
		expect(await page.locator('[data-testid="daily-list"] h2').innerText()).toContain(`${today.bookings.length} booked`);
		// The demo booked three students by hand into tomorrow's first period, which nobody is on the rota for, and asked for cover.
		const first = tomorrow.periods[0];
		const gap = page.locator(`[data-testid="rota-day"][data-date="${TOMORROW}"] [data-testid="rota-cell"][data-period="${first?.periodId}"]`);
		expect(await gap.getAttribute('data-gap')).toBe('true');
		await expect(gap.locator('[data-testid="cover-open"]').innerText()).resolves.toMatch(/not yet taken/);
		const gaps = before.days.flatMap((d) => d.periods.flatMap((p) => p.rooms.filter((r) => r.gap))).length;
		expect(await count(page, '[data-testid="rota-cell"][data-gap="true"]')).toBe(gaps);
		await shot(page, 'reflection');
		await top(page, 'reflection');

		// By hand: a student not booked today into the last period of tomorrow, which has room.
		const booked = new Set(before.days.flatMap((d) => d.bookings.map((b) => b.student.id)));
		const student = before.students.find((s) => !booked.has(s.id) && s.name.length > 4);
		const last = tomorrow.periods.filter((p) => (p.rooms[0]?.booked ?? 0) < room.capacity).at(-1);
		expect(student && last).toBeTruthy();
		if (!student || !last || !first) return;
		const form = page.locator('[data-testid="book-form"]');
		await form.locator('[data-testid="student-search"]').fill(student.name);
		await form.getByRole('option', { name: new RegExp(student.name) }).click();
		await form.locator('[data-testid="book-date"]').fill(TOMORROW);
		await form.locator(`[data-testid="period-${last.periodId}"]`).check();
		await form.locator('[data-testid="book-reason"]').fill('Refusal to work after two warnings');
		await form.locator('[data-testid="book"]').click();
		const outcome = page.locator('[data-testid="book-outcome"]');
		await expect.poll(() => outcome.innerText()).toContain(`${student.name} is booked for 1 period(s) on`);
		const afterBooking = (await deskReport()).days.find((d) => d.date === TOMORROW)?.bookings.length;
		expect(afterBooking).toBe(tomorrow.bookings.length + 1);

		// Over capacity: tomorrow's first period filled to its places over the API, then one more from the form is refused whole.
		const others = before.students.filter((s) => !booked.has(s.id) && s.id !== student.id);
		const free = room.capacity - (first.rooms[0]?.booked ?? 0);
		for (const s of others.slice(0, free)) {
			const res = await fetch(`${server.url}/api/v1/reflection/bookings?school=${SCHOOL}`, {
				method: 'POST',
				headers: { ...coordinator.headers, 'content-type': 'application/json' },
				body: JSON.stringify({
					studentId: s.id,
					roomId: room.roomId,
					dates: [TOMORROW],
					periodIds: [first.periodId],
					reason: 'Defiance towards a cover teacher'
				})
			});
			expect(res.status).toBeLessThan(300);
		}
		const full = (await deskReport()).days.find((d) => d.date === TOMORROW)?.bookings.length ?? 0;
		await page.reload();
		await form.waitFor();
		const extra = others[free];
		if (!extra) return;
		await form.locator('[data-testid="student-search"]').fill(extra.name);
		await form.getByRole('option', { name: new RegExp(extra.name) }).click();
		await form.locator('[data-testid="book-date"]').fill(TOMORROW);
		await form.locator(`[data-testid="period-${first.periodId}"]`).check();
		await form.locator('[data-testid="book-reason"]').fill('Repeated disruption in Science');
		await form.locator('[data-testid="book"]').click();
		await expect.poll(() => outcome.innerText()).toContain(`The Reflection Room is full (${room.capacity} places) in ${first.name} on ${TOMORROW}`);
		expect(await count(page, '[data-testid="rebook"]')).toBeGreaterThan(0);
		expect((await deskReport()).days.find((d) => d.date === TOMORROW)?.bookings.length).toBe(full);
		await shot(page, 'reflection-refused');
	});

	it('suspensions show the student approaching the five-day threshold and the overdue notification, and a letter prints on one A4 page', async () => {
		const recorded = termSteps().filter((s) => s.path === 'suspensions');
		expect(recorded).toHaveLength(5);
		const perStudent = new Map<string, number>();
		for (const s of recorded) perStudent.set(String(s.body['studentId']), (perStudent.get(String(s.body['studentId'])) ?? 0) + 1);
		const twice = [...perStudent].find(([, n]) => n === 2)?.[0] ?? '';

		const page = await open('suspensions', `${desk}/suspensions`, '[data-testid="suspension-row"]');
		expect(await count(page, '[data-testid="suspension-row"]')).toBe(recorded.length);
		expect(await count(page, '[data-testid="total-row"]')).toBe(perStudent.size);
		// Two suspensions of four sessions: four days in the term, the five-day threshold next.
		const badges = await page
			.locator(`[data-testid="total-row"][data-id="${twice}"] [data-testid="badge"]`)
			.evaluateAll((b) => b.map((x) => x.getAttribute('data-state')));
		expect(badges).toContain('approaching');
		expect(await page.locator('[data-testid="overdue-count"]').innerText()).toMatch(/^[1-9]\d* notifications? overdue/);
		await shot(page, 'suspensions');
		await top(page, 'suspensions');

		const asSlt = await open('suspensions-slt', `${desk}/suspensions`, '[data-testid="suspension-row"]', slt);
		expect(await count(asSlt, '[data-testid="suspension-row"]')).toBe(recorded.length);

		const letter = await open('suspension-letter', `${desk}/suspensions?letter=sim-susp-1`, '[data-testid="printed-letter"]');
		await letter.emulateMedia({ media: 'print' });
		expect(await printed(letter, OUT, 'behaviour-term-suspension-letter')).toBe(1);
	});

	it('patterns draw their charts, suppress groups under five and set this half term against the last', async () => {
		const report = PatternsReport.parse(await api(`reports/patterns?school=${SCHOOL}`));
		const page = await open('patterns', `${desk}/patterns`, '[data-testid="removal-questions"]');
		await page.waitForFunction(() => [...document.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0));
		expect(await count(page, 'canvas')).toBeGreaterThanOrEqual(3);
		expect(await page.locator('[data-testid="support-note"]').innerText()).toMatch(/This half term is Autumn 2 .*, against Autumn 1/);
		expect(report.lastHalf?.half).toBe(1);
		// The demo's history runs from the start of term, so Autumn 1 has removals to set this half term against.
		expect(report.removals.removals.lastHalf).toBeGreaterThan(0);
		expect(report.removals.trend).not.toBe('unknown');
		expect(await page.locator('[data-testid="trend"]').innerText()).not.toMatch(/not known yet/);
		const suppressed = report.characteristics.filter((r) => r.suppressed);
		expect(await count(page, '[data-testid="characteristics"] tr.suppressed')).toBe(suppressed.length);
		for (const r of suppressed)
			expect(await page.locator(`[data-testid="characteristic-${r.characteristic}-${r.key}"]`).innerText()).toContain(`fewer than ${report.suppressBelow}`);
		// No count from 1 to 4 is printed for a characteristic.
		for (const r of report.characteristics)
			for (const n of [r.thisHalf.negative, r.thisHalf.removals, r.thisHalf.pupilsRemoved]) expect(n === null || n === 0 || n >= 5).toBe(true);
		expect(await page.locator('[data-testid="removal-questions"]').innerText()).toContain(String(report.removals.removals.thisHalf));
		const periods = report.groups.period ?? [];
		expect(periods.reduce((n, r) => n + r.thisHalf.negative, 0)).toBeGreaterThan(0);
		expect(await count(page, '[data-testid="group-period"] tbody tr')).toBe(periods.length);
		await shot(page, 'patterns');
		await top(page, 'patterns');
	});

	it('the chronology of the student with most kinds of thing on the term: each in one timeline, as coordinator and SLT', async () => {
		const steps = termSteps();
		const candidates = new Set(steps.filter((s) => ['suspensions', 'plans', 'tap-minutes'].includes(s.path)).map((s) => String(s.body['studentId'])));
		const desk5 = await deskReport();
		for (const d of desk5.days) for (const b of d.bookings) candidates.add(b.student.id);
		let best: { chronology: Chronology; kinds: Set<ChronologyKind> } | null = null;
		for (const id of candidates) {
			const chronology = Chronology.parse(await api(`reports/chronology?school=${SCHOOL}&student=${id}`));
			const kinds = new Set(chronology.items.map((i) => i.kind));
			const score = (c: { chronology: Chronology; kinds: Set<ChronologyKind> }) => c.kinds.size * 10_000 + c.chronology.items.length;
			if (!best || score({ chronology, kinds }) > score(best)) best = { chronology, kinds };
		}
		expect(best).not.toBeNull();
		if (!best) return;
		const { chronology, kinds } = best;
		console.log(
			`chronology: ${chronology.student.name} (${chronology.student.id}), ${chronology.items.length} items of ${[...kinds].join(', ')}; ${chronology.plans.length} plans, ${chronology.tapMeetings.length} TAP meetings, ${chronology.overdue.actions} actions overdue`
		);
		expect(kinds.size).toBeGreaterThanOrEqual(4);
		// The student suspended first has a plan too: the desk's whole work in one timeline.
		expect([...kinds]).toEqual(expect.arrayContaining(['suspension', 'plan']));

		const page = await open('chronology', `${desk}/student/${chronology.student.id}`, '[data-testid="timeline"] tbody tr');
		expect(await page.locator('[data-testid="student-name"]').innerText()).toContain(chronology.student.name);
		expect(await count(page, '[data-testid="timeline"] tbody tr')).toBe(Math.max(1, chronology.items.length));
		expect(await page.locator('[data-testid="overdue-actions"]').innerText()).toBe(String(chronology.overdue.actions));
		expect(await count(page, 'article.plan')).toBe(chronology.plans.length);
		expect(await count(page, 'article.tap')).toBe(chronology.tapMeetings.length);
		const overdue = [...chronology.plans, ...chronology.tapMeetings].flatMap((p) => p.actions).filter((a) => a.overdue).length;
		expect(await count(page, 'li.overdue')).toBe(overdue);
		await page.waitForFunction(() => (document.querySelector('canvas')?.width ?? 0) > 0);
		await shot(page, 'chronology');
		await top(page, 'chronology');

		const asSlt = await open('chronology-slt', `${desk}/student/${chronology.student.id}`, '[data-testid="timeline"] tbody tr', slt);
		expect(await count(asSlt, '[data-testid="timeline"] tbody tr')).toBe(Math.max(1, chronology.items.length));
	});

	it('a student’s plan with actions let slip past their dates flags each one overdue', async () => {
		const planned = termSteps().filter((s) => s.path === 'plans' || s.path === 'tap-minutes');
		expect(planned.filter((s) => s.path === 'plans')).toHaveLength(5);
		expect(planned.filter((s) => s.path === 'tap-minutes')).toHaveLength(3);
		const ids = [...new Set(planned.map((s) => String(s.body['studentId'])))];
		const chronologies = await Promise.all(ids.map(async (id) => Chronology.parse(await api(`reports/chronology?school=${SCHOOL}&student=${id}`))));
		const slipped = [...chronologies].sort((a, b) => b.overdue.actions - a.overdue.actions)[0];
		expect(slipped?.overdue.actions).toBeGreaterThan(0);
		if (!slipped) return;
		const page = await open('plan', `${desk}/student/${slipped.student.id}`, 'article.plan, article.tap');
		expect(await page.locator('[data-testid="overdue-actions"]').innerText()).toBe(String(slipped.overdue.actions));
		expect(await count(page, 'li.overdue')).toBe(slipped.overdue.actions);
		expect(await count(page, 'article.plan')).toBe(slipped.plans.length);
		await shot(page, 'plan');
		await top(page, 'plan');
	});

	it('the weekly report gives the last full week against the one before by default, or this week so far against the same days; prints to A4 and downloads as CSV', async () => {
		const report = BehaviourWeekly.parse(await api(`reports/behaviour-weekly?school=${SCHOOL}`, slt));
		// Thursday 3 December: the last full week is that of Monday 23 November, against the week of the 16th.
		expect(report).toMatchObject({
			schoolName: 'Northfield Academy',
			compare: 'full',
			week: { from: '2026-11-23', through: null },
			lastWeek: { from: '2026-11-16' }
		});
		expect(report.totals.thisWeek.negative).toBeGreaterThan(0);
		expect(report.totals.lastWeek.negative).toBeGreaterThan(0);
		const page = await open('weekly', `${desk}/weekly`, '[data-testid="weekly-totals"]', slt);
		expect(await page.locator('[data-testid="weekly"] h2').innerText()).toMatch(/^Northfield Academy: behaviour, week of .*23 Nov 2026/);
		expect(await page.locator('[data-testid="weekly-compared"]').innerText()).toMatch(/^A full school week, .* against the full week before/);
		expect(await count(page, '[data-testid="weekly-students"] tbody tr')).toBe(Math.max(1, report.students.length));
		expect(await page.locator('[data-testid="weekly-plans"]').innerText()).toContain(`${report.plans.overdueActions} actions`);
		expect(await page.locator('[data-testid="weekly-totals"]').innerText()).toContain(String(report.totals.thisWeek.negative));
		await shot(page, 'weekly');
		await top(page, 'weekly');

		const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="csv"]').click()]);
		const csv = await readFile((await download.path()) ?? '', 'utf8');
		expect(download.suggestedFilename()).toBe(`${SCHOOL}-behaviour-weekly-${report.week.from}.csv`);
		expect(csv.split('\n').length).toBeGreaterThan(5);

		await page.emulateMedia({ media: 'print' });
		const pages = await printed(page, OUT, 'behaviour-term-weekly');
		// The week on the first page; the students who may need support run on, about forty to a page, each page with its header row.
		expect(pages).toBeGreaterThanOrEqual(1);
		expect(pages).toBeLessThanOrEqual(1 + Math.ceil(report.students.length / 40));

		// This week so far: Monday to now against Monday to the same time last Thursday, said on the page, in the JSON and in the CSV.
		const soFar = BehaviourWeekly.parse(await api(`reports/behaviour-weekly?school=${SCHOOL}&compare=so_far`, slt));
		expect(soFar).toMatchObject({
			compare: 'so_far',
			week: { from: '2026-11-30', to: TODAY, through: { date: TODAY, time: NOW } },
			lastWeek: { from: '2026-11-23', to: '2026-11-26', through: { date: '2026-11-26', time: NOW } }
		});
		expect(soFar.byDay.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', TODAY]);
		await page.emulateMedia({ media: 'screen' });
		await page.locator('[data-testid="compare-so-far"]').click();
		await expect
			.poll(() => page.locator('[data-testid="weekly-compared"]').innerText())
			.toMatch(/^This week so far, .* at 10:40, against the same days of last week/);
		expect(await page.locator('[data-testid="weekly-totals"] thead').innerText()).toMatch(/This week so far\s+Same days last week/);
		expect(await page.locator('[data-testid="weekly-totals"]').innerText()).toContain(String(soFar.totals.thisWeek.negative));
		await shot(page, 'weekly-so-far');
		const [soFarCsv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="csv"]').click()]);
		expect(soFarCsv.suggestedFilename()).toBe(`${SCHOOL}-behaviour-weekly-2026-11-30-so-far.csv`);
		const lines = (await readFile((await soFarCsv.path()) ?? '', 'utf8')).split('\r\n');
		expect(lines[0]).toBe('Northfield Academy');
		expect(lines[1]).toContain('so far, against the same weekdays and time of the week before');
		await page.emulateMedia({ media: 'print' });
		expect(await printed(page, OUT, 'behaviour-term-weekly-so-far')).toBeGreaterThanOrEqual(1);
	});
});
