import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError, ImportResult, SchoolId } from '../../protocol';
import { decodeUtf8, ImportError } from '../import/decode';
import { importSchool } from '../import/school-import';
import { readCommandLine } from './command-line';

const Args = z.object({
	school: SchoolId,
	url: z.url().default('http://127.0.0.1:3000'),
	key: z.string({ error: 'give the school\'s integration key with --key or LOOKOUT_KEY (npm run admin -- key --school <id> --name "MIS")' }).min(1),
	dir: z.string().min(1, 'give the folder of CSV files')
});

const USAGE = `usage: npm run import -- --school <id> [--url http://127.0.0.1:3000] [--key <key>] <folder>
Checks a school's CSV export in <folder> (the files are listed in docs/import.md), then posts it to Lookout.
  --school  the school id (lower-case letters, digits and dashes)
  --url     the Lookout server, http://127.0.0.1:3000 by default
  --key     the school's integration key; LOOKOUT_KEY otherwise (npm run admin -- key --school <id> --name "MIS")
Exit 0 when imported (or already), 1 when the files, the server or the connection refused them, 2 for bad usage.`;

const { values, positionals } = readCommandLine('import', USAGE, {
	options: { school: { type: 'string' }, url: { type: 'string' }, key: { type: 'string' } },
	allowPositionals: true
});
const parsed = Args.safeParse({ ...values, key: values.key || process.env.LOOKOUT_KEY || undefined, dir: positionals[0] ?? '' });
if (!parsed.success) {
	for (const i of parsed.error.issues) console.error(`import: ${String(i.path[0])}: ${i.message}`);
	console.error('usage: LOOKOUT_KEY=<key> npm run import -- --school <id> [--url http://127.0.0.1:3000] <folder> (--help for more)');
	process.exit(2);
}
const { school, url, key, dir } = parsed.data;

function bar(file: string, done: number, total: number): void {
	if (!process.stderr.isTTY) return;
	const width = 30;
	const filled = Math.round((done / Math.max(total, 1)) * width);
	process.stderr.write(`\r${file.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
}

try {
	const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.csv'));
	const files: Record<string, string> = {};
	for (const name of names) files[name] = decodeUtf8(name, await readFile(join(dir, name)));
	const result = importSchool(school, files, new Date(), bar);
	if (!result.ok) {
		for (const e of result.errors) console.error(`import: ${e.message}`);
		console.error(`import: ${result.errors.length} problem(s); nothing was imported`);
		process.exit(1);
	}
	const res = await fetch(`${url}/api/v1/import?school=${school}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify({ files })
	});
	const body: unknown = await res.json();
	if (!res.ok) {
		const error = ApiError.parse(body);
		for (const i of error.issues ?? []) console.error(`import: ${i.path} ${i.message}`);
		console.error(`import: the server refused the files: ${error.message}`);
		process.exit(1);
	}
	const { data } = ImportResult.parse(body);
	const counts = Object.entries(data.summary)
		.map(([k, n]) => `${n} ${k}`)
		.join(', ');
	console.log(data.accepted === 0 ? `import: already imported (${counts}); nothing changed` : `import: imported ${counts}`);
} catch (err) {
	console.error(`import: ${err instanceof ImportError || err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
