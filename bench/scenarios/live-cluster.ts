import { randomUUID } from 'node:crypto';
import { nodeName } from '../../server/src/live/leases';
import { clearPrefix } from '../../server/src/store/redis-clear';
import { BenchChild } from '../lib/child';
import { machineCpuPercent, machineCpuTimes } from '../lib/machine';
import type { Scenario, ScenarioOptions, ScenarioReport } from '../lib/report';
import { LiveLoadMessage, type LiveLoadConfig } from '../load/load-messages';
import type { UsageReport } from '../servers/server-messages';
import { pairedRatio, spread } from '../lib/stats';
import type { Row } from '../lib/report';
import { benchEntry, ServerChild } from './children';
import { failoverRun, type FailoverRun } from './failover';
import { liveAccess, liveRun, rows, type LiveRun, type LiveShape } from './live';

/**
 * A live scenario on several Lookout processes sharing Redis: the clients spread over the
 * nodes (each school's clients over all of them), the sender posting to each node in turn, as
 * a load balancer does. Each school's frames are derived by its owner and cross Redis to the
 * other nodes' clients. Beside it, the same load on the floor and on Lookout alone, in the
 * same run.
 */
async function clusterRun(nodes: number, shape: LiveShape, tag: string, options: ScenarioOptions): Promise<LiveRun> {
	const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
	const redisPrefix = `lookout-bench-${randomUUID()}`;
	const targets: ServerChild[] = [];
	try {
		// The first node writes the credentials to the shared log; the others, started once it listens, replay them.
		targets.push(await ServerChild.start('lookout-redis', { profileDir: options.profileDir, node: { redisPrefix, index: 0 }, access: liveAccess(shape) }));
		const others = await Promise.allSettled(
			Array.from({ length: nodes - 1 }, (_, i) => ServerChild.start('lookout-redis', { profileDir: options.profileDir, node: { redisPrefix, index: i + 1 } }))
		);
		for (const started of others) if (started.status === 'fulfilled') targets.push(started.value);
		const failed = others.find((started) => started.status === 'rejected');
		if (failed) throw failed.reason;
		const urls = targets.map((t) => t.url);
		// Events are posted to the nodes in turn, as the load balancer (deploy/haproxy.cfg) spreads them.
		// Clients land on any node and move to their school's owner when told, as screens do through the load balancer.
		const nodeUrls = Object.fromEntries(targets.flatMap((t) => (t.node ? [[nodeName(t.node), t.url]] : [])));
		const config: LiveLoadConfig = { url: urls[0] as string, clientUrls: urls, nodeUrls, ingestUrls: urls, ...shape, drainMs: 5_000, tag };
		const load = new BenchChild(`${tag}-load`, benchEntry('load/live-load-process.ts'), config, LiveLoadMessage);
		try {
			await load.next('started', 60_000);
			load.send({ type: 'credentials', schools: targets[0]?.credentials ?? [] });
			await load.next('ready', 120_000);
			load.send({ type: 'go' });
			await load.next('window-start', shape.warmupMs + 10_000);
			for (const t of targets) t.measureStart();
			const before = machineCpuTimes();
			await load.next('window-end', shape.measureMs + 20_000);
			const machine = machineCpuPercent(before, machineCpuTimes());
			const usages = await Promise.all(targets.map((t) => t.measureStop()));
			const result = await load.next('result', 30_000);
			const usage = combined(usages);
			return { server: 'lookout-redis', load: result, usage, otherCpuPercent: Math.max(0, machine - usage.cpuPercent - result.loadCpuPercent) };
		} finally {
			await load.exit(10_000);
		}
	} finally {
		for (const t of targets) await t.close();
		await clearPrefix(url, redisPrefix);
	}
}

/** The nodes together: CPU added up (one core = 100), the busiest event loop. */
function combined(usages: UsageReport[]): UsageReport {
	return {
		type: 'usage',
		wallMs: Math.max(...usages.map((u) => u.wallMs)),
		cpuMs: usages.reduce((n, u) => n + u.cpuMs, 0),
		cpuPercent: usages.reduce((n, u) => n + u.cpuPercent, 0),
		elu: Math.max(...usages.map((u) => u.elu))
	};
}

