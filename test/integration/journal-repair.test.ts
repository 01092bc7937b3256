import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InboundEvent } from '../../server/protocol';
import { behaviour } from '../support/events';
import { killed, spawnServer } from '../support/process';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/server';

const journalCli = (args: string[], env: Record<string, string> = {}) => runCli('journal', args, env);
const line = (p: number, id: string) => JSON.stringify({ p, r: '2026-11-23T09:00:00Z', e: InboundEvent.parse(behaviour(id)) });

/** Thirty good events, then: line 5 cut short by a crash of the disk, line 12 an event the contract refuses, line 20 a position written twice, and a torn end. */
async function damagedJournal(): Promise<{ dataDir: string; journal: string; lines: string[] }> {
	const dataDir = await tempDir();
	const journal = join(dataDir, 'journal.ndjson');
	const lines = Array.from({ length: 30 }, (_, i) => line(i + 1, `e${i + 1}`));
	lines[4] = (lines[4] as string).slice(0, 40);
	lines[11] = JSON.stringify({ p: 12, r: '2026-11-23T09:00:00Z', e: { ...InboundEvent.parse(behaviour('e12')), severity: 9 } });
	lines[19] = line(19, 'second-writer');
	await writeFile(journal, `${lines.join('\n')}\n{"p":31,"r":"2026-11`);
	return { dataDir, journal, lines };
}

/** What a refused start printed. */
async function refusedStart(env: Record<string, string>): Promise<string> {
	const server = await spawnServer(env).catch((err: Error) => err);
	if (!(server instanceof Error)) {
		await killed(server.child, 'SIGTERM');
		throw new Error('Lookout started, and should have refused');
	}
	return server.message.replace(/^server exited with 1:\n/, '');
}

describe('npm run journal', () => {
	it('a start on a journal with a bad line in the middle stops in one line saying what to run, without a stack', async () => {
		const { dataDir } = await damagedJournal();
		const output = await refusedStart({ DATA_DIR: dataDir });
		expect(output.trim().split('\n')).toEqual([
			expect.stringMatching(/journal\.ndjson: line 5 is not a valid journal entry \(not JSON\).*npm run journal -- check.*npm run journal -- repair/)
		]);
		expect(output).not.toMatch(/^\s+at /m);
	});

	it('check names every bad line, the repeated position and the torn end, and exits 1; changes nothing', async () => {
		const { dataDir, journal } = await damagedJournal();
		const before = await readFile(journal);
		const checked = await journalCli(['check', '--data-dir', dataDir]);
		expect(checked.code).toBe(1);
		expect(checked.out).toContain('line 5: not a valid journal entry (not JSON)');
		expect(checked.out).toMatch(/line 12: not a valid journal entry \(.*severity/);
		expect(checked.out).toContain('has position 19 on lines 19 and 20');
		expect(checked.out).toMatch(/line 31: torn/);
		expect(await readFile(journal)).toEqual(before);
	});

	it('repair sets the bad lines and the torn end aside byte for byte with a report, renumbers the repeated position, and Lookout then starts with every other event', async () => {
		const { dataDir, journal, lines } = await damagedJournal();
		const repaired = await journalCli(['repair'], { DATA_DIR: dataDir });
		expect(repaired.code, repaired.err).toBe(0);
		const files = await readdir(dataDir);
		const rejected = files.find((f) => /^journal\.ndjson\.rejected-/.test(f));
		expect(rejected).toBeDefined();
		expect(await readFile(join(dataDir, rejected ?? ''), 'utf8')).toBe(`${lines[4]}\n${lines[11]}\n{"p":31,"r":"2026-11\n`);
		const report = files.find((f) => f.endsWith('.report'));
		expect(await readFile(join(dataDir, report ?? ''), 'utf8')).toMatch(
			/line 5: .*\n.*line 12: .*\n.*position 19 on lines 19 and 20 \(a repair moves line 20 to position 20\)\n.*line 31: torn/
		);

		expect((await journalCli(['check', '--data-dir', dataDir])).code).toBe(0);
		const kept = (await readFile(journal, 'utf8')).trim().split('\n');
		expect(kept).toHaveLength(28);
		expect(kept.map((l) => (JSON.parse(l) as { e: { id: string } }).e.id)).toContain('second-writer');
		expect(JSON.parse(kept.at(-1) ?? '{}')).toMatchObject({ p: 30, e: { id: 'e30' } });

		const server = await spawnServer({ DATA_DIR: dataDir });
		expect(server.output()).toContain('rebuilt 28 events');
		// Its signal handlers are set just after it prints its address.
		await new Promise((r) => setTimeout(r, 500));
		const refused = await journalCli(['repair', '--data-dir', dataDir]);
		expect(refused.code).toBe(1);
		expect(refused.err.trim().split('\n')).toEqual([expect.stringContaining(`pid ${server.child.pid}`)]);
		await killed(server.child, 'SIGTERM');
	});

	it('answers --help with its usage and exit 0, and a flag it does not know with one line and exit 2', async () => {
		const help = await journalCli(['--help']);
		expect(help).toMatchObject({ code: 0, err: '' });
		expect(help.out).toMatch(/^usage: npm run journal -- <check\|repair>/);
		const bad = await journalCli(['check', '--no-such-flag']);
		expect(bad.code).toBe(2);
		expect(bad.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^journal: .*--no-such-flag.*--help/)]);
		const none = await journalCli(['fix']);
		expect(none.code).toBe(2);
		expect(none.err.trimEnd().split('\n')).toHaveLength(1);
	});
});
