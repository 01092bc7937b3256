import { createReadStream } from 'node:fs';

/** A piece of the file after its last newline: a line whose write never finished. */
export interface TornTail {
	/** The line number it would have had. */
	line: number;
	/** Where it starts: the length of the file's whole lines. */
	offset: number;
	bytes: Buffer;
}

export interface ReadLines {
	/** Bytes of whole lines (each ending in a newline): where a torn tail starts. */
	wholeBytes: number;
	lines: number;
	tail: TornTail | null;
}

const NEWLINE = 0x0a;

/**
 * Calls `onLine` with every whole line of the file (without its newline), numbered from 1.
 * Lines are cut from the bytes and decoded by the caller once each: a school's reference data
 * is one line of most of a megabyte, and joining text chunk by chunk would scan it again for
 * every chunk. A missing file has no lines.
 */
export async function readLines(path: string, onLine: (bytes: Buffer, line: number, offset: number) => void): Promise<ReadLines> {
	const partial: Buffer[] = [];
	let wholeBytes = 0;
	let lines = 0;
	try {
		for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
			let start = 0;
			for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
				const piece = chunk.subarray(start, end);
				const bytes = partial.length === 0 ? piece : Buffer.concat([...partial.splice(0), piece]);
				start = end + 1;
				lines += 1;
				onLine(bytes, lines, wholeBytes);
				wholeBytes += bytes.length + 1;
			}
			if (start < chunk.length) partial.push(chunk.subarray(start));
		}
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { wholeBytes: 0, lines: 0, tail: null };
		throw err;
	}
	const tail = partial.length === 0 ? null : { line: lines + 1, offset: wholeBytes, bytes: Buffer.concat(partial) };
	return { wholeBytes, lines, tail };
}
