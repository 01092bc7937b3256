import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What `parseArgs` gives for this configuration. */
export type CommandArgs<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/**
 * The simulator's copy of server/src/cli/command-line.ts: the simulator talks to Lookout only
 * through the protocol, so it imports nothing of the server.
 *
 * The command's arguments (`config` as node's `parseArgs` takes it, strict), or the end of the
 * process: `--help` (or `-h`) prints `usage` and exits 0; an unknown flag, a flag without its
 * value or an unexpected argument prints one line and exits 2, rather than node's stack trace.
 * `name` is the command as `npm run` names it (`import`, `floorplan:check`).
 */
export function readCommandLine<T extends ParseArgsConfig>(name: string, usage: string, config: T): CommandArgs<T> {
	const args = [...(config.args ?? process.argv.slice(2))];
	if (args.some((arg) => arg === '--help' || arg === '-h')) {
		console.log(usage);
		process.exit(0);
	}
	try {
		// Strict whatever the caller set, so a flag nobody knows is refused rather than passed on.
		return parseArgs({ ...config, args, strict: true }) as CommandArgs<T>;
	} catch (err) {
		return refuse(name, err instanceof Error ? err.message : String(err));
	}
}

/** One line on stderr naming the mistake and where the usage is, then exit 2. */
export function refuse(name: string, problem: string): never {
	// Node's messages go on to advise on `--`; the first sentence names the mistake.
	const first = problem.split(/\.\s/)[0] ?? problem;
	console.error(`${name}: ${first} (npm run ${name} -- --help for usage)`);
	process.exit(2);
}
