import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { wholeNumberText } from '../server/protocol';
import { readCommandLine } from './command-line';
import { keySchool } from './integration-key';
import { runSimulation, type Progress } from './runner';

const DEFAULT_FLOORPLAN = fileURLToPath(new URL('../floorplans/demo-school.geojson', import.meta.url));

const Args = z
	.object({
		seed: wholeNumberText(0, 2 ** 31).default(7),
		speed: z.union([z.literal('max'), z.coerce.number().positive().max(10_000)]).default(60),
		url: z.url().default('http://127.0.0.1:3000'),
		school: z
			.string()
			.regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
			.default('northfield'),
		floorplan: z.string().default(DEFAULT_FLOORPLAN),
		history: wholeNumberText(0, 12).default(0),
		key: z
			.string({
				error:
					'give the integration key of the school with --key or the LOOKOUT_KEY variable (an admin issues one: npm run admin -- key --school <id> --name "Simulator")'
			})
			.refine((key) => keySchool(key) !== null, 'is not an integration key (they read lk.<school>.<secret>)')
	})
	.superRefine((args, ctx) => {
		const school = keySchool(args.key);
		if (school !== null && school !== args.school)
			ctx.addIssue({ code: 'custom', path: ['key'], message: `is ${school}'s key, not ${args.school}'s: a key sends only its own school's events` });
	});

const USAGE = `usage: npm run simulate -- [--seed 7] [--speed 60|max] [--url http://127.0.0.1:3000] [--school northfield] [--floorplan file.geojson] [--history 0] [--key <key>]
Plays a seeded school day into a running Lookout, as an integration would, with the school's integration key.
  --seed       the day's random seed, a whole number (7)
  --speed      simulated seconds per real second, or max (60)
  --url        the Lookout server (http://127.0.0.1:3000)
  --school     the school id (northfield)
  --floorplan  the school's floorplan (floorplans/demo-school.geojson)
  --history    weeks of past days to send first, 0-12 (0)
  --key        the school's integration key; LOOKOUT_KEY otherwise (npm run admin -- key --school <id> --name "Simulator")`;

const { values } = readCommandLine('simulate', USAGE, {
	options: {
		seed: { type: 'string' },
		speed: { type: 'string' },
		url: { type: 'string' },
		school: { type: 'string' },
		floorplan: { type: 'string' },
		history: { type: 'string' },
		key: { type: 'string' }
	}
});
// The variable keeps the key out of the process list; --key is there for a quick try.
const parsed = Args.safeParse({ ...values, key: values.key ?? (process.env.LOOKOUT_KEY || undefined) });
if (!parsed.success) {
	for (const issue of parsed.error.issues) {
		const flag = issue.path.join('.');
		console.error(`simulate: --${flag}${flag === 'key' ? ' (or LOOKOUT_KEY)' : ''}: ${issue.message}`);
	}
	process.exit(2);
}
const args = parsed.data;
const tty = process.stdout.isTTY;
let lastLine = 0;

function show(p: Progress): void {
	const line = `simulate: ${p.simulatedAt.slice(11, 16)}Z  ${p.sent}/${p.total} events  ${p.accepted} new, ${p.duplicates} duplicate, ${p.rejected} refused  ${p.rate.toFixed(0)} ev/s`;
	if (tty) process.stdout.write(`\r${line}${p.done ? '\n' : ''}`);
	else if (p.done || Date.now() - lastLine > 5_000) {
		lastLine = Date.now();
		console.log(line);
	}
}

const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());
console.log(`simulate: seed ${args.seed}, speed ${args.speed}, school ${args.school}, to ${args.url}`);
try {
	const result = await runSimulation({ ...args, schoolId: args.school, historyWeeks: args.history, onProgress: show, signal: abort.signal });
	console.log(result.done ? 'simulate: the school day is complete' : 'simulate: stopped');
} catch (err) {
	console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
