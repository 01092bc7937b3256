import { statSync } from 'node:fs';
import { join } from 'node:path';
import { backUpJournal, manifestPath } from '../store/journal-backup';
import { readCommandLine, refuse } from './command-line';
import { copyProgress, describeCopy } from './copy-progress';

const USAGE = `usage: npm run backup -- --to <file or folder> [--data-dir <folder>]
copies the event journal (journal.ndjson in --data-dir, else DATA_DIR, else ./data) to --to (a folder
gets journal-<time>.ndjson), with <backup>.manifest.json beside it: its lines, bytes, SHA-256 and each
school's events and last position. Lookout may be running: only lines written whole and synced are
copied. Restore it with npm run restore -- --from <backup>.`;

const { values } = readCommandLine('backup', USAGE, { options: { to: { type: 'string' }, 'data-dir': { type: 'string' } } });
if (values.to === undefined || values.to.trim() === '') refuse('backup', '--to: give the file or folder to copy the journal to');
const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
if (dataDir.trim() === '') refuse('backup', '--data-dir: give the folder of the journal');
const journal = join(dataDir, 'journal.ndjson');
const now = new Date();
const target = isFolder(values.to) ? join(values.to, `journal-${now.toISOString().replace(/[:.]/g, '-')}.ndjson`) : values.to;

try {
	const manifest = await backUpJournal(journal, target, copyProgress('backup'), now);
	const schools = Object.keys(manifest.schools).length;
	console.log(`backup: copied ${describeCopy(manifest.bytes, manifest.lines)} of ${schools} school(s) from ${journal} to ${target}`);
	console.log(`backup: ${manifest.quiescent ? 'nobody was writing the journal' : 'Lookout was writing the journal: copied up to its last whole line'}`);
	console.log(`backup: manifest (SHA-256 ${manifest.sha256}) in ${manifestPath(target)}`);
} catch (err) {
	console.error(`backup: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
}

function isFolder(path: string): boolean {
	if (/[/\\]$/.test(path)) return true;
	try {
		return statSync(path).isDirectory();
	} catch {
		// Nothing there yet: a file to be made.
		return false;
	}
}
