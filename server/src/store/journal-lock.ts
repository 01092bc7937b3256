import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { JournalRefusal } from './journal-refusal';

const Holder = z.object({ pid: z.number().int().min(1), what: z.string().max(200), since: z.string().max(40) });
type Holder = z.infer<typeof Holder>;

/** A takeover guard older than this was left by a process that died taking over; a takeover lasts milliseconds. */
const GUARD_STALE_MS = 10_000;

/** Locks this process holds: a lock file naming this pid is live only if it is one of them. */
const heldHere = new Map<string, string>();

export class JournalLockedError extends JournalRefusal {
	constructor(
		readonly dataDir: string,
		readonly holder: Holder | null,
		detail?: string
	) {
		super(
			holder
				? `${dataDir} is in use by ${holder.what} (pid ${holder.pid}, since ${holder.since}): only one process may write its journal; stop that one first, or set REDIS_URL to share the store`
				: `${dataDir}: ${detail ?? 'its journal lock could not be taken'}`
		);
		this.name = 'JournalLockedError';
	}
}

/**
 * One writer a journal: `<journal>.lock` holds the writer's pid while it runs. It appears whole
 * (written beside it, then linked into place, which fails if one is there), and a lock whose
 * holder has died is taken over under a guard, so two takers cannot both remove it.
 */
export class JournalLock {
	private constructor(
		readonly path: string,
		private readonly content: string
	) {}

	/** Takes the lock for this journal, or throws `JournalLockedError` naming the live holder. */
	static async take(journal: string, what: string): Promise<JournalLock> {
		const path = `${journal}.lock`;
		const dataDir = dirname(journal);
		if (heldHere.has(path)) throw new JournalLockedError(dataDir, Holder.parse(JSON.parse(heldHere.get(path) as string)));
		const content = `${JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() } satisfies Holder)}\n`;
		const mine = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
		try {
			await mkdir(dataDir, { recursive: true });
			await writeFile(mine, content, { flag: 'wx' });
		} catch (err) {
			// A full disk, a read-only folder: said in one line, as the start shows it.
			await rm(mine, { force: true }).catch(() => undefined);
			throw new JournalLockedError(
				dataDir,
				null,
				`its journal lock could not be written (${(err as NodeJS.ErrnoException).code ?? String(err)}); nothing was opened`
			);
		}
		try {
			for (let attempt = 0; attempt < 5; attempt += 1) {
				try {
					await link(mine, path);
					heldHere.set(path, content);
					return new JournalLock(path, content);
				} catch (err) {
					if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
				}
				const found = await readLock(path);
				if (found === null) continue;
				if (found.holder && alive(found.holder.pid, path)) throw new JournalLockedError(dataDir, found.holder);
				await removeStale(path, found.raw, dataDir);
			}
			throw new JournalLockedError(dataDir, null, `its journal lock ${path} keeps changing hands; try again`);
		} finally {
			await rm(mine, { force: true });
		}
	}

	/** Whether the lock file is still this one: not removed by hand, nor taken over. */
	async held(): Promise<boolean> {
		const found = await readLock(this.path).catch(() => null);
		return found?.raw === this.content;
	}

	/** Gives the lock up, if it is still this one. */
	async release(): Promise<void> {
		heldHere.delete(this.path);
		const found = await readLock(this.path).catch(() => null);
		if (found?.raw === this.content) await rm(this.path, { force: true });
	}
}

async function readLock(path: string): Promise<{ raw: string; holder: Holder | null } | null> {
	let raw: string;
	try {
		raw = await readFile(path, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
	try {
		const parsed = Holder.safeParse(JSON.parse(raw));
		return { raw, holder: parsed.success ? parsed.data : null };
	} catch {
		// Not written by a lock of ours (they appear whole): nobody can be holding it.
		return { raw, holder: null };
	}
}

/** Whether the holder runs. A lock naming this very process is live only if taken here: a restarted container may reuse the pid. */
function alive(pid: number, path: string): boolean {
	if (pid === process.pid) return heldHere.has(path);
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes a dead holder's lock, unless someone else replaced it since it was read. */
async function removeStale(path: string, staleRaw: string, dataDir: string): Promise<void> {
	const guard = `${path}.takeover`;
	try {
		await writeFile(guard, `${process.pid}\n`, { flag: 'wx' });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		const age = Date.now() - (await stat(guard).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
		if (age > GUARD_STALE_MS) {
			await rm(guard, { force: true });
			return;
		}
		throw new JournalLockedError(dataDir, null, `another process is taking over its journal lock (${guard}); try again`);
	}
	try {
		const now = await readLock(path);
		if (now?.raw === staleRaw) await rm(path);
	} finally {
		await rm(guard, { force: true });
	}
}
