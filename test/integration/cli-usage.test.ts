import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const file = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Every command a person types, as `npm run <name>` starts it; a row per command. */
const COMMANDS: readonly { name: string; file: string }[] = [
	{ name: 'simulate', file: 'simulators/cli.ts' },
	{ name: 'import', file: 'server/src/cli/import.ts' },
	{ name: 'sync', file: 'server/src/cli/sync.ts' },
	{ name: 'wall', file: 'server/src/cli/wall.ts' },
	{ name: 'backup', file: 'server/src/cli/backup.ts' },
	{ name: 'restore', file: 'server/src/cli/restore.ts' },
	{ name: 'floorplan:check', file: 'server/src/cli/floorplan-check.ts' },
	{ name: 'floorplan:import', file: 'server/src/cli/floorplan-import.ts' },
	{ name: 'floorplan:draw', file: 'floorplans/draw-demo-school.ts' },
	{ name: 'sample-data', file: 'simulators/write-sample-data.ts' },
	{ name: 'bench', file: 'bench/run.ts' }
];

async function run(path: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file(path), ...args], {
			// No key in the environment: a command that got past its arguments would stop there, not act.
			env: { ...process.env, LOOKOUT_KEY: '', LOOKOUT_EMAIL: '', LOOKOUT_PASSWORD: '' },
			timeout: 30_000
		});
		return { code: 0, out: stdout, err: stderr };
	} catch (err) {
		const failed = err as { code: number; stdout: string; stderr: string };
		return { code: failed.code, out: failed.stdout, err: failed.stderr };
	}
}

describe.each(COMMANDS)('npm run $name', ({ name, file: path }) => {
	it('answers --help with its usage on stdout and exit 0', async () => {
		for (const flag of ['--help', '-h']) {
			const { code, out, err } = await run(path, [flag]);
			expect({ code, err }).toEqual({ code: 0, err: '' });
			expect(out).toMatch(new RegExp(`^usage: npm run ${name}\\b`));
		}
	});

	it('answers a flag it does not know with one line on stderr and exit 2, never a stack', async () => {
		const { code, out, err } = await run(path, ['--no-such-flag']);
		expect(code).toBe(2);
		expect(out).toBe('');
		expect(err.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${name}: .*--no-such-flag.*--help`))]);
	});
});
