import { BenchChild } from '../lib/child';
import { machineCpuPercent, machineCpuTimes } from '../lib/machine';
import type { Row, Scenario, ScenarioOptions } from '../lib/report';
import { pairedRatio, spread } from '../lib/stats';
import { IngestLoadMessage, type IngestLoadConfig, type IngestWindow } from '../load/ingest-messages';
import type { ServerKind, UsageReport } from '../servers/server-messages';
import { benchSchoolId } from '../lib/schools';
import { benchEntry, ServerChild } from './children';

const BATCHES = [1, 10, 100];
const TARGET = 10_000;
/** Issue 7: one node writing to Redis (every batch a Lua script and an AOF write). */
const REDIS_TARGET = 5_000;
const SHAPE = { schools: 100, concurrency: 32, warmupMs: 1_000, measureMs: 3_000 };

interface IngestWindowRun {
	load: IngestWindow;
	usage: UsageReport;
	/** CPU used on the machine by anything but the server and the sender (one core = 100). */
	otherCpuPercent: number;
}

interface IngestRun {
	server: ServerKind;
	windows: IngestWindowRun[];
}

async function ingestRun(server: ServerKind, tag: string, options: ScenarioOptions): Promise<IngestRun> {
	// A key per school, as each school's system has its own; nobody watches, so no people or walls.
	const access = { schoolIds: Array.from({ length: SHAPE.schools }, (_, i) => benchSchoolId(i)), people: 0, walls: 0 };
	const target = await ServerChild.start(server, { profileDir: options.profileDir, access });
	try {
		const config: IngestLoadConfig = { url: target.url, ...SHAPE, batchSizes: BATCHES, tag };
		const load = new BenchChild(`${tag}-sender`, benchEntry('load/ingest-load-process.ts'), config, IngestLoadMessage);
		try {
			await load.next('started', 60_000);
			load.send({ type: 'credentials', schools: target.credentials });
			await load.next('ready', 120_000);
			const windows: IngestRun['windows'] = [];
			for (let i = 0; i < BATCHES.length; i++) {
				await load.next('window-start', SHAPE.warmupMs + 30_000);
				target.measureStart();
				const before = machineCpuTimes();
				const window = await load.next('window-end', SHAPE.measureMs + 60_000);
				const machine = machineCpuPercent(before, machineCpuTimes());
				const usage = await target.measureStop();
				windows.push({ load: window, usage, otherCpuPercent: Math.max(0, machine - usage.cpuPercent - window.senderCpuPercent) });
			}
			await load.next('done', 10_000);
			return { server, windows };
		} finally {
			await load.exit(10_000);
		}
	} finally {
		await target.close();
	}
}

const rate = (w: IngestWindowRun) => w.load.accepted / (w.load.wallMs / 1_000);
const median = (windows: IngestWindowRun[], f: (w: IngestWindowRun) => number) => spread(windows.map(f)).median;

