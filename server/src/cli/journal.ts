import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeScan, scanIsClean, scanJournal } from '../store/journal-check';
import { repairJournal } from '../store/journal-repair';
import { readCommandLine, refuse } from './command-line';

const USAGE = `usage: npm run journal -- <check|repair> [--data-dir <folder>]
the event journal (journal.ndjson) in --data-dir, else DATA_DIR, else ./data
  check    lists every line that is not a valid entry, every position of a school written twice, and a torn
           last line; exits 1 if a line is bad or a position repeated (changes nothing; Lookout may run)
  repair   sets the bad lines and a torn last line aside, byte for byte, in journal.ndjson.rejected-<time>
           with a report beside it, gives a repeated position the next free one, and rewrites the journal
           atomically; refuses while Lookout (or npm run admin) has the journal open`;

const { values, positionals } = readCommandLine('journal', USAGE, { options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
const [command, extra] = positionals;
if (command !== 'check' && command !== 'repair')
	refuse('journal', command === undefined ? 'give a command, check or repair' : `${command} is not a command: give check or repair`);
if (extra !== undefined) refuse('journal', `unexpected argument ${JSON.stringify(extra)}`);
const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
if (dataDir.trim() === '') refuse('journal', '--data-dir: give the folder of the journal');
const journal = join(dataDir, 'journal.ndjson');

try {
	if (!existsSync(journal)) {
		console.error(`journal: there is no journal at ${journal} (nothing written yet, or another --data-dir)`);
		process.exitCode = 1;
	} else if (command === 'check') await check();
	else await repair();
} catch (err) {
	// Refusals and file errors alike are one line: what went wrong and where.
	console.error(`journal: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
}

async function check(): Promise<void> {
	const scan = await scanJournal(journal);
	console.log(`journal: ${journal}: ${scan.lines} lines, ${scan.events} events of ${scan.schools} school(s)`);
	for (const problem of describeScan(scan)) console.log(`journal: ${problem}`);
	if (scanIsClean(scan)) {
		console.log(scan.torn ? 'journal: no bad lines (only the torn last line)' : 'journal: no problems');
		return;
	}
	console.log('journal: stop Lookout, then run `npm run journal -- repair` to set the bad lines aside and renumber repeated positions');
	process.exitCode = 1;
}

async function repair(): Promise<void> {
	const done = await repairJournal(journal, new Date());
	if (!done.after) {
		console.log(`journal: ${journal}: no problems; nothing changed`);
		return;
	}
	for (const problem of done.problems) console.log(`journal: ${problem}`);
	if (done.rejected) console.log(`journal: the lines taken out are in ${done.rejected}`);
	console.log(`journal: report in ${done.report ?? ''}`);
	const after = done.after;
	console.log(`journal: rewrote ${journal}: ${after.lines} lines, ${after.events} events of ${after.schools} school(s)`);
	if (!scanIsClean(after)) {
		for (const problem of describeScan(after)) console.error(`journal: still wrong: ${problem}`);
		process.exitCode = 1;
	}
}
