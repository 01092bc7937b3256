import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes every byte or throws: one write(2) may take only part of the buffer (a full disk takes
 * what fits and refuses the rest on the next call), and a caller that ignored the count would
 * count the rest as written.
 */
export async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<number> {
	const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	let done = 0;
	while (done < bytes.length) {
		const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
		if (bytesWritten <= 0) throw new Error(`wrote ${done} of ${bytes.length} bytes: the file takes no more`);
		done += bytesWritten;
	}
	return done;
}

export async function syncDirectory(path: string): Promise<void> {
	const dir = await open(path, 'r');
	try {
		await dir.sync();
	} finally {
		await dir.close();
	}
}

export class ReplaceError extends Error {
	constructor(
		file: string,
		/** Whether the new file had already taken the old one's place when it failed. */
		readonly replaced: boolean,
		cause: unknown
	) {
		super(`${file}: replacing the file failed ${replaced ? 'after' : 'before'} the new file took the old one's place`, { cause });
		this.name = 'ReplaceError';
	}
}

/**
 * Replaces a file whole: the pieces go to `<path>.rewrite`, which is synced, renamed over the
 * file, and its folder synced, so a crash leaves the old file or the new one, never a mix.
 * Resolves with the new file open for appending (the caller closes it) and its size.
 */
export async function replaceFile(path: string, pieces: Iterable<string | Uint8Array>): Promise<{ handle: FileHandle; size: number }> {
	const temp = `${path}.rewrite`;
	let handle: FileHandle | null = null;
	let size = 0;
	try {
		// Left over by a crash during an earlier rewrite: never renamed, so never the file.
		await rm(temp, { force: true });
		handle = await open(temp, 'ax+');
		for (const piece of pieces) size += await writeAll(handle, piece);
		await handle.sync();
		await rename(temp, path);
	} catch (err) {
		await handle?.close().catch(() => undefined);
		await rm(temp, { force: true }).catch(() => undefined);
		throw new ReplaceError(path, false, err);
	}
	try {
		// The rename is durable only once the folder is.
		await syncDirectory(dirname(path));
	} catch (err) {
		await handle.close().catch(() => undefined);
		throw new ReplaceError(path, true, err);
	}
	return { handle, size };
}
