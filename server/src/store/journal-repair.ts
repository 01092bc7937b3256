import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { replaceFile, syncDirectory, writeAll } from './durable-file';
import { describeScan, scanIsClean, scanJournal, type JournalScan } from './journal-check';
import { JournalLock } from './journal-lock';

export interface Repair {
	/** What was wrong, one line each (empty: nothing was). */
	problems: string[];
	/** Where the lines taken out went, with the report beside it; null when none were. */
	rejected: string | null;
	report: string | null;
	/** The journal as rewritten. */
	after: JournalScan | null;
}

/**
 * Sets a journal's bad lines (and a torn last line) aside in `<journal>.rejected-<time>`, byte
 * for byte, with `<that>.report` saying where each came from and why; gives a position written
 * twice the next free one; then replaces the journal atomically with the rest. Holds the
 * journal's lock throughout, so it refuses while Lookout runs on the file.
 */
export async function repairJournal(path: string, now: Date): Promise<Repair> {
	const lock = await JournalLock.take(path, 'npm run journal -- repair');
	try {
		const scan = await scanJournal(path);
		const problems = describeScan(scan);
		if (scanIsClean(scan) && !scan.torn) return { problems, rejected: null, report: null, after: null };
		const stamp = now.toISOString().replace(/[:.]/g, '-');
		const rejected = scan.bad.length > 0 || scan.torn ? `${path}.rejected-${stamp}` : null;
		const report = `${path}.repair-${stamp}.report`;
		const lines = [`${path}: repaired at ${now.toISOString()}`, ...problems];
		if (rejected) {
			const taken = [...scan.bad.map((b) => ({ line: b.line, bytes: b.bytes })), ...(scan.torn ? [{ line: scan.torn.line, bytes: scan.torn.bytes }] : [])];
			await writeDurably(
				rejected,
				taken.map((t) => Buffer.concat([t.bytes, Buffer.from('\n')]))
			);
			lines.push(`set aside in ${rejected}, in this order: ${taken.map((t) => `line ${t.line}`).join(', ')}`);
		}
		await writeDurably(report, [`${lines.join('\n')}\n`]);
		// The lines set aside are on disk before the journal lets them go.
		await syncDirectory(dirname(path));
		const { handle } = await replaceFile(
			path,
			scan.kept.map((bytes) => Buffer.concat([bytes, Buffer.from('\n')]))
		);
		await handle.close();
		const after = await scanJournal(path);
		return { problems, rejected, report, after };
	} finally {
		await lock.release();
	}
}

async function writeDurably(path: string, pieces: readonly (string | Buffer)[]): Promise<void> {
	const handle = await open(path, 'wx');
	try {
		for (const piece of pieces) await writeAll(handle, piece);
		await handle.sync();
	} finally {
		await handle.close();
	}
}
