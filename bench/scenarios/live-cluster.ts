import { randomUUID } from 'node:crypto';
import { clearPrefix } from '../../server/src/store/redis-clear';
import { BenchChild } from '../lib/child';
import { machineCpuPercent, machineCpuTimes } from '../lib/machine';
import type { Scenario, ScenarioOptions, ScenarioReport } from '../lib/report';
import { LiveLoadMessage, type LiveLoadConfig } from '../load/load-messages';
import type { UsageReport } from '../servers/server-messages';
import { benchEntry, ServerChild } from './children';
import { liveAccess, liveRun, rows, type LiveRun, type LiveShape } from './live';

/**
 * A live scenario on several Lookout processes sharing Redis: the clients spread over the
 * nodes (each school's clients over all of them), the sender posting to the first node, so
 * every delivery to another node's clients crosses Redis. Beside it, the same load on the
 * floor and on Lookout alone, in the same run.
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
		const config: LiveLoadConfig = { url: urls[0] as string, clientUrls: urls, ...shape, drainMs: 5_000, tag };
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
			return { scenario: name, title, rows: [...singleRows, ...clusterRows], runs: { shape, nodes, lookout: single, cluster, floor } };
		}
	};
}