export function liveClusterScenario(name: string, title: string, shape: LiveShape, nodes: number): Scenario {
	return {
		name,
		title,
		async run(options): Promise<ScenarioReport> {
			const cluster: LiveRun[] = [];
			const single: LiveRun[] = [];
			const floor: LiveRun[] = [];
			for (let run = 1; run <= options.runs; run++) {
				for (const server of ['floor', 'lookout', 'cluster'] as const) {
					options.log(`${name}: run ${run}/${options.runs}, ${server === 'cluster' ? `${nodes} Lookout nodes on Redis` : server}`);
					const tag = `${name.toLowerCase()}-${server}-${run}`;
					const result = server === 'cluster' ? await clusterRun(nodes, shape, tag, options) : await liveRun(server, shape, tag, options);
					({ floor, lookout: single, cluster })[server].push(result);
					options.log(
						`  p99 ${result.load.latency.p99.toFixed(1)} ms, lost ${result.load.lost}, cpu ${result.usage.cpuPercent.toFixed(0)}%, elu ${result.usage.elu.toFixed(2)}`
					);
				}
			}
			const label = `Lookout x${nodes} on Redis`;
			const clusterRows = rows(name, shape, cluster, floor).map((row) => ({
				...row,
				figure: `${row.figure} (${nodes} nodes)`,
				source: row.source.replace('Lookout', label),
				note: [row.note, row.figure.startsWith('server') ? `all ${nodes} nodes: CPU added up, the busiest event loop` : ''].filter(Boolean).join('; ')
			}));
			const singleRows = rows(name, shape, single, floor).map((row) => ({ ...row, figure: `${row.figure} (1 process)` }));
			const failovers: FailoverRun[] = [];
			for (let run = 1; run <= options.runs; run++) {
				options.log(`${name}: failover ${run}/${options.runs}, ${nodes} Lookout nodes on Redis, a school's owner killed`);
				const result = await failoverRun();
				failovers.push(result);
				options.log(
					`  taken over ${result.takeoverMs} ms after the kill (lease ${result.leaseMs} ms), worst delivery ${result.worstDeliveryMs} ms, lost ${result.lost} of ${result.acked}`
				);
			}
			return {
				scenario: name,
				title,
				rows: [...singleRows, ...clusterRows, againstOne(name, nodes, cluster, single), ...failoverRows(name, nodes, failovers)],
				runs: { shape, nodes, lookout: single, cluster, floor, failovers }
			};
		}
	};
}

/** The cluster's p99 against one process's, run by run: adding nodes must not make screens slower. */
function againstOne(name: string, nodes: number, cluster: LiveRun[], single: LiveRun[]): Row {
	const p99 = (runs: LiveRun[]) => runs.map((r) => r.load.latency.p99);
	const ratio = pairedRatio(p99(cluster), p99(single));
	return {
		scenario: name,
		figure: `p99 ingest-to-client, ${nodes} nodes against 1 process`,
		source: `Lookout x${nodes} on Redis beside Lookout alone, the same load in the same run`,
		unit: 'ms',
		value: spread(p99(cluster)),
		baseline: { label: '1 process', value: spread(p99(single)) },
		ratio,
		target: '<= 1x of 1 process',
		verdict: ratio.median <= 1 ? 'met' : 'MISSED'
	};
}

function failoverRows(name: string, nodes: number, runs: FailoverRun[]): Row[] {
	const source = `Lookout x${nodes} on Redis, 10 schools, 4 dashboard connections of one school on the 2 nodes not owning it, an event every 250 ms`;
	const leaseMs = runs[0]?.leaseMs ?? 0;
	const row = (figure: string, unit: string, f: (r: FailoverRun) => number, target: string, met: (median: number) => boolean, note?: string): Row => {
		const value = spread(runs.map(f));
		return { scenario: name, figure, source, unit, value, target, verdict: met(value.median) ? 'met' : 'MISSED', ...(note ? { note } : {}) };
	};
	return [
		row(
			'failover: school taken over after its owner is SIGKILLed',
			'ms',
			(r) => r.takeoverMs,
			`<= lease (${leaseMs} ms)`,
			(m) => m <= leaseMs + 50,
			'from the kill to another node holding the school lease (read in Redis every 10 ms); the dead node lapses from the live set at 0.9 of a lease and its lease at 1, when the next node in rank takes it'
		),
		row(
			'failover: longest from acknowledgement to every screen',
			'ms',
			(r) => r.worstDeliveryMs,
			`<= lease + 5 s`,
			(m) => m <= leaseMs + 5_000,
			'events posted to the surviving nodes while the school has no owner wait for the takeover; the new owner sends the school whole under a new epoch and the screens take its snapshot'
		),
		row(
			'failover: acknowledged events lost',
			'',
			(r) => r.lost,
			'0 in every run',
			() => runs.every((r) => r.lost === 0),
			`acknowledged per run: ${runs.map((r) => `${r.acked} (${r.ackedDuringMs} after the kill)`).join(', ')}`
		)
	];
}
