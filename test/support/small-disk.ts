import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
	dir: string;
	/** Fills the disk, then frees about `room` bytes (the filesystem counts whole pages). */
	fillLeaving(room: number): Promise<void>;
	/** Frees what `fillLeaving` took. */
	free(): Promise<void>;
	unmount(): Promise<void>;
}

/** A real filesystem of `size` (e.g. `2m`): a tmpfs mounted on a new folder. Needs root, as in CI. */
export async function mountSmallDisk(size = '2m'): Promise<SmallDisk> {
	const dir = await mkdtemp(join(tmpdir(), 'lookout-small-disk-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
	} catch (err) {
		await rmdir(dir).catch(() => undefined);
		const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || String(err);
		throw new Error(`the full-disk tests need a small real filesystem: \`mount -t tmpfs -o size=${size} tmpfs ${dir}\` failed (${why}); run them as root`, {
			cause: err
		});
	}
	const filler = join(dir, 'filler');
	return {
		dir,
		async fillLeaving(room) {
			const handle = await open(filler, 'w');
			try {
				const chunk = Buffer.alloc(64 * 1024, 0x78);
				for (;;) {
					try {
						await handle.write(chunk);
					} catch (err) {
						if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
						break;
					}
				}
				const { size: full } = await handle.stat();
				await handle.truncate(Math.max(0, full - room));
			} finally {
				await handle.close();
			}
		},
		free: () => rm(filler, { force: true }),
		async unmount() {
			try {
				execFileSync('umount', [dir], { stdio: 'pipe' });
			} catch {
				// Still busy (a test that failed left a file open): detach it now, freed once closed.
				execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
			}
			await rmdir(dir);
		}
	};
}
