import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { SchoolId, type InboundEvent, type StoredEvent } from '../../protocol';
import { readStored, STORED_VERSION } from './stored-version';
import type { Logger } from '../logger';
import { replaceFile, ReplaceError, writeAll } from './durable-file';
import { readLines } from './journal-lines';
import { describePositionProblem, PositionOrder, type PositionProblem } from './journal-positions';
import { CHECK_COMMAND, JournalRefusal, REPAIR_COMMAND } from './journal-refusal';

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

const WHAT_TO_RUN = `run \`${CHECK_COMMAND}\` to list every problem, then \`${REPAIR_COMMAND}\` to set the bad lines aside`;

export class JournalCorruptError extends JournalRefusal {
	constructor(
		file: string,
		readonly line: number,
		readonly detail: string
	) {
		super(`${file}: line ${line} is not a valid journal entry (${detail}); the journal cannot be opened: ${WHAT_TO_RUN}`);
		this.name = 'JournalCorruptError';
	}
}

/** Two lines with one position of a school: two processes wrote the journal at once. */
export class JournalPositionsError extends JournalRefusal {
	constructor(
		file: string,
		readonly problem: PositionProblem
	) {
		super(`${file}: ${describePositionProblem(problem)}; the journal cannot be opened: ${WHAT_TO_RUN} (it renumbers the later lines)`);
		this.name = 'JournalPositionsError';
	}
}

