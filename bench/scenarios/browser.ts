import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createApp } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { loadDashboard } from '../../server/src/dashboard-handler';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { ensureDashboardBuild } from '../browser/dashboard-build';
import { measureMapRedraw } from '../browser/map-redraw';
import { pageScripts, type PageScripts } from '../browser/page-scripts';
import { soakWall } from '../browser/wall-soak';
import { IngestPoster } from '../load/http-poster';
import { benchCredentials, browserSession, grantAccess, pairingPath } from '../lib/access';
import { BENCH_LIMITS } from '../servers/bench-limits';
import type { Row, Scenario } from '../lib/report';
import { BehaviourSource, benchSchools, referenceEvent } from '../lib/schools';
import { pairedRatio, spread } from '../lib/stats';

const CHROMIUM = '/usr/bin/chromium';
const TARGET_KB = 200;

const SOAK_SPEED = 240;
const SOAK_TARGET_MB = 20;

async function measurePages(): Promise<{ wall: PageScripts; live: PageScripts; home: PageScripts }> {
	const dashboard = await loadDashboard();
	if (!dashboard) throw new Error('the dashboard build is missing');
	const clock = scaledClock();
	const app = await createApp({ store: await MemoryStore.open(), clock, logger: silentLogger, dashboard, limits: BENCH_LIMITS });
	const [school] = benchSchools(1, new Date().toISOString().slice(0, 10));
	const [access] = benchCredentials({ schoolIds: [school?.schoolId ?? ''], people: 1, walls: 1 });
	if (!school || !access) throw new Error('no bench school');
	await grantAccess(app.store, [access]);
	const { port } = await app.listen(0, '127.0.0.1');
	const url = `http://127.0.0.1:${port}`;
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const source = new BehaviourSource(school, 3_000);
		const events = [referenceEvent(school), ...Array.from({ length: 20 }, (_, i) => source.next(`page-${i}`, new Date().toISOString()))];
		const poster = new IngestPoster(url, 1);
		const status = await poster.post(JSON.stringify(events), access.key);
		poster.close();
		if (status !== 200) throw new Error(`seed events refused: HTTP ${status}`);
		// The live page and the home page as a signed-in coordinator sees them; the wall by its pairing address.
		const live = await pageScripts(browser, `${url}/live/${school.schoolId}`, '[data-testid="behaviour-item"]', browserSession(access));
		const home = await pageScripts(browser, `${url}/`, null, browserSession(access));
		const wall = await pageScripts(browser, `${url}${pairingPath(access)}`, '[data-testid="wall-panel"]');
		return { wall, live, home };
	} finally {
		await browser.close();
		await app.close();
	}
}

function percentile(values: readonly number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function measureRedraw() {
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		return await measureMapRedraw(browser);
	} finally {
		await browser.close();
	}
}

