import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WholeNumberText } from '../server/protocol';
import { readCommandLine } from '../server/src/cli/command-line';
import type { Row } from './lib/report';
import { writeResults } from './lib/results';
import { renderTable } from './lib/table';
import { SCENARIOS } from './scenarios/all';

const BUDGET_MS = 10 * 60_000;

const { values } = readCommandLine(
	'bench',
	`usage: npm run bench -- [--scenario <name>] [--runs 2] [--profile <folder>]
Runs the load scenarios against real Lookout processes and writes the results under bench/results/.
  --scenario  one scenario only: ${SCENARIOS.map((s) => s.name).join(', ')}
  --runs      runs of each scenario, 1-9 (2); the figures are the median
  --profile   writes CPU profiles of the server into this folder`,
	{
		options: {
			scenario: { type: 'string' },
			runs: { type: 'string', default: '2' },
			profile: { type: 'string' }
		}
	}
);

const runs = WholeNumberText.safeParse(values.runs).data ?? NaN;
if (!(runs >= 1 && runs <= 9)) {
	console.error(`bench: --runs must be a whole number from 1 to 9, not ${values.runs}`);
	process.exit(2);
}
const wanted = values.scenario?.toLowerCase();
const chosen = wanted ? SCENARIOS.filter((s) => s.name.toLowerCase() === wanted) : SCENARIOS;
if (chosen.length === 0) {
	console.error(`bench: no scenario '${values.scenario}'; choose one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
	process.exit(2);
}
const profileDir = values.profile ? resolve(values.profile) : undefined;
if (profileDir) await mkdir(profileDir, { recursive: true });

const startedAt = new Date();
const rows: Row[] = [];
let failed = false;
for (const scenario of chosen) {
	const began = Date.now();
	console.log(`bench: ${scenario.name}, ${scenario.title}`);
	try {
		const report = await scenario.run({ runs, log: (line) => console.log(`  ${line}`), ...(profileDir ? { profileDir } : {}) });
		rows.push(...report.rows);
		console.log(`  ${((Date.now() - began) / 1_000).toFixed(0)} s; results in ${await writeResults(report, startedAt)}`);
	} catch (err) {
		failed = true;
		console.error(`bench: ${scenario.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
	}
}

const elapsed = Date.now() - startedAt.getTime();
console.log(`\n${renderTable(rows)}\n`);
console.log(`bench: ${runs} run(s) per scenario, ${(elapsed / 1_000).toFixed(0)} s in all${elapsed > BUDGET_MS ? ' (over the 10-minute budget)' : ''}`);
if (failed) process.exitCode = 1;