/** An append that did not reach the disk whole: nothing of it is kept, and the file ends where it did. */
export class JournalWriteError extends Error {
	constructor(
		file: string,
		/** Whether the file could be cut back to its last whole line. */
		readonly cutBack: boolean,
		cause: unknown
	) {
		super(`${file}: the append could not be written${cutBack ? '; the file is as it was before it' : ' nor cut back yet'}`, { cause });
		this.name = 'JournalWriteError';
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
 * mid-write) was never acknowledged, so it is cut off, and the cut logged; anything else wrong
 * (a bad line, a school's position twice) stops the start.
 */
export class JournalFile {
	/** Writes made (each ending in one fsync); group commit keeps it well below the appends. */
	writes = 0;
	/** Bytes of whole, synced lines: where the file is cut back to when an append fails. */
	#size: number;
	/** Whether bytes of a failed append may still lie past `#size`. */
	#torn = false;
	/** Told how long each append's fsync took, in seconds. */
	syncTimer: { observe(seconds: number): void } | null = null;

	private constructor(
		readonly path: string,
		private handle: FileHandle,
		size: number
	) {
		this.#size = size;
	}

	static async open(path: string, onEntry: (entry: JournalEntry) => void, logger: Logger): Promise<JournalFile> {
		await mkdir(dirname(path), { recursive: true });
		const order = new PositionOrder();
		const read = await readLines(path, (bytes, lineNo) => {
			const text = bytes.toString('utf8');
			if (text.trim() === '') return;
			const entry = readLine(path, lineNo, bytes, text);
			if ('event' in entry) {
				const problem = order.event(entry.event.schoolId, entry.position, lineNo);
				if (problem) throw new JournalPositionsError(path, problem);
			} else order.end(entry.schoolId, entry.position, lineNo);
			onEntry(entry);
		});
		const handle = await open(path, 'a+');
		try {
			const { size } = await handle.stat();
			if (size > read.wholeBytes) {
				await handle.truncate(read.wholeBytes);
				await handle.datasync();
				logger.warn(
					`Lookout: cut a torn last line off ${path}: line ${read.lines + 1}, ${size - read.wholeBytes} bytes from byte ${read.wholeBytes}, whose write never finished (so it was never acknowledged)`
				);
			}
		} catch (err) {
			await handle.close();
			throw err;
		}
		return new JournalFile(path, handle, read.wholeBytes);
	}

	/**
	 * Resolves once every line is written and synced. Otherwise the file is cut back to where it
	 * ended before (if that fails too, the next append cuts it first) and it throws.
	 */
	async append(events: readonly StoredEvent[]): Promise<void> {
		let text = '';
		for (const s of events) text += lineOf(s);
		if (this.#torn) await this.#cutBack().catch((err: unknown) => Promise.reject(new JournalWriteError(this.path, false, err)));
		let written: number;
		try {
			written = await writeAll(this.handle, text);
			const syncing = performance.now();
			await this.handle.datasync();
			this.syncTimer?.observe((performance.now() - syncing) / 1000);
		} catch (err) {
			this.#torn = true;
			const cutBack = await this.#cutBack().then(
				() => true,
				() => false
			);
			throw new JournalWriteError(this.path, cutBack, err);
		}
		this.#size += written;
		this.writes += 1;
	}

	/** False while the end of a failed append may still be in the file. */
	get sound(): boolean {
		return !this.#torn;
	}

	/**
	 * Whether the file this journal writes is still the one at its path: one moved or deleted
	 * under a running process would take appends that no restart ever reads.
	 */
	async inPlace(): Promise<boolean> {
		try {
			const [open, named] = await Promise.all([this.handle.stat(), stat(this.path)]);
			return open.ino === named.ino && open.dev === named.dev;
		} catch {
			// Gone from its path, or the handle closed: either way appends would be lost.
			return false;
		}
	}

	async #cutBack(): Promise<void> {
		await this.handle.truncate(this.#size);
		await this.handle.datasync();
		this.#torn = false;
	}

	/**
	 * Replaces the whole file with these entries (a purge): they are written to a file beside
	 * it, synced, and renamed over it, so a crash leaves the old journal or the new one, never
	 * a mix. Appends must not run meanwhile. On failure, `replaced` says which file is in place.
	 */
	async rewrite(entries: Iterable<JournalEntry>): Promise<void> {
		let replaced: { handle: FileHandle; size: number };
		try {
			replaced = await replaceFile(this.path, chunks(entries));
		} catch (err) {
			if (!(err instanceof ReplaceError && err.replaced)) throw new JournalRewriteError(this.path, false, err);
			// The new file is in place, if perhaps not yet durably: appends go to it.
			replaced = await reopen(this.path).catch(() => ({ handle: this.handle, size: this.#size }));
			await this.#takeOver(replaced);
			throw new JournalRewriteError(this.path, true, err);
		}
		await this.#takeOver(replaced);
	}

	async #takeOver(replaced: { handle: FileHandle; size: number }): Promise<void> {
		const old = this.handle;
		this.handle = replaced.handle;
		this.#size = replaced.size;
		this.#torn = false;
		if (old !== replaced.handle) await old.close().catch(() => undefined);
	}

	async close(): Promise<void> {
		await this.handle.close();
	}
}

function* chunks(entries: Iterable<JournalEntry>): Iterable<string> {
	let text = '';
	for (const entry of entries) {
		text += lineOf(entry);
		if (text.length < REWRITE_CHUNK) continue;
		yield text;
		text = '';
	}
	if (text !== '') yield text;
}

async function reopen(path: string): Promise<{ handle: FileHandle; size: number }> {
	const handle = await open(path, 'a+');
	return { handle, size: (await handle.stat()).size };
}

/**
 * Every line this code writes starts with a seal, `{"c":"<8 hex digits>",`: the CRC-32 of the
 * rest of the line's bytes. The events in it passed the contract before they were appended, so
 * a start that finds the seal whole, on a line of the version it writes, takes the line as it
 * was written without checking it against the contract again (most of a restart's time went
 * there). A line edited by hand, cut, or renumbered by a repair no longer matches its seal, and
 * a line without one (an older journal, a golden one) has none: those are checked in full, as
 * before, and refused naming the line. `npm run journal -- check` checks every line in full.
 */
const SEAL_START = '{"c":"';
const SEAL_LENGTH = SEAL_START.length + 8 + 2;
const HEX8 = /^[0-9a-f]{8}$/;

function lineOf(entry: JournalEntry): string {
	const line = 'event' in entry ? { v: STORED_VERSION, p: entry.position, r: entry.receivedAt, e: entry.event } : { p: entry.position, s: entry.schoolId };
	const rest = JSON.stringify(line).slice(1);
	return `${SEAL_START}${crc32(rest).toString(16).padStart(8, '0')}",${rest}\n`;
}

/** Whether a line starts with a seal that its remaining bytes match. */
function sealHolds(bytes: Buffer): boolean {
	if (bytes.length <= SEAL_LENGTH || bytes.toString('latin1', 0, SEAL_START.length) !== SEAL_START) return false;
	const stated = bytes.toString('latin1', SEAL_START.length, SEAL_START.length + 8);
	if (!HEX8.test(stated) || bytes.toString('latin1', SEAL_LENGTH - 2, SEAL_LENGTH) !== '",') return false;
	return crc32(bytes.subarray(SEAL_LENGTH)) === Number.parseInt(stated, 16);
}

const isPosition = (p: unknown): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 1;

/** A line as a start reads it: sealed lines of this version as written, every other line through `parseLine`. */
function readLine(path: string, lineNo: number, bytes: Buffer, text: string): JournalEntry {
	if (!sealHolds(bytes)) return parseLine(path, lineNo, text);
	const json = parseJson(path, lineNo, text);
	if (typeof json === 'object' && json !== null && 'e' in json) {
		const { v, p, r, e } = json as { v?: unknown; p?: unknown; r?: unknown; e?: unknown };
		if (v === STORED_VERSION && isPosition(p) && typeof r === 'string' && typeof e === 'object' && e !== null) {
			return { position: p, receivedAt: r, event: e as InboundEvent };
		}
	}
	return checkLine(path, lineNo, json);
}

function parseJson(path: string, lineNo: number, line: string): unknown {
	try {
		return JSON.parse(line);
	} catch {
		throw new JournalCorruptError(path, lineNo, 'not JSON');
	}
}

/** One line's entry, checked in full against the contract, or `JournalCorruptError` naming the line and what is wrong with it. */
export function parseLine(path: string, lineNo: number, line: string): JournalEntry {
	return checkLine(path, lineNo, parseJson(path, lineNo, line));
}

function checkLine(path: string, lineNo: number, json: unknown): JournalEntry {
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
