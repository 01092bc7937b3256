import { tierSplit, type AccessShape } from '../lib/access';
import { BenchChild } from '../lib/child';
import { machineCpuPercent, machineCpuTimes } from '../lib/machine';
import type { Row, Scenario, ScenarioOptions, ScenarioReport } from '../lib/report';
import { pairedRatio, spread } from '../lib/stats';
import { LiveLoadMessage, type ClientKind, type LiveLoadConfig, type LiveLoadResult } from '../load/load-messages';
import type { ServerKind, UsageReport } from '../servers/server-messages';
import { benchSchoolId } from '../lib/schools';
import { benchEntry, ServerChild } from './children';

export interface LiveShape {
	schools: number;
	clientsPerSchool: number;
	rate: number;
	client: ClientKind;
	warmupMs: number;
	measureMs: number;
}

export interface LiveRun {
	server: ServerKind;
	load: LiveLoadResult;
	usage: UsageReport;
	/** CPU used on the machine by anything but the server and the load process (one core = 100). */
	otherCpuPercent: number;
}

const P99_RATIO_TARGET = 1.25;
const P99_TARGET_MS = 100;

/** Each school's key, and as many coordinators' sessions and walls as it has clients of each tier. */
export function liveAccess(shape: LiveShape): AccessShape {
	return { schoolIds: Array.from({ length: shape.schools }, (_, i) => benchSchoolId(i)), ...tierSplit(shape.clientsPerSchool) };
}

export async function liveRun(server: ServerKind, shape: LiveShape, tag: string, options: ScenarioOptions): Promise<LiveRun> {
	const target = await ServerChild.start(server, { profileDir: options.profileDir, access: liveAccess(shape) });
	try {
		const config: LiveLoadConfig = { url: target.url, ...shape, drainMs: 5_000, tag };
		const profile = options.profileDir ? { cpuProfileDir: options.profileDir } : {};
		const load = new BenchChild(`${tag}-load`, benchEntry('load/live-load-process.ts'), config, LiveLoadMessage, profile);
		try {
			await load.next('started', 60_000);
			load.send({ type: 'credentials', schools: target.credentials });
			await load.next('ready', 120_000);
			load.send({ type: 'go' });
			await load.next('window-start', shape.warmupMs + 10_000);
			target.measureStart();
			const before = machineCpuTimes();
			await load.next('window-end', shape.measureMs + 20_000);
			const machine = machineCpuPercent(before, machineCpuTimes());
			const usage = await target.measureStop();
			const result = await load.next('result', 30_000);
			return { server, load: result, usage, otherCpuPercent: Math.max(0, machine - usage.cpuPercent - result.loadCpuPercent) };
		} finally {
			await load.exit(10_000);
		}
	} finally {
		await target.close();
	}
}

