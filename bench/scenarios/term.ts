import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchChild } from '../lib/child';
import type { Row, Scenario, ScenarioOptions } from '../lib/report';
import { pairedRatio, spread } from '../lib/stats';
import { TermResult, type TermConfig } from '../term/term-messages';
import { benchEntry } from './children';

const SEED = 7;
/** In the autumn term of 2026: the whole term (14 school weeks from 7 September) is simulated. */
const DATE = '2026-12-18';
/** Issue 17's school: 1,500 students, about 200,000 session marks a term. */
const STUDENTS = 1_500;
const REPEATS = 20;
/** Requests of each desk report route and format, each run. */
const HTTP_REPEATS = 10;
const IMPORT_TARGET_MS = 30_000;
const DESK_TARGET_MS = 300;

async function term(run: number, options: ScenarioOptions): Promise<TermResult> {
	const dir = await mkdtemp(join(tmpdir(), 'lookout-bench-term-'));
	try {
		const config: TermConfig = {
			journal: join(dir, 'journal.ndjson'),
			students: STUDENTS,
			seed: SEED,
			date: DATE,
			repeats: REPEATS,
			httpRepeats: HTTP_REPEATS
		};
		const profile = options.profileDir ? { cpuProfileDir: options.profileDir } : {};
		const child = new BenchChild(`term-${run}`, benchEntry('term/term-process.ts'), config, TermResult, profile);
		const result = await child.next('term', 300_000);
		await child.exit(10_000);
		return result;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

const count = (n: number) => n.toLocaleString('en-GB');
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function rows(runs: TermResult[]): Row[] {
	const first = runs[0];
	const size = first ? `${count(first.students)} students, ${count(first.marks)} session marks` : '';
	const importMs = runs.map((r) => r.importMs);
	const importBase = runs.map((r) => r.importBaselineMs);
	const judge = (value: number[], targetMs: number, label: string) => ({
		target: `< ${label}`,
		verdict: spread(value).median < targetMs ? ('met' as const) : ('MISSED' as const)
	});
	const deskRow = (p: number): Row => {
		const value = runs.map((r) => percentile(r.deskMs, p));
		const base = runs.map((r) => percentile(r.deskBaselineMs, p));
		return {
			scenario: 'term',
			figure: `attendance desk: every student's term tally and the persistent absence list, p${p * 100} of ${REPEATS}`,
			source: 'sessionTallies + persistenceOf on the imported school state, in the server process',
			unit: 'ms',
			value: spread(value),
			baseline: { label: 'same rows, plain loop', value: spread(base) },
			ratio: pairedRatio(value, base),
			...judge(value, DESK_TARGET_MS, `${DESK_TARGET_MS} ms`)
		};
	};
	const routeRow = (route: string, format: string): Row => {
		const timing = (r: TermResult) => r.routes.find((t) => t.route === route && t.format === format);
		const value = runs.map((r) => percentile(timing(r)?.ms ?? [], 0.95));
		const base = runs.map((r) => percentile(timing(r)?.baselineMs ?? [], 0.95));
		const p50 = spread(runs.map((r) => percentile(timing(r)?.ms ?? [], 0.5)));
		const bytes = first ? (timing(first)?.bytes ?? 0) : 0;
		return {
			scenario: 'term',
			figure: `${route} as ${format.toUpperCase()}, p95 of ${HTTP_REPEATS}`,
			source: "HTTP with a coordinator's session cookie, after the term's follow-up (the behaviour desk's too), answer read whole",
			unit: 'ms',
			value: spread(value),
			baseline: { label: 'same rows, plain loop (p95)', value: spread(base) },
			ratio: pairedRatio(value, base),
			...judge(value, DESK_TARGET_MS, `${DESK_TARGET_MS} ms`),
			note: `p50 ${p50.median.toFixed(1)} ms [${p50.min.toFixed(1)}-${p50.max.toFixed(1)}], ${(bytes / 1_000).toFixed(0)} KB`
		};
	};
	const routes = (first?.routes ?? []).map((t) => routeRow(t.route, t.format));
	return [
		{
			scenario: 'term',
			figure: `import an autumn term (${size})`,
			source: `POST /api/v1/import with the school's key, ${first?.imports ?? 0} parts of whole days each with the reference files, Lookout + journal (fsync)`,
			unit: 'ms',
			value: spread(importMs),
			baseline: { label: 'same CSV rows split and summed, plain loop', value: spread(importBase) },
			ratio: pairedRatio(importMs, importBase),
			...judge(importMs, IMPORT_TARGET_MS, `${IMPORT_TARGET_MS / 1_000} s`),
			note: `${((first?.bodyBytes ?? 0) / 1e6).toFixed(1)} MB of JSON bodies, ${first?.days ?? 0} school days; the simulated term: overall absence ${percent(first?.overallAbsence ?? 0)}, persistent absence ${percent(first?.persistent ?? 0)} of students, severe ${percent(first?.severe ?? 0)}`
		},
		deskRow(0.5),
		deskRow(0.95),
		...routes
	];
}

export const termScenario: Scenario = {
	name: 'term',
	title:
		"a 1,500-student school's autumn term of session marks through the CSV import, then the attendance desk's term figures, and the attendance and behaviour desks' report routes over HTTP after the term's follow-up",
	async run(options) {
		const runs: TermResult[] = [];
		for (let run = 1; run <= options.runs; run++) {
			options.log(`term: run ${run}/${options.runs}`);
			const result = await term(run, options);
			options.log(
				`  import ${result.importMs.toFixed(0)} ms (plain loop ${result.importBaselineMs.toFixed(0)} ms), desk p50 ${percentile(result.deskMs, 0.5).toFixed(1)} ms (plain loop ${percentile(result.deskBaselineMs, 0.5).toFixed(1)} ms), ${result.followUp} follow-up posts; the behaviour desk holds ${result.behaviour.bookings} Reflection Room bookings, ${result.behaviour.suspensions} suspensions, ${result.behaviour.plans} plans, ${result.behaviour.tapMeetings} TAP meetings`
			);
			for (const t of result.routes)
				options.log(
					`  ${t.route} ${t.format}: p50 ${percentile(t.ms, 0.5).toFixed(1)} ms, p95 ${percentile(t.ms, 0.95).toFixed(1)} ms (plain loop p50 ${percentile(t.baselineMs, 0.5).toFixed(1)} ms)`
				);
			runs.push(result);
		}
		return { scenario: 'term', title: this.title, rows: rows(runs), runs: { seed: SEED, date: DATE, students: STUDENTS, httpRepeats: HTTP_REPEATS, runs } };
	}
};
