import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ScenarioReport } from './report';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes `bench/results/<date>-<scenario>.json` directly (no scratch file) and returns its path. */
export async function writeResults(report: ScenarioReport, startedAt: Date): Promise<string> {
	await mkdir(RESULTS_DIR, { recursive: true });
	const date = startedAt.toISOString().slice(0, 10);
	const path = `${RESULTS_DIR}${date}-${report.scenario.toLowerCase()}.json`;
	const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
	const body = { scenario: report.scenario, title: report.title, startedAt: startedAt.toISOString(), machine, rows: report.rows, runs: report.runs };
	await writeFile(path, `${JSON.stringify(body, null, '\t')}\n`);
	return path;
}