export function rows(name: string, shape: LiveShape, app: LiveRun[], floor: LiveRun[]): Row[] {
	const { people, walls } = tierSplit(shape.clientsPerSchool);
	const clients = `${shape.schools * shape.clientsPerSchool} ${shape.client === 'lean' ? 'lean ws clients' : 'socket.io-clients'} (${people} coordinators + ${walls} walls per school)`;
	const pick = (runs: LiveRun[], f: (r: LiveRun) => number) => runs.map(f);
	const compare = (figure: string, unit: string, f: (r: LiveRun) => number, withRatio = true): Row => ({
		scenario: name,
		figure,
		source: `Lookout, ${clients}`,
		unit,
		value: spread(pick(app, f)),
		baseline: { label: 'floor', value: spread(pick(floor, f)) },
		...(withRatio ? { ratio: pairedRatio(pick(app, f), pick(floor, f)) } : {}),
		verdict: ''
	});
	const p99 = compare('p99 ingest-to-client', 'ms', (r) => r.load.latency.p99);
	const met = (p99.ratio?.median ?? Infinity) <= P99_RATIO_TARGET && (p99.value?.median ?? Infinity) < P99_TARGET_MS;
	p99.target = `<= ${P99_RATIO_TARGET}x floor, < ${P99_TARGET_MS} ms`;
	p99.verdict = met ? 'met' : 'MISSED';

	const lost = compare('deliveries lost', '', (r) => r.load.lost, false);
	lost.target = '0 in every run';
	lost.verdict = lost.value?.max === 0 ? 'met' : 'MISSED';
	const owed = spread(app.map((r) => r.load.expected));
	const owedText = owed.min === owed.max ? owed.min.toLocaleString('en-GB') : `${owed.min.toLocaleString('en-GB')}-${owed.max.toLocaleString('en-GB')}`;
	lost.note = `each run owes ${owedText} deliveries (every acknowledged event to every client of its school); failed posts: ${app.map((r) => r.load.failedPosts).join(', ')}; events missing somewhere: ${app.map((r) => r.load.eventsLost).join(', ')}; disconnects: ${app.map((r) => r.load.drops).join(', ')}`;

	const rate = compare('events sent/s (load check)', 'ev/s', (r) => r.load.achievedRate, false);
	const all = [...app, ...floor];
	if (all.some((r) => r.load.blockedTicks > 0)) {
		rate.note = `in some runs the sender was held back by 512 unanswered ingest calls (the server could not keep up with ${shape.rate} ev/s)`;
	} else if (all.some((r) => r.load.achievedRate < 0.98 * shape.rate)) {
		rate.note = `the sender fell short of ${shape.rate} ev/s in some runs: those runs under-load the server`;
	}

	const loadElu = compare('load process ELU (load check)', 'elu', (r) => r.load.loadElu, false);
	if (all.some((r) => r.load.loadElu > 0.9)) {
		loadElu.note = 'the load process was nearly saturated: part of the latency is the clients, for app and floor alike';
	}

	const others = compare('other CPU on the machine (noise check)', '%', (r) => r.otherCpuPercent, false);
	if (all.some((r) => r.otherCpuPercent > 20)) {
		others.note = 'other processes took a fifth of a core or more during some runs: those runs are noisier (the ratio is the figure to trust)';
	}

	const invalid = all.filter((r) => r.load.invalidFrames > 0);
	if (invalid.length > 0) {
		p99.note = `frames outside the contract (Delta): ${invalid.map((r) => `${r.server} ${r.load.invalidFrames}/${r.load.checkedFrames}`).join(', ')}`;
	}

	return [
		p99,
		compare('p50 ingest-to-client', 'ms', (r) => r.load.latency.p50),
		compare('max ingest-to-client', 'ms', (r) => r.load.latency.max),
		compare('server CPU (one core = 100)', '%', (r) => r.usage.cpuPercent),
		compare('server event-loop utilisation', 'elu', (r) => r.usage.elu),
		lost,
		rate,
		loadElu,
		others
	];
}

/** A live scenario: Lookout and the floor take turns, the same load each run. */
export function liveScenario(name: string, title: string, shape: LiveShape): Scenario {
	return {
		name,
		title,
		async run(options): Promise<ScenarioReport> {
			const app: LiveRun[] = [];
			const floor: LiveRun[] = [];
			for (let run = 1; run <= options.runs; run++) {
				for (const server of ['floor', 'lookout'] as const) {
					options.log(`${name}: run ${run}/${options.runs}, ${server}`);
					const result = await liveRun(server, shape, `${name.toLowerCase()}-${server}-${run}`, options);
					(server === 'lookout' ? app : floor).push(result);
					options.log(
						`  p99 ${result.load.latency.p99.toFixed(1)} ms, lost ${result.load.lost}, cpu ${result.usage.cpuPercent.toFixed(0)}%, elu ${result.usage.elu.toFixed(2)}, load elu ${result.load.loadElu.toFixed(2)}`
					);
				}
			}
			return { scenario: name, title, rows: rows(name, shape, app, floor), runs: { shape, lookout: app, floor } };
		}
	};
}
