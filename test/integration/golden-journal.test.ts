import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { InboundEvent, type Snapshot, type WallListing } from '../../server/protocol';
import { STORED_VERSION } from '../../server/src/store/stored-version';
import { signIn } from '../support/access';
import { ManualClock, startTestServer, tempDir, type TestServer } from '../support/server';

const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
/**
 * `journal.v<version>[.<date written>[-<n>]].ndjson`: a version's journal is kept when a later release adds event types
 * (`-2`, `-3`, ... for a second release on the same day).
 */
const GOLDEN_NAME = /^journal\.v(\d+)(?:\.(\d{4}-\d{2}-\d{2}(?:-\d+)?))?\.ndjson$/;
const goldenOrder = (name: string) => {
	const [, version = '0', written = ''] = GOLDEN_NAME.exec(name) ?? [];
	return `${version.padStart(4, '0')}|${written}`;
};
const goldens = (await readdir(GOLDEN)).filter((name) => GOLDEN_NAME.test(name)).sort((a, b) => goldenOrder(a).localeCompare(goldenOrder(b)));
const EVENT_TYPES = InboundEvent.options.map((o) => o.shape.type.value);
/** The wall screen each golden journal pairs, as it reads once brought up to date. */
const WALL_NAME: Record<string, string> = {
	// Stored before strings were checked: NUL dropped, the lone surrogate replaced.
	'journal.v1.ndjson': 'Pastoral office wall \ufffd'
};

let server: TestServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

describe('golden journals: every release reads every journal an earlier one wrote', () => {
	it('keeps one for the stored-event version this code writes, or an older one it upcasts', () => {
		expect(goldens.length).toBeGreaterThan(0);
		const versions = goldens.map((name) => Number(GOLDEN_NAME.exec(name)?.[1]));
		expect(Math.max(...versions)).toBeLessThanOrEqual(STORED_VERSION);
	});

	it.each(goldens)('%s: a server starts on it, replays every line and serves the school', async (name) => {
		const lines = (await readFile(join(GOLDEN, name), 'utf8')).split('\n').filter((l) => l.trim() !== '');
		const types = new Set(lines.map((l) => (JSON.parse(l) as { e?: { type?: string } }).e?.type));
		// A type added since an older journal was written has no line in it; the newest one has them all.
		if (name === goldens[goldens.length - 1]) expect(EVENT_TYPES.filter((t) => !types.has(t))).toEqual([]);

		const dataDir = await tempDir();
		await copyFile(join(GOLDEN, name), join(dataDir, 'journal.ndjson'));
		server = await startTestServer({ dataDir, clock: new ManualClock('2026-11-23T15:30:00Z') });
		const read: InboundEvent[] = [];
		for await (const stored of server.store.read('northfield')) read.push(stored.event);
		expect(read).toHaveLength(lines.length);

		const admin = await signIn(server, 'northfield', 'admin');
		const snapshot = (await (await fetch(`${server.url}/api/v1/snapshot?school=northfield`, { headers: { cookie: admin.cookie } })).json()) as Snapshot;
		expect(snapshot.position).toBeGreaterThan(lines.length);
		expect(snapshot.view.registers.length).toBeGreaterThan(0);
		const devices = (await (await fetch(`${server.url}/api/v1/devices?school=northfield`, { headers: { cookie: admin.cookie } })).json()) as {
			data: WallListing[];
		};
		expect(devices.data.find((d) => d.id === 'D-golden')?.name).toBe(WALL_NAME[name] ?? 'Pastoral office wall');
	});
});
