import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SchoolId, type StoredEvent } from '../../protocol';
import { readStored, STORED_VERSION } from './stored-version';

/** `v` is the stored-event version (absent: 1); `e` is checked once brought up to date. */
const EventLine = z.object({ v: z.number().int().min(1).optional(), p: z.number().int().min(1), r: z.string(), e: z.unknown() });
const EndLine = z.object({ p: z.number().int().min(1), s: SchoolId });

/**
 * Where a school's log ends when its newest events were purged: without it, a restart would
 * number new events from the last one left and hand out positions clients have already seen.
 */
export interface LogEnd {
	schoolId: string;
	position: number;
}

export type JournalEntry = StoredEvent | LogEnd;

/** Rewrites are built and written in pieces of about this many characters, not as one string. */
const REWRITE_CHUNK = 1 << 20;

export class JournalCorruptError extends Error {
	constructor(file: string, line: number, detail: string) {
		super(`${file}: line ${line} is not a valid journal entry (${detail}); refusing to start`);
		this.name = 'JournalCorruptError';
	}
}

export class JournalRewriteError extends Error {
	constructor(
		file: string,
		/** Whether the new file had already taken the old one's place when it failed. */
		readonly replaced: boolean,
		cause: unknown
	) {
		super(`${file}: rewriting the journal failed ${replaced ? 'after' : 'before'} the new file replaced the old one`, { cause });
		this.name = 'JournalRewriteError';
	}
}

/**
 * An append-only NDJSON file: one stored event a line. Lines are validated when read back,
 * because the file is a boundary like any other. A torn final line (the process died
 * mid-write) was never acknowledged, so it is cut off; anything else wrong stops the start.
 */
export class JournalFile {
	/** Writes made (each ending in one fsync); group commit keeps it well below the appends. */
	writes = 0;

	private constructor(
		readonly path: string,
		private handle: FileHandle
	) {}

	static async open(path: string, onEntry: (entry: JournalEntry) => void): Promise<JournalFile> {
		await mkdir(dirname(path), { recursive: true });
		const goodBytes = await replay(path, onEntry);
		const handle = await open(path, 'a+');
		const { size } = await handle.stat();
		if (size > goodBytes) await handle.truncate(goodBytes);
		return new JournalFile(path, handle);
	}

	async append(events: readonly StoredEvent[]): Promise<void> {
		let text = '';
		for (const s of events) text += lineOf(s);
		await this.handle.write(text);
		await this.handle.datasync();
		this.writes += 1;
	}

	/**
	 * Replaces the whole file with these entries (a purge): they are written to a file beside
	 * it, synced, and renamed over it, so a crash leaves the old journal or the new one, never
	 * a mix. Appends must not run meanwhile. On failure, `replaced` says which file is in place.
	 */
	async rewrite(entries: Iterable<JournalEntry>): Promise<void> {
		const temp = `${this.path}.rewrite`;
		let handle: FileHandle | null = null;
		try {
			// Left over by a crash during an earlier rewrite: never renamed, so never the journal.
			await rm(temp, { force: true });
			handle = await open(temp, 'ax+');
			let text = '';
			for (const entry of entries) {
				text += lineOf(entry);
				if (text.length < REWRITE_CHUNK) continue;
				await handle.write(text);
				text = '';
			}
			if (text !== '') await handle.write(text);
			await handle.sync();
			await rename(temp, this.path);
		} catch (err) {
			await handle?.close().catch(() => undefined);
			await rm(temp, { force: true }).catch(() => undefined);
			throw new JournalRewriteError(this.path, false, err);
		}
		const old = this.handle;
		this.handle = handle;
		await old.close().catch(() => undefined);
		try {
			// The rename is durable only once the directory is: appends after it go to the new file.
			await syncDirectory(dirname(this.path));
		} catch (err) {
			throw new JournalRewriteError(this.path, true, err);
		}
	}

	async close(): Promise<void> {
		await this.handle.close();
	}
}

function lineOf(entry: JournalEntry): string {
	const line = 'event' in entry ? { v: STORED_VERSION, p: entry.position, r: entry.receivedAt, e: entry.event } : { p: entry.position, s: entry.schoolId };
	return `${JSON.stringify(line)}\n`;
}

async function syncDirectory(path: string): Promise<void> {
	const dir = await open(path, 'r');
	try {
		await dir.sync();
	} finally {
		await dir.close();
	}
}

/**
 * Reads every complete line; returns how many bytes of the file were whole lines. Lines are cut
 * from the bytes and decoded once each: a school's reference data is one line of most of a
 * megabyte, and joining text chunk by chunk would scan it again for every chunk.
 */
async function replay(path: string, onEntry: (entry: JournalEntry) => void): Promise<number> {
	const partial: Buffer[] = [];
	let bytes = 0;
	let lineNo = 0;
	try {
		for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
			let start = 0;
			for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
				const piece = chunk.subarray(start, end);
				const line = partial.length === 0 ? piece : Buffer.concat([...partial.splice(0), piece]);
				start = end + 1;
				lineNo += 1;
				bytes += line.length + 1;
				const text = line.toString('utf8');
				if (text.trim() === '') continue;
				onEntry(parseLine(path, lineNo, text));
			}
			if (start < chunk.length) partial.push(chunk.subarray(start));
		}
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
		throw err;
	}
	return bytes;
}

const NEWLINE = 0x0a;

function parseLine(path: string, lineNo: number, line: string): JournalEntry {
	let json: unknown;
	try {
		json = JSON.parse(line);
	} catch {
		throw new JournalCorruptError(path, lineNo, 'not JSON');
	}
	const end = typeof json === 'object' && json !== null && 's' in json;
	const parsed = (end ? EndLine : EventLine).safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new JournalCorruptError(path, lineNo, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
	}
	const data = parsed.data;
	if ('s' in data) return { schoolId: data.s, position: data.p };
	const read = readStored(data.v, data.e);
	if (!read.ok) throw new JournalCorruptError(path, lineNo, read.detail);
	return { position: data.p, receivedAt: data.r, event: read.event };
}
