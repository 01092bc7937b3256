import { z } from 'zod';
import type { StoredEvent } from '../../protocol';
import { readStored } from './stored-version';

/** A stream entry as ioredis returns it: `[id, [field, value, ...]]`. */
const Entry = z.tuple([z.string(), z.array(z.string())]);
const Entries = z.array(Entry);
/** XREAD's answer: per stream, its key and entries; null when the block timed out. */
export const XReadReply = z.array(z.tuple([z.string(), Entries])).nullable();

export class RedisLogCorruptError extends Error {
	constructor(key: string, id: string, detail: string) {
		super(`${key}: entry ${id} is not a valid stored event (${detail})`);
		this.name = 'RedisLogCorruptError';
	}
}

/** Reads entries back, validated: Redis is a boundary like any other. */
export function parseEntries(key: string, raw: unknown): StoredEvent[] {
	const entries = Entries.safeParse(raw);
	if (!entries.success) throw new RedisLogCorruptError(key, '?', 'not a list of stream entries');
	return entries.data.map(([id, fields]) => parseEntry(key, id, fields));
}

export function parseEntry(key: string, id: string, fields: readonly string[]): StoredEvent {
	const position = Number(id.split('-')[0]);
	const receivedAt = fieldOf(fields, 'r');
	const json = fieldOf(fields, 'e');
	if (!Number.isSafeInteger(position) || position < 1 || receivedAt === undefined || json === undefined) {
		throw new RedisLogCorruptError(key, id, 'missing position, r or e');
	}
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		throw new RedisLogCorruptError(key, id, 'e is not JSON');
	}
	const version = fieldOf(fields, 'v');
	const read = readStored(version === undefined ? undefined : Number(version), value);
	if (!read.ok) throw new RedisLogCorruptError(key, id, read.detail);
	return { position, receivedAt, event: read.event };
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
	for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
	return undefined;
}
