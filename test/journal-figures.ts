/**
 * Figures for the journal store: events acknowledged against events found after a restart,
 * when the disk fills up, when the process is killed with SIGKILL mid-ingest, and when lines in
 * the middle of the journal are damaged and repaired. Mounts a 2 MB tmpfs, so run it as root:
 * `npx tsx test/journal-figures.ts [full-disk] [kill-9] [corruption]` (all three without one).
 */
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InboundEvent } from '../server/protocol';
import { silentLogger } from '../server/src/logger';
import { MemoryStore } from '../server/src/store/memory-store';
import { issueKey } from './support/access';
import { behaviour, FIXTURE_MORNING, SCHOOL } from './support/events';
import { killed, spawnServer, withJournal } from './support/process';
import { runCli } from './support/run-cli';
import { tempDir } from './support/server';
import { mountSmallDisk } from './support/small-disk';

const STUDENTS = Array.from({ length: 40 }, (_, k) => `STU${k}`);
const batch = (name: string, size = 20) => Array.from({ length: size }, (_, i) => behaviour(`${name}-${i}`, { studentIds: STUDENTS }));

async function post(url: string, key: string, events: unknown[]): Promise<number> {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify(events)
	});
	await res.arrayBuffer();
	return res.status;
}

/** The ids of every event the journal holds, read as a restart reads it. */
async function idsIn(dataDir: string): Promise<Set<string>> {
	const store = await MemoryStore.open({ journal: join(dataDir, 'journal.ndjson'), logger: silentLogger });
	const ids = new Set<string>();
	for (const school of await store.schools()) for await (const s of store.read(school)) ids.add(s.event.id);
	await store.close();
	return ids;
}

function compare(acknowledged: Set<string>, present: Set<string>): string {
	const lost = [...acknowledged].filter((id) => !present.has(id)).length;
	const extra = [...present].filter((id) => /^(fill|after|r\d)/.test(id) && !acknowledged.has(id)).length;
	return `acknowledged ${acknowledged.size}, present after restart ${[...acknowledged].filter((id) => present.has(id)).length}, lost ${lost}, present but never acknowledged ${extra}`;
}

async function fullDisk(): Promise<void> {
	const disk = await mountSmallDisk('2m');
	try {
		const DATA_DIR = join(disk.dir, 'data');
		const key = await withJournal(DATA_DIR, (store) => issueKey(store, SCHOOL));
		// Room to free later, as an operator would by clearing old logs.
		await writeFile(join(disk.dir, 'ballast'), Buffer.alloc(256 * 1024));
		const server = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
		const acknowledged = new Set<string>();
		const answers = new Map<number, number>();
		const take = async (name: string) => {
			const events = batch(name);
			const status = await post(server.url, key, events);
			answers.set(status, (answers.get(status) ?? 0) + 1);
			if (status === 200) for (const e of events) acknowledged.add(String(e.id));
		};
		for (let b = 0; b < 200; b += 1) await take(`fill${b}`);
		const whileFull = new Map(answers);
		await rm(join(disk.dir, 'ballast'));
		answers.clear();
		for (let b = 0; b < 10; b += 1) await take(`after${b}`);
		await killed(server.child, 'SIGKILL');
		const present = await idsIn(DATA_DIR);
		console.log(`full disk (2 MB tmpfs, 200 posts of 20 events of ~640 bytes): answers ${[...whileFull].map(([s, n]) => `${n}x${s}`).join(', ')}`);
		console.log(`  after freeing 256 KB, 10 more posts: ${[...answers].map(([s, n]) => `${n}x${s}`).join(', ')} (no restart)`);
		console.log(`  killed with SIGKILL, restarted: ${compare(acknowledged, present)}`);
	} finally {
		await disk.unmount();
	}
}

async function killNine(rounds: number): Promise<void> {
	const acknowledged = new Set<string>();
	const present = new Set<string>();
	for (let round = 0; round < rounds; round += 1) {
		const DATA_DIR = await tempDir();
		const key = await withJournal(DATA_DIR, (store) => issueKey(store, SCHOOL));
		const server = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
		let stop = false;
		const sender = async (lane: number) => {
			for (let b = 0; !stop; b += 1) {
				const events = batch(`r${round}l${lane}b${b}`, 10);
				const status = await post(server.url, key, events).catch(() => 0);
				if (status === 200) for (const e of events) acknowledged.add(String(e.id));
			}
		};
		const lanes = Array.from({ length: 8 }, (_, lane) => sender(lane));
		await new Promise((r) => setTimeout(r, 1_000 + round * 150));
		await killed(server.child, 'SIGKILL');
		stop = true;
		await Promise.all(lanes);
		for (const id of await idsIn(DATA_DIR)) present.add(id);
	}
	console.log(`kill -9 mid-ingest (${rounds} rounds, 8 senders of 10-event posts each): ${compare(acknowledged, present)}`);
}

async function corruption(): Promise<void> {
	const DATA_DIR = await tempDir();
	const journal = join(DATA_DIR, 'journal.ndjson');
	await withJournal(DATA_DIR, async (store) => {
		for (let b = 0; b < 50; b += 1) await store.append(batch(`c${b}`).map((e) => InboundEvent.parse(e)));
	});
	const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
	// Ten lines in the middle, each damaged differently: cut short, a byte flipped, a field refused.
	const damaged = [50, 120, 200, 333, 410, 511, 640, 777, 850, 901];
	damaged.forEach((n, i) => {
		const text = lines[n - 1] as string;
		lines[n - 1] = i % 3 === 0 ? text.slice(0, text.length / 2) : i % 3 === 1 ? text.replace('"p":', '"p";') : text.replace('"severity":2', '"severity":9');
	});
	lines.push(lines[499] as string);
	const handle = await open(journal, 'w');
	await handle.write(`${lines.join('\n')}\n{"v":2,"p":1001,"r":"2026-11`);
	await handle.close();
	const check = await runCli('journal', ['check', '--data-dir', DATA_DIR]);
	const problems = check.out.split('\n').filter((l) => /^journal: (line|school)/.test(l)).length;
	const repair = await runCli('journal', ['repair', '--data-dir', DATA_DIR]);
	const server = await spawnServer({ DATA_DIR, CLOCK_START: FIXTURE_MORNING });
	const rebuilt = /rebuilt (\d+) events/.exec(server.output())?.[1];
	await killed(server.child, 'SIGKILL');
	const present = await idsIn(DATA_DIR);
	const rejected = /the lines taken out are in (\S+)/.exec(repair.out)?.[1];
	const setAside = rejected ? (await readFile(rejected, 'utf8')).trimEnd().split('\n').length : 0;
	console.log(
		`corruption (1000 events, 10 lines damaged, 1 line repeated, a torn end): check exit ${check.code} naming ${problems} problems; repair exit ${repair.code}, ${setAside} lines set aside; ` +
			`restart rebuilt ${rebuilt ?? '?'} events (the repeated line kept, renumbered); distinct events present ${present.size} + damaged lines set aside ${setAside - 1} = ${present.size + setAside - 1} of 1000, and the torn end set aside too`
	);
}

const wanted = process.argv.slice(2);
const runs: Record<string, () => Promise<void>> = { 'full-disk': fullDisk, 'kill-9': () => killNine(5), corruption };
for (const [name, run] of Object.entries(runs)) if (wanted.length === 0 || wanted.includes(name)) await run();
