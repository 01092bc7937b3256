import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { SchoolId } from '../../protocol';
import { writeAll } from './durable-file';

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;
/** Enough of a line to place it: its position, and its school (an event's, or a purged log's end). */
const LinePlace = z.union([
	z.object({ p: z.number().int().min(1), e: z.object({ schoolId: SchoolId }) }),
	z.object({ p: z.number().int().min(1), s: SchoolId })
]);

/** A school's events in a journal and the position of the last one: what a replay of it must give. */
export interface SchoolFigures {
	events: number;
	position: number;
}

export interface CopyFigures {
	/** Bytes and lines copied: whole lines only. */
	bytes: number;
	lines: number;
	sha256: string;
	schools: Record<string, SchoolFigures>;
	/** The first line that could not be placed (not an entry), or null. */
	firstBadLine: number | null;
	/** Bytes after the last newline, not copied: a write that never finished. */
	tornBytes: number;
}

export type CopyProgress = (copied: { bytes: number; lines: number }) => void;

/**
 * Copies the whole lines among the first `upTo` bytes of `source` into `target` (a new file,
 * synced before this resolves), hashing what it writes and counting each school's events.
 */
export async function copyWholeLines(source: FileHandle, upTo: number, target: string, progress: CopyProgress): Promise<CopyFigures> {
	const hash = createHash('sha256');
	const schools: Record<string, SchoolFigures> = {};
	const out = await open(target, 'wx');
	let bytes = 0;
	let lines = 0;
	let firstBadLine: number | null = null;
	let carried = Buffer.alloc(0);
	try {
		const buffer = Buffer.alloc(CHUNK);
		for (let offset = 0; offset < upTo;) {
			const { bytesRead } = await source.read(buffer, 0, Math.min(CHUNK, upTo - offset), offset);
			if (bytesRead === 0) break;
			offset += bytesRead;
			const chunk = carried.length === 0 ? buffer.subarray(0, bytesRead) : Buffer.concat([carried, buffer.subarray(0, bytesRead)]);
			const end = chunk.lastIndexOf(NEWLINE) + 1;
			const whole = chunk.subarray(0, end);
			let start = 0;
			for (let nl = whole.indexOf(NEWLINE); nl !== -1; nl = whole.indexOf(NEWLINE, start)) {
				lines += 1;
				if (!place(whole.subarray(start, nl), schools) && firstBadLine === null) firstBadLine = lines;
				start = nl + 1;
			}
			hash.update(whole);
			bytes += await writeAll(out, whole);
			carried = Buffer.from(chunk.subarray(end));
			progress({ bytes, lines });
		}
		await out.sync();
	} catch (err) {
		await out.close().catch(() => undefined);
		await rm(target, { force: true });
		throw err;
	}
	await out.close();
	return { bytes, lines, sha256: hash.digest('hex'), schools, firstBadLine, tornBytes: carried.length };
}

/** Counts the line's event for its school; false when the line is no journal entry (a blank line counts as placed). */
function place(line: Buffer, schools: Record<string, SchoolFigures>): boolean {
	const text = line.toString('utf8');
	if (text.trim() === '') return true;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return false;
	}
	const parsed = LinePlace.safeParse(json);
	if (!parsed.success) return false;
	const entry = parsed.data;
	const schoolId = 'e' in entry ? entry.e.schoolId : entry.s;
	const school = (schools[schoolId] ??= { events: 0, position: 0 });
	if ('e' in entry) {
		school.events += 1;
		school.position = Math.max(school.position, entry.p);
	}
	return true;
}
