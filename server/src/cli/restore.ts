import { join } from 'node:path';
import { applyEvent } from '../domain/apply';
import { createSchoolState } from '../domain/school/state';
import { silentLogger } from '../logger';
import type { SchoolFigures } from '../store/journal-copy';
import { restoreJournal } from '../store/journal-backup';
import { MemoryStore } from '../store/memory-store';
import { readCommandLine, refuse } from './command-line';
import { copyProgress, describeCopy } from './copy-progress';

const USAGE = `usage: npm run restore -- --from <backup> [--journal <path>] [--force]
writes a backup made by npm run backup as the event journal (--journal, else journal.ndjson in DATA_DIR,
else ./data), once its SHA-256 matches its manifest; then replays it and checks every school comes to
the events and position the manifest says. Refuses an existing journal without --force, and refuses
while Lookout runs on it. Exits 1 if the copy is damaged or a school replays differently.`;

const { values } = readCommandLine('restore', USAGE, {
	options: { from: { type: 'string' }, journal: { type: 'string' }, force: { type: 'boolean', default: false } }
});
if (values.from === undefined || values.from.trim() === '') refuse('restore', '--from: give the backup to restore');
if (values.journal?.trim() === '') refuse('restore', '--journal: give the path of the journal to write');
const journal = values.journal ?? join(process.env.DATA_DIR || './data', 'journal.ndjson');

try {
	const manifest = await restoreJournal(values.from, journal, { force: values.force, progress: copyProgress('restore') });
	console.log(`restore: wrote ${describeCopy(manifest.bytes, manifest.lines)} to ${journal} (SHA-256 as the manifest says)`);
	const replayed = await replay(journal);
	const differing = compare(manifest.schools, replayed);
	if (differing > 0) {
		console.error(`restore: ${differing} school(s) replay differently from the backup's manifest`);
		process.exitCode = 1;
	} else console.log(`restore: all ${Object.keys(manifest.schools).length} school(s) replay as backed up`);
} catch (err) {
	console.error(`restore: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
}

/** Each school of the journal as Lookout would rebuild it: its events and the position its state reaches. */
async function replay(path: string): Promise<Record<string, SchoolFigures>> {
	const store = await MemoryStore.open({ journal: path, logger: silentLogger, writer: 'npm run restore' });
	try {
		const figures: Record<string, SchoolFigures> = {};
		for (const schoolId of await store.schools()) {
			const state = createSchoolState(schoolId);
			let events = 0;
			for await (const stored of store.read(schoolId)) {
				applyEvent(state, stored);
				events += 1;
			}
			figures[schoolId] = { events, position: state.position };
		}
		return figures;
	} finally {
		await store.close();
	}
}

/** Prints one line a school; answers how many differ. */
function compare(expected: Record<string, SchoolFigures>, replayed: Record<string, SchoolFigures>): number {
	let differing = 0;
	for (const schoolId of [...new Set([...Object.keys(expected), ...Object.keys(replayed)])].sort()) {
		const want = expected[schoolId];
		const got = replayed[schoolId];
		const said = (f: SchoolFigures | undefined) => (f ? `${f.events} events to position ${f.position}` : 'nothing');
		if (want && got && want.events === got.events && want.position === got.position) {
			console.log(`restore: ${schoolId}: ${said(got)}, as backed up`);
			continue;
		}
		differing += 1;
		console.log(`restore: ${schoolId}: replays ${said(got)}; the manifest says ${said(want)}`);
	}
	return differing;
}
