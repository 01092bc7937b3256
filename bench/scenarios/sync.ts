import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SchoolSource } from '../../server/src/connectors/connector';
import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import { runSync } from '../../server/src/connectors/sync-run';
import { wondeConnector } from '../../server/src/connectors/wonde/wonde-connector';
import { updatedAfterValue } from '../../server/src/connectors/wonde/wonde-dates';
import { MemoryStore } from '../../server/src/store/memory-store';
import type { Row, Scenario, ScenarioOptions } from '../lib/report';
import { pairedRatio, spread } from '../lib/stats';

const FIRST_TARGET_MS = 60_000;
const INCREMENTAL_TARGET_MS = 1_000;
const FAKE = fileURLToPath(new URL('./sync-fake-wonde.ts', import.meta.url));

interface FakeReady {
	schoolUrl: string;
	token: string;
	students: number;
	records: Record<string, number>;
}

interface SyncRun {
	firstMs: number;
	firstBaselineMs: number;
	incrementalMs: number;
	incrementalBaselineMs: number;
	records: number;
	events: number;
	pages: number;
	journalBytes: number;
}

async function startFake(): Promise<{ child: ChildProcess; ready: FakeReady }> {
	const child = spawn(process.execPath, ['--import', 'tsx', FAKE], { stdio: ['pipe', 'pipe', 'inherit'] });
	const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
	const ready = await new Promise<FakeReady>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the fake Wonde stopped (${code}) before it listened`)));
		lines.once('line', (line) => resolve(JSON.parse(line) as FakeReady));
	});
	return { child, ready };
}

/** The baseline: the same pages, followed by `next` as the sync follows them, each read and `JSON.parse`d, nothing mapped or stored. */
async function fetchPages(source: SchoolSource, updatedAfter: Record<string, string | null>): Promise<number> {
	let pages = 0;
	for (const endpoint of wondeConnector.endpoints) {
		const first = new URL(`${source.baseUrl}/${endpoint.path}`);
		for (const [k, v] of Object.entries(endpoint.query)) first.searchParams.set(k, v);
		const after = updatedAfter[endpoint.name];
		if (after) first.searchParams.set('updated_after', updatedAfterValue(after));
		let url: string | null = first.toString();
		while (url !== null) {
			const res = await fetch(url, { headers: { authorization: `Bearer ${source.token}`, accept: 'application/json' } });
			const body = JSON.parse(await res.text()) as { meta: { pagination: { next: string | null } } };
			url = body.meta.pagination.next;
			pages += 1;
		}
	}
	return pages;
}

async function syncRun(source: SchoolSource, log: (line: string) => void): Promise<SyncRun> {
	const dir = await mkdtemp(join(tmpdir(), 'lookout-bench-sync-'));
	try {
		const store = await MemoryStore.open({ journal: join(dir, 'journal.ndjson') });
		const state = new FileConnectorState(dir);
		try {
			// Baseline first, then the sync, then the same again for the incremental pass: each pair side by side.
			let t = performance.now();
			await fetchPages(source, {});
			const firstBaselineMs = performance.now() - t;
			t = performance.now();
			const first = await runSync(wondeConnector, source, { store, state });
			const firstMs = performance.now() - t;
			if (first.status.state !== 'ok') throw new Error(`the first sync ended ${first.status.state}: ${first.status.detail ?? ''}`);
			log(
				`bench: sync: first sync ${(firstMs / 1000).toFixed(1)} s (${first.status.recordsIn} records), fetch + parse ${(firstBaselineMs / 1000).toFixed(1)} s`
			);
			const cursors = first.status.cursors;
			t = performance.now();
			await fetchPages(source, cursors);
			const incrementalBaselineMs = performance.now() - t;
			t = performance.now();
			const again = await runSync(wondeConnector, source, { store, state });
			const incrementalMs = performance.now() - t;
			if (again.status.state !== 'ok' || again.status.recordsIn !== 0) throw new Error(`the incremental sync was not empty: ${again.status.recordsIn} records`);
			log(`bench: sync: incremental, nothing new ${incrementalMs.toFixed(0)} ms, fetch + parse ${incrementalBaselineMs.toFixed(0)} ms`);
			const { size } = await stat(join(dir, 'journal.ndjson'));
			return {
				firstMs,
				firstBaselineMs,
				incrementalMs,
				incrementalBaselineMs,
				records: first.status.recordsIn,
				events: first.endpoints.reduce((n, e) => n + e.appended, 0),
				pages: first.endpoints.reduce((n, e) => n + e.pages, 0),
				journalBytes: size
			};
		} finally {
			await store.close();
			await state.close();
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

const count = (n: number) => n.toLocaleString('en-GB');

function rows(runs: SyncRun[], ready: FakeReady): Row[] {
	const first = runs[0] as SyncRun;
	const size = `${count(ready.students)} students with contacts, ${count(ready.records['attendance/session'] ?? 0)} session marks, ${count(ready.records.lessons ?? 0)} lessons`;
	const value = (f: (r: SyncRun) => number) => runs.map(f);
	const firstValue = value((r) => r.firstMs / 1000);
	const firstBase = value((r) => r.firstBaselineMs / 1000);
	const incValue = value((r) => r.incrementalMs);
	const incBase = value((r) => r.incrementalBaselineMs);
	return [
		{
			scenario: 'sync',
			figure: `Wonde first sync: ${size} (${count(first.records)} records in ${count(first.pages)} pages)`,
			source: 'runSync against the fake Wonde over HTTP (its own process), journal on disk with fsync, cursors in a folder',
			unit: 's',
			value: spread(firstValue),
			baseline: { label: 'same pages, fetch + JSON.parse', value: spread(firstBase) },
			ratio: pairedRatio(firstValue, firstBase),
			target: `< ${FIRST_TARGET_MS / 1000} s`,
			verdict: spread(firstValue).median * 1000 < FIRST_TARGET_MS ? 'met' : 'MISSED',
			note: `${count(first.events)} events appended, journal ${(first.journalBytes / 1e6).toFixed(0)} MB`
		},
		{
			scenario: 'sync',
			figure: 'Wonde incremental sync, nothing new (8 endpoints asked with updated_after)',
			source: 'runSync on the state the first sync left',
			unit: 'ms',
			value: spread(incValue),
			baseline: { label: 'same requests, fetch + JSON.parse', value: spread(incBase) },
			ratio: pairedRatio(incValue, incBase),
			target: `< ${INCREMENTAL_TARGET_MS} ms`,
			verdict: spread(incValue).median < INCREMENTAL_TARGET_MS ? 'met' : 'MISSED'
		}
	];
}

export const syncScenario: Scenario = {
	name: 'sync',
	title: "a school's first Wonde sync and an incremental one with nothing new, against the fake Wonde over HTTP",
	async run(options: ScenarioOptions) {
		const { child, ready } = await startFake();
		try {
			const source: SchoolSource = { schoolId: 'bench-sync', baseUrl: ready.schoolUrl, token: ready.token };
			// Once untimed, so the fake's first pages (its JIT, its caches) are not charged to the first run's baseline.
			await fetchPages(source, {});
			const runs: SyncRun[] = [];
			for (let i = 0; i < options.runs; i++) runs.push(await syncRun(source, options.log));
			return { scenario: 'sync', title: this.title, rows: rows(runs, ready), runs };
		} finally {
			child.stdin?.end();
			await new Promise((resolve) => child.once('exit', resolve));
		}
	}
};
