import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEventInput } from '../../server/protocol';
import { scaledClock } from '../../server/src/clock';
import { pairWall, revokeWall } from '../../server/src/cli/wall-admin';
import { ingest, signIn, type SignedIn } from '../support/access';
import { reference, SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { tempDir, type TestServer } from '../support/server';
import { launchBrowser } from './browser';
import { CspWatch, newContext, startLookout } from './lookout';

const OUT = 'test-results';
let browser: Browser;
let server: TestServer | undefined;
let dataDir = '';
let port = 0;
let page: Page;
let deviceId = '';
/** The admin who pairs the wall, and the coordinator who acts on calls; their sessions outlive restarts, being in the log. */
let admin: SignedIn;
let coordinator: SignedIn;
const csp = new CspWatch();

async function start(): Promise<TestServer> {
	server = await startLookout({ dataDir, port, clock: scaledClock() });
	port = Number(new URL(server.url).port);
	return server;
}

async function stop(): Promise<void> {
	await server?.close();
	server = undefined;
}

function running(): TestServer {
	if (!server) throw new Error('the server is not running');
	return server;
}

const events = (body: InboundEventInput | InboundEventInput[]) => ingest(running(), body);
const step = (body: unknown) => postJson(`${running().url}/api/v1/oncall?school=${SCHOOL}`, body, coordinator.headers);

const now = () => new Date().toISOString();
let n = 0;
/** A different student late each time: the wall counts students late today. */
const late = (): InboundEventInput => ({
	id: `late-${++n}`,
	schoolId: SCHOOL,
	type: 'student:arrived-late',
	occurredAt: now(),
	studentId: `STU${n}`,
	session: 'AM',
	minutesLate: n
});
const STUDENTS = Array.from({ length: 8 }, (_, i) => ({
	id: `STU${i + 1}`,
	givenName: i === 0 ? 'Amelia' : `Given${i}`,
	familyName: i === 0 ? 'Hartley' : `Family${i}`,
	yearGroup: 9,
	formGroup: '9N'
}));

const snapshot = () => getSnapshot(running().url, SCHOOL, coordinator);

/** Every oscillator the page starts, by frequency: the tones it plays. */
const tonesPlayed = () => page.evaluate(() => (window as unknown as { tones: number[] }).tones);

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(OUT, { recursive: true });
	dataDir = await tempDir();
	await start();
	await events([{ ...reference(), students: STUDENTS, settings: { ackEscalateSeconds: 10 } } as InboundEventInput]);
	admin = await signIn(running(), SCHOOL, 'admin');
	coordinator = await signIn(running(), SCHOOL, 'coordinator');
	const paired = await pairWall(running().url, SCHOOL, 'Office wall', admin);
	deviceId = paired.deviceId;
	// The wall's own browser: no session, only the device token the pairing address leaves.
	page = await (await newContext(browser, csp, { viewport: { width: 1920, height: 1080 } })).newPage();
	await page.addInitScript(() => {
		const played: number[] = [];
		(window as unknown as { tones: number[] }).tones = played;
		const Real = window.AudioContext;
		window.AudioContext = class extends Real {
			override createOscillator(): OscillatorNode {
				const oscillator = super.createOscillator();
				const begin = oscillator.start.bind(oscillator);
				oscillator.start = (when?: number) => {
					played.push(oscillator.frequency.value);
					begin(when);
				};
				return oscillator;
			}
		};
	});
	await page.goto(paired.address);
	await page.waitForURL('**/wall');
	await page.locator('[data-testid="freshness"]:has-text("LIVE")').waitFor();
}, 60_000);

afterAll(async () => {
	await browser?.close();
	await stop();
});
afterEach(() => {
	expect(csp.violations).toEqual([]);
});