function rows(app: IngestRun[], baseline: IngestRun[], onRedis: IngestRun[]): Row[] {
	const source = `Lookout + journal (fsync), ${SHAPE.concurrency} senders, ${SHAPE.schools} schools, each with its key`;
	const out = BATCHES.map((batch, i): Row => {
		const windows = app.map((r) => r.windows[i] as IngestWindowRun);
		const baseWindows = baseline.map((r) => r.windows[i] as IngestWindowRun);
		const figure = windows.map(rate);
		const base = baseWindows.map(rate);
		const value = spread(figure);
		const failed = windows.reduce((n, w) => n + w.load.failed, 0);
		const notes = [
			`Lookout CPU ${median(windows, (w) => w.usage.cpuPercent).toFixed(0)}% of a core, ELU ${median(windows, (w) => w.usage.elu).toFixed(2)}`,
			`${median(windows, (w) => w.load.accepted / Math.max(1, w.usage.journalWrites ?? 1)).toFixed(1)} events per journal fsync`,
			`request p99 ${median(windows, (w) => w.load.requestP99Ms).toFixed(1)} ms`,
			`sender ELU ${median(windows, (w) => w.load.senderElu).toFixed(2)} (baseline runs ${median(baseWindows, (w) => w.load.senderElu).toFixed(2)})`,
			`other CPU on the machine up to ${Math.max(...windows.map((w) => w.otherCpuPercent), ...baseWindows.map((w) => w.otherCpuPercent)).toFixed(0)}%`,
			...(failed > 0 ? [`${failed} requests failed`] : [])
		];
		return {
			scenario: 'ingest',
			figure: `events/s accepted, batches of ${batch}`,
			source,
			unit: 'ev/s',
			value,
			baseline: { label: 'express.json only', value: spread(base) },
			ratio: pairedRatio(figure, base),
			target: `>= ${TARGET.toLocaleString('en-GB')} ev/s`,
			verdict: value.median >= TARGET ? 'met' : 'MISSED',
			note: notes.join('; ')
		};
	});
	out.push(...redisRows(onRedis, baseline));
	return out;
}

function redisRows(onRedis: IngestRun[], baseline: IngestRun[]): Row[] {
	return BATCHES.map((batch, i): Row => {
		const windows = onRedis.map((r) => r.windows[i] as IngestWindowRun);
		const baseWindows = baseline.map((r) => r.windows[i] as IngestWindowRun);
		const figure = windows.map(rate);
		const value = spread(figure);
		const failed = windows.reduce((n, w) => n + w.load.failed, 0);
		const notes = [
			`Lookout CPU ${median(windows, (w) => w.usage.cpuPercent).toFixed(0)}% of a core, ELU ${median(windows, (w) => w.usage.elu).toFixed(2)}`,
			`request p99 ${median(windows, (w) => w.load.requestP99Ms).toFixed(1)} ms`,
			'Redis runs on the same 2 cores, with the persistence it was started with',
			`other CPU on the machine (Redis included) up to ${Math.max(...windows.map((w) => w.otherCpuPercent)).toFixed(0)}%`,
			...(failed > 0 ? [`${failed} requests failed`] : [])
		];
		return {
			scenario: 'ingest',
			figure: `events/s accepted, Redis store, batches of ${batch}`,
			source: `Lookout on Redis (REDIS_URL or 127.0.0.1:6379), ${SHAPE.concurrency} senders, ${SHAPE.schools} schools, each with its key`,
			unit: 'ev/s',
			value,
			baseline: { label: 'express.json only', value: spread(baseWindows.map(rate)) },
			ratio: pairedRatio(figure, baseWindows.map(rate)),
			target: `>= ${REDIS_TARGET.toLocaleString('en-GB')} ev/s`,
			verdict: value.median >= REDIS_TARGET ? 'met' : 'MISSED',
			note: notes.join('; ')
		};
	});
}

export const ingestScenario: Scenario = {
	name: 'ingest',
	title: 'events/s accepted per process: memory store with its journal on disk, and the Redis store',
	async run(options) {
		const app: IngestRun[] = [];
		const baseline: IngestRun[] = [];
		const onRedis: IngestRun[] = [];
		for (let run = 1; run <= options.runs; run++) {
			for (const server of ['json-only', 'lookout', 'lookout-redis'] as const) {
				options.log(`ingest: run ${run}/${options.runs}, ${server}`);
				const result = await ingestRun(server, `ingest-${server}-${run}`, options);
				({ 'json-only': baseline, lookout: app, 'lookout-redis': onRedis })[server].push(result);
				options.log(`  ${result.windows.map((w) => `batch ${w.load.batch}: ${Math.round(rate(w))} ev/s`).join(', ')}`);
			}
		}
		return {
			scenario: 'ingest',
			title: this.title,
			rows: rows(app, baseline, onRedis),
			runs: { shape: SHAPE, batches: BATCHES, lookout: app, baseline, lookoutRedis: onRedis }
		};
	}
};