export const browserScenario: Scenario = {
	name: 'browser',
	title: "the wall and live pages' JavaScript, the map redraw, and the wall through a day, in Chromium",
	async run(options) {
		if (!existsSync(CHROMIUM)) {
			const missing: Row = {
				scenario: 'browser',
				figure: 'live page JavaScript, gzipped',
				source: '-',
				unit: 'KB',
				value: null,
				target: `< ${TARGET_KB} KB`,
				verdict: '',
				note: `not measured: ${CHROMIUM} is missing (apt-get install -y chromium)`
			};
			return { scenario: 'browser', title: this.title, rows: [missing], runs: [] };
		}
		const build = ensureDashboardBuild(options.log);
		// Sizes do not vary from run to run: one run says it all.
		const { wall, live, home } = await measurePages();
		options.log(
			`browser: /wall loads ${wall.files} scripts, ${(wall.gzipBytes / 1_000).toFixed(1)} KB gzipped; /live ${(live.gzipBytes / 1_000).toFixed(1)} KB`
		);
		const kb = (b: number) => b / 1_000;
		const wallRow: Row = {
			scenario: 'browser',
			figure: 'wall page JavaScript (pairing address to /wall), gzipped',
			source: 'Chromium (playwright-core), every script response',
			unit: 'KB',
			value: spread([kb(wall.gzipBytes)]),
			baseline: { label: 'home page /', value: spread([kb(home.gzipBytes)]) },
			ratio: pairedRatio([wall.gzipBytes], [home.gzipBytes]),
			target: `< ${TARGET_KB} KB`,
			verdict: kb(wall.gzipBytes) < TARGET_KB ? 'met' : 'MISSED',
			note: `${wall.files} scripts, ${kb(wall.rawBytes).toFixed(1)} KB before gzip`
		};
		const row: Row = {
			scenario: 'browser',
			figure: '/live/[school] JavaScript, gzipped',
			source: 'Chromium (playwright-core), every script response',
			unit: 'KB',
			value: spread([kb(live.gzipBytes)]),
			baseline: { label: 'home page /', value: spread([kb(home.gzipBytes)]) },
			ratio: pairedRatio([live.gzipBytes], [home.gzipBytes]),
			target: `< ${TARGET_KB} KB`,
			verdict: kb(live.gzipBytes) < TARGET_KB ? 'met' : 'MISSED',
			note: `${live.files} scripts, ${kb(live.rawBytes).toFixed(1)} KB before gzip (KB = 1,000 bytes; gzip level 9); one run, sizes do not vary${build.stale ? '; NOTE: build/ is older than the dashboard sources, run npm run build for a current figure' : ''}${build.built ? '; built for this run' : ''}`
		};
		const map = await measureRedraw();
		options.log(`browser: map redraw p95 ${percentile(map.redraws, 0.95).toFixed(2)} ms over ${map.redraws.length} frames, ${map.rooms} rooms`);
		const p95 = percentile(map.redraws, 0.95);
		const redraw: Row = {
			scenario: 'browser',
			figure: 'map redraw per frame of deltas (p95)',
			source: 'Chromium, /hotspots map, performance.measure around the restyle',
			unit: 'ms',
			value: spread([p95]),
			baseline: { label: 'bare fill writes, same paths (p95)', value: spread([percentile(map.floor, 0.95)]) },
			ratio: pairedRatio([p95], [Math.max(percentile(map.floor, 0.95), 0.001)]),
			target: '< 4 ms',
			verdict: p95 < 4 ? 'met' : 'MISSED',
			note: `${map.redraws.length} frames, each restyling the ${map.rooms} rooms and labels of the shown floor; median ${spread(map.redraws).median.toFixed(2)} ms, max ${spread(map.redraws).max.toFixed(2)} ms`
		};
		const soakBrowser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
		});
		const soak = await soakWall(soakBrowser, SOAK_SPEED).finally(() => soakBrowser.close());
		const mb = (b: number) => b / 1e6;
		const growth = mb(soak.endBytes - soak.startBytes);
		options.log(
			`browser: wall soak ${soak.simulatedHours} h in ${soak.realSeconds.toFixed(0)} s, heap ${mb(soak.startBytes).toFixed(1)} -> ${mb(soak.endBytes).toFixed(1)} MB`
		);
		const soakRow: Row = {
			scenario: 'browser',
			figure: `wall JS heap growth over a simulated ${soak.simulatedHours}-hour day`,
			source: `Chromium, /wall at 1920x1080, CDP Runtime.getHeapUsage after a forced GC; the day at ${SOAK_SPEED}x`,
			unit: 'MB',
			value: spread([growth]),
			baseline: { label: 'heap at the start of the day', value: spread([mb(soak.startBytes)]) },
			ratio: pairedRatio([soak.endBytes], [soak.startBytes]),
			target: `< ${SOAK_TARGET_MB} MB`,
			verdict: growth < SOAK_TARGET_MB ? 'met' : 'MISSED',
			note: `${soak.events} events and ${soak.frames} frames in ${soak.realSeconds.toFixed(0)} s; heap samples (MB): ${soak.samples.map((b) => mb(b).toFixed(1)).join(', ')}`
		};
		return { scenario: 'browser', title: this.title, rows: [wallRow, row, redraw, soakRow], runs: { wall, live, home, build, map, soak } };
	}
};
