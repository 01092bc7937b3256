import { InboundEvent } from '../../protocol';

/**
 * The version of the stored form of events that this code writes, kept with every stored event
 * (`v` on a journal line, a `v` field on a Redis stream entry). Change it whenever the contract
 * would refuse, or read differently, an event an older release stored; add the step from the
 * old version below and a golden journal written by the old code under `test/golden/`.
 */
export const STORED_VERSION = 2;

/** What a stored event of version 1 (no `v`) was written by: everything before versions. */
const UNVERSIONED = 1;

type Upcaster = (event: unknown) => unknown;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** From each old version to the next, on the stored JSON, before the contract reads it. */
const UPCASTERS: Record<number, Upcaster> = {
	// Version 1 took any string; the contract now refuses NUL and lone surrogates at every
	// boundary. Stored strings lose NUL and have lone surrogates replaced by U+FFFD.
	1: (event) => mapStrings(event, (s) => s.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\ufffd'))
};

export type StoredRead = { ok: true; event: InboundEvent } | { ok: false; detail: string };

/** Brings one stored event up to the current version and checks it against the contract. */
export function readStored(version: unknown, stored: unknown): StoredRead {
	const from = version === undefined ? UNVERSIONED : version;
	if (typeof from !== 'number' || !Number.isInteger(from) || from < UNVERSIONED)
		return { ok: false, detail: `v: not a stored-event version (${String(from)})` };
	if (from > STORED_VERSION)
		return { ok: false, detail: `v: written by a newer Lookout (stored-event version ${from}, this one reads up to ${STORED_VERSION})` };
	let value = stored;
	for (let v = from; v < STORED_VERSION; v++) value = (UPCASTERS[v] as Upcaster)(value);
	const parsed = InboundEvent.safeParse(value);
	if (parsed.success) return { ok: true, event: parsed.data };
	const issue = parsed.error.issues[0];
	return { ok: false, detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

function mapStrings(value: unknown, map: (s: string) => string): unknown {
	if (typeof value === 'string') return map(value);
	if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
	return value;
}
