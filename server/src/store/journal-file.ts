import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { InboundEvent, type StoredEvent } from '../../protocol';

const JournalLine = z.object({ p: z.number().int().min(1), r: z.string(), e: InboundEvent });

export class JournalCorruptError extends Error {
	constructor(file: string, line: number, detail: string) {
		super(`${file}: line ${line} is not a valid journal entry (${detail}); refusing to start`);
		this.name = 'JournalCorruptError';
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
		private readonly handle: FileHandle
	) {}

	static async open(path: string, onEvent: (stored: StoredEvent) => void): Promise<JournalFile> {
		await mkdir(dirname(path), { recursive: true });
		const goodBytes = await replay(path, onEvent);
		const handle = await open(path, 'a+');
		const { size } = await handle.stat();
		if (size > goodBytes) await handle.truncate(goodBytes);
		return new JournalFile(path, handle);
	}

	async append(events: readonly StoredEvent[]): Promise<void> {
		let text = '';
		for (const s of events) text += `${JSON.stringify({ p: s.position, r: s.receivedAt, e: s.event })}\n`;
		await this.handle.write(text);
		await this.handle.datasync();
		this.writes += 1;
	}

	async close(): Promise<void> {
		await this.handle.close();
	}
}

/** Reads every complete line; returns how many bytes of the file were whole lines. */
async function replay(path: string, onEvent: (stored: StoredEvent) => void): Promise<number> {
	let rest = '';
	let bytes = 0;
	let lineNo = 0;
	try {
		for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
			const lines = (rest + (chunk as string)).split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) {
				lineNo += 1;
				bytes += Buffer.byteLength(line) + 1;
				if (line.trim() === '') continue;
				onEvent(parseLine(path, lineNo, line));
			}
		}
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
		throw err;
	}
	return bytes;
}

function parseLine(path: string, lineNo: number, line: string): StoredEvent {
	let json: unknown;
	try {
		json = JSON.parse(line);
	} catch {
		throw new JournalCorruptError(path, lineNo, 'not JSON');
	}
	const parsed = JournalLine.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new JournalCorruptError(path, lineNo, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
	}
	return { position: parsed.data.p, receivedAt: parsed.data.r, event: parsed.data.e };
}
