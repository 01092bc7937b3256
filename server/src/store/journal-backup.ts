import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SchoolId } from '../../protocol';
import { replaceFile, syncDirectory } from './durable-file';
import { copyWholeLines, type CopyFigures, type CopyProgress } from './journal-copy';
import { JournalLock, JournalLockedError } from './journal-lock';
import { JournalRefusal } from './journal-refusal';

const Figures = z.object({ events: z.number().int().min(0), position: z.number().int().min(0) });

/** Written beside a backup as `<backup>.manifest.json`: what the copy holds, and what a replay of it must give. */
export const BackupManifest = z.object({
	kind: z.literal('lookout-journal-backup'),
	takenAt: z.iso.datetime(),
	/** Whether the journal's lock was free (nobody writing); otherwise the copy stops at the last whole, synced line. */
	quiescent: z.boolean(),
	bytes: z.number().int().min(0),
	lines: z.number().int().min(0),
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	schools: z.record(SchoolId, Figures)
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** Why a backup or a restore would not go ahead: one line, what is wrong and what to do. */
export class BackupRefusal extends JournalRefusal {
	override name = 'BackupRefusal';
}

export const manifestPath = (backup: string) => `${backup}.manifest.json`;

/**
 * Copies the journal to `target` with its manifest beside it, while Lookout may be writing it:
 * the journal's lock is taken if it is free; if not, what the writer has written is synced
 * first and only whole lines are copied, so a line still being written is not. Purges replace
 * the journal by renaming, so the copy reads the file as it was when it was opened.
 */
export async function backUpJournal(journal: string, target: string, progress: CopyProgress, now = new Date()): Promise<BackupManifest> {
	if (!existsSync(journal)) throw new BackupRefusal(`there is no journal at ${journal} (nothing written yet, or another --data-dir)`);
	if (existsSync(target)) throw new BackupRefusal(`${target} exists: give a new file or a folder, so no backup is overwritten`);
	await mkdir(dirname(target), { recursive: true });
	const lock = await JournalLock.take(journal, 'npm run backup').catch((err: unknown) => {
		if (err instanceof JournalLockedError && err.holder) return null;
		throw err;
	});
	let figures: CopyFigures;
	try {
		const source = await open(journal, 'r');
		try {
			// Lines a running writer has written but perhaps not yet synced reach the disk before they are copied.
			await source.datasync();
			const { size } = await source.stat();
			figures = await copyWholeLines(source, size, `${target}.partial`, progress);
		} finally {
			await source.close();
		}
	} finally {
		await lock?.release();
	}
	if (figures.firstBadLine !== null) {
		await rm(`${target}.partial`, { force: true });
		throw new BackupRefusal(`${journal}: line ${figures.firstBadLine} is not a journal entry; run \`npm run journal -- check\` first`);
	}
	// The manifest's rename below syncs the folder, and this rename with it.
	await rename(`${target}.partial`, target);
	const manifest: BackupManifest = {
		kind: 'lookout-journal-backup',
		takenAt: now.toISOString(),
		quiescent: lock !== null,
		bytes: figures.bytes,
		lines: figures.lines,
		sha256: figures.sha256,
		schools: figures.schools
	};
	const { handle } = await replaceFile(manifestPath(target), [`${JSON.stringify(manifest, null, '\t')}\n`]);
	await handle.close();
	return manifest;
}

export async function readManifest(backup: string): Promise<BackupManifest> {
	const path = manifestPath(backup);
	let json: unknown;
	try {
		json = JSON.parse(await readFile(path, 'utf8'));
	} catch (err) {
		const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
		throw new BackupRefusal(missing ? `${path} is missing: a backup is restored only with its manifest` : `${path} is not JSON`);
	}
	const parsed = BackupManifest.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new BackupRefusal(`${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
	}
	return parsed.data;
}

/**
 * Writes the backup as the journal, once its SHA-256 matches the manifest's (otherwise nothing
 * is written). Holds the journal's lock meanwhile, so it refuses while Lookout runs on it, and
 * refuses an existing journal unless `force`. The new journal appears whole, by a rename.
 */
export async function restoreJournal(backup: string, journal: string, options: { force: boolean; progress: CopyProgress }): Promise<BackupManifest> {
	const manifest = await readManifest(backup);
	if (existsSync(journal) && !options.force) throw new BackupRefusal(`${journal} exists: give --force to replace it`);
	const lock = await JournalLock.take(journal, 'npm run restore');
	const partial = `${journal}.restore`;
	try {
		await rm(partial, { force: true });
		const source = await open(backup, 'r');
		let figures: CopyFigures;
		try {
			figures = await copyWholeLines(source, (await source.stat()).size, partial, options.progress);
		} finally {
			await source.close();
		}
		if (figures.sha256 !== manifest.sha256 || figures.bytes !== manifest.bytes || figures.tornBytes > 0) {
			await rm(partial, { force: true });
			throw new BackupRefusal(
				`${backup} does not match its manifest (SHA-256 ${figures.sha256.slice(0, 12)}…, the manifest says ${manifest.sha256.slice(0, 12)}…): the copy is damaged; nothing was restored`
			);
		}
		await rename(partial, journal);
		await syncDirectory(dirname(journal));
	} finally {
		await lock.release();
	}
	return manifest;
}