describe('the wall', () => {
	it('pairs once, then takes over the screen for an emergency with one tone, and another for its escalation', async () => {
		expect(await page.locator('[data-testid="muted"]').count()).toBe(1);
		await page.mouse.click(960, 540);
		await page.locator('[data-testid="muted"]').waitFor({ state: 'detached' });

		await events([late(), late()]);
		await page.locator('[aria-label="Late today"] [data-testid="wall-count"]:has-text("2")').waitFor();
		expect(await tonesPlayed()).toEqual([]);

		await step({
			id: 'raise-1',
			type: 'oncall:raised',
			requestId: 'r1',
			locationId: 'M1',
			reason: 'fighting',
			priority: 'emergency',
			studentIds: ['STU1'],
			raisedBy: 'T1'
		});
		await page.locator('[data-testid="interrupt-room"]:has-text("M1 Maths")').waitFor();
		await expect(page.locator('[data-testid="interrupt"]').textContent()).resolves.toMatch(/EMERGENCY CALL.*Fighting.*AH \(Y9\)/);
		await expect(page.locator('[data-testid="interrupt"]').textContent()).resolves.not.toMatch(/Amelia|Hartley/);
		await page.waitForFunction(() => (window as unknown as { tones: number[] }).tones.length > 0);
		await page.screenshot({ path: `${OUT}/wall-interrupt.png` });
		// More frames and heartbeats come; the tone is not played again.
		await events([late()]);
		await page.locator('[aria-label="Late today"] [data-testid="wall-count"]:has-text("3")').waitFor();
		expect(await tonesPlayed()).toEqual([660, 880]);

		// Nobody acknowledges for ten seconds: the escalation sounds, differently, once.
		await page.locator('[data-testid="interrupt"]:has-text("ESCALATED")').waitFor({ timeout: 15_000 });
		await page.waitForFunction(() => (window as unknown as { tones: number[] }).tones.length > 2);
		await page.waitForTimeout(1_500);
		expect(await tonesPlayed()).toEqual([660, 880, 1175, 1175, 1175]);

		await step({ id: 'ack-1', type: 'oncall:acknowledged', requestId: 'r1', by: 'T1' });
		await page.locator('[data-testid="interrupt"]').waitFor({ state: 'detached' });
		await page.locator('[data-testid="wall-call"]:has-text("Acknowledged")').waitFor();
	}, 60_000);

	it('is readable in both themes at 1920x1080', async () => {
		await page.screenshot({ path: `${OUT}/wall-dark.png` });
		await page.keyboard.press('t');
		await page.screenshot({ path: `${OUT}/wall-light.png` });
		expect(await page.locator('[data-testid="wall"]').getAttribute('data-theme')).toBe('light');
		await page.keyboard.press('t');
		// The clock and the counts are large enough to read across an office (about 4 m).
		const clockPx = await page.locator('[data-testid="clock"]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		const bodyPx = await page.locator('[data-testid="wall"]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(clockPx).toBeGreaterThanOrEqual(60);
		expect(bodyPx).toBeGreaterThanOrEqual(28);
	});

	it('comes back by itself after a server restart, without a reload and with nothing missed', async () => {
		await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
		await stop();
		await start();
		await events([late()]);
		await page.locator('[aria-label="Late today"] [data-testid="wall-count"]:has-text("4")').waitFor({ timeout: 20_000 });
		await page.locator('[data-testid="freshness"]:has-text("LIVE")').waitFor();
		expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
		const view = (await snapshot()).view;
		expect(await page.locator('[aria-label="On call"] [data-testid="wall-count"]').textContent()).toBe(String(view.oncall.length));
		expect(await page.locator('[aria-label="Late today"] [data-testid="wall-count"]').textContent()).toBe(String(view.arrivals.length));
	}, 60_000);

	it('says the connection is lost at once, and greys its data with its age once the server has been silent 15 s', async () => {
		await stop();
		const stopped = Date.now();
		await page.locator('[data-testid="connection-lost"]').waitFor({ timeout: 5_000 });
		expect(await page.locator('[data-testid="panel-age"]').count()).toBe(0);
		await page.locator('[data-testid="panel-age"]').first().waitFor({ timeout: 25_000 });
		const greyAfter = Date.now() - stopped;
		// The last heartbeat came up to 5 s before the stop; greying follows 15 s after it.
		expect(greyAfter).toBeGreaterThan(9_000);
		expect(greyAfter).toBeLessThan(21_000);
		expect(await page.locator('[aria-label="Late today"] [data-testid="wall-count"]').textContent()).toBe('4');
		await expect(page.locator('[data-testid="panel-age"]').first().textContent()).resolves.toMatch(/last update \d+ s ago/);
		await page.screenshot({ path: `${OUT}/wall-connection-lost.png` });
		await start();
		await page.locator('[data-testid="connection-lost"]').waitFor({ state: 'detached', timeout: 20_000 });
	}, 60_000);

	it('blanks within seconds of its device being revoked, and says why', async () => {
		await revokeWall(running().url, SCHOOL, deviceId, admin);
		await page.locator('[data-testid="unpaired"]:has-text("unpaired")').waitFor({ timeout: 5_000 });
		expect(await page.locator('[data-testid="wall-call"]').count()).toBe(0);
		await page.reload();
		await page.locator('[data-testid="unpaired"]:has-text("unpaired")').waitFor({ timeout: 10_000 });
		expect(page.url()).toMatch(/\/wall$/);
	}, 30_000);
});
