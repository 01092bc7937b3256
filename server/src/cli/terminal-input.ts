import { createInterface } from 'node:readline/promises';

/** The person at the terminal pressed Ctrl-C or Ctrl-D instead of answering. */
export class InputCancelled extends Error {
	override readonly name = 'InputCancelled';

	constructor() {
		super('cancelled');
	}
}

/** Asks a question on the terminal and reads the answer (shown as it is typed). */
export async function promptLine(question: string): Promise<string> {
	const rl = createInterface({ input: process.stdin, output: process.stderr });
	try {
		return (await rl.question(question)).trim();
	} finally {
		rl.close();
	}
}

/** Asks on the terminal without showing what is typed: for passwords. */
export function promptHidden(question: string): Promise<string> {
	const input = process.stdin;
	process.stderr.write(question);
	return new Promise((resolve, reject) => {
		let typed = '';
		const finish = (err?: Error) => {
			input.off('data', onData);
			input.setRawMode(false);
			input.pause();
			process.stderr.write('\n');
			if (err) reject(err);
			else resolve(typed);
		};
		const onData = (chunk: Buffer) => {
			for (const char of chunk.toString('utf8')) {
				if (char === '\r' || char === '\n') return finish();
				if (char === '\u0003' || (char === '\u0004' && typed === '')) return finish(new InputCancelled());
				if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
				else if (char >= ' ') typed += char;
			}
		};
		input.setRawMode(true);
		input.resume();
		input.on('data', onData);
	});
}

/** The first line piped into the process, without its line ending. */
async function pipedLine(): Promise<string> {
	let text = '';
	for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
	return text.split(/\r?\n/)[0] ?? '';
}

/**
 * A password from the LOOKOUT_PASSWORD variable, else the first line piped in, else asked on
 * the terminal without echo (twice with `confirm`, so a typing slip does not lock anyone out).
 */
export async function readPassword(options: { prompt: string; confirm: boolean; env?: NodeJS.ProcessEnv }): Promise<string> {
	const fromEnv = (options.env ?? process.env).LOOKOUT_PASSWORD;
	if (fromEnv) return fromEnv;
	if (!process.stdin.isTTY) return pipedLine();
	const first = await promptHidden(options.prompt);
	if (!options.confirm) return first;
	const again = await promptHidden('The same password again: ');
	if (again !== first) throw new Error('the two passwords differ; nothing was changed');
	return first;
}

/** An email from the LOOKOUT_EMAIL variable, else asked on the terminal. */
export async function readEmail(prompt: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
	if (env.LOOKOUT_EMAIL) return env.LOOKOUT_EMAIL.trim();
	if (!process.stdin.isTTY) throw new Error('set LOOKOUT_EMAIL (and LOOKOUT_PASSWORD) to sign in without a terminal');
	return promptLine(prompt);
}
