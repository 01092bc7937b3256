import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface CliRun {
	code: number;
	out: string;
	err: string;
}

/** Runs one of `server/src/cli/` as `npm run` would, with this environment on top of the test's. */
export async function runCli(name: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
	const script = fileURLToPath(new URL(`../../server/src/cli/${name}.ts`, import.meta.url));
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } });
		return { code: 0, out: stdout, err: stderr };
	} catch (err) {
		const failed = err as { code: number; stdout: string; stderr: string };
		return { code: failed.code, out: failed.stdout, err: failed.stderr };
	}
}
