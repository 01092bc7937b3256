import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';

/** The text of each file of an archive by its name (`unit.geojson`), whether it came zipped or as a folder. */
export type ArchiveFiles = ReadonlyMap<string, string>;

export type ReadArchive = { readonly ok: true; readonly files: ArchiveFiles; readonly ignored: string[] } | { readonly ok: false; readonly message: string };

/** Larger than any school's venue by far; a guard against a zip that unpacks to gigabytes. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const WANTED = /\.(geojson|json)$/i;

/** Reads `venue.zip` or a folder of `.geojson` files; never throws. Files other than JSON are listed in `ignored`. */
export async function readArchive(source: string): Promise<ReadArchive> {
	let isFolder: boolean;
	try {
		isFolder = (await stat(source)).isDirectory();
	} catch (error) {
		return { ok: false, message: `${source}: cannot read it: ${reason(error)}` };
	}
	return isFolder ? readFolder(source) : readZip(source);
}

async function readFolder(folder: string): Promise<ReadArchive> {
	const files = new Map<string, string>();
	const ignored: string[] = [];
	try {
		for (const entry of await readdir(folder, { withFileTypes: true })) {
			if (!entry.isFile() || !WANTED.test(entry.name)) {
				if (!entry.name.startsWith('.')) ignored.push(entry.name);
				continue;
			}
			files.set(entry.name, await readFile(path.join(folder, entry.name), 'utf8'));
		}
	} catch (error) {
		return { ok: false, message: `${folder}: cannot read it: ${reason(error)}` };
	}
	return { ok: true, files, ignored };
}

async function readZip(file: string): Promise<ReadArchive> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(file);
	} catch (error) {
		return { ok: false, message: `${file}: cannot read it: ${reason(error)}` };
	}
	const ignored: string[] = [];
	const tooLarge: string[] = [];
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes, {
			filter: (entry) => {
				const wanted = WANTED.test(entry.name) && !entry.name.startsWith('__MACOSX/') && !path.posix.basename(entry.name).startsWith('.');
				if (!wanted && !entry.name.endsWith('/')) ignored.push(entry.name);
				if (wanted && entry.originalSize > MAX_FILE_BYTES) tooLarge.push(entry.name);
				return wanted && entry.originalSize <= MAX_FILE_BYTES;
			}
		});
	} catch (error) {
		return { ok: false, message: `${file}: not a zip archive this can read: ${reason(error)}` };
	}
	if (tooLarge.length > 0) return { ok: false, message: `${file}: ${tooLarge.join(', ')} unpacks to more than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
	// Mapping tools often zip the folder itself, so `school/unit.geojson` is read as `unit.geojson`.
	const files = new Map<string, string>();
	const decoder = new TextDecoder('utf-8');
	for (const [name, data] of Object.entries(entries)) {
		const base = path.posix.basename(name);
		if (files.has(base)) return { ok: false, message: `${file}: holds ${base} twice (${name} is the second); one venue per archive` };
		files.set(base, decoder.decode(data));
	}
	return { ok: true, files, ignored };
}

function reason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code === 'ENOENT' ? 'no such file or folder' : error instanceof Error ? error.message : String(error);
}
