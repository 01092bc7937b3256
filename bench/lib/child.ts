import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { within } from './time';

const Failed = z.object({ type: z.literal('failed'), message: z.string() });

interface Waiter {
	type: string;
	resolve: (message: { type: string }) => void;
	reject: (err: Error) => void;
}

/** A bench process run with tsx, spoken to over IPC in messages checked against a schema. */
export class BenchChild<M extends { type: string }> {
	readonly #child: ChildProcess;
	readonly #exited: Promise<number | null>;
	#inbox: M[] = [];
	#waiters: Waiter[] = [];
	#failure: Error | null = null;

	constructor(
		readonly name: string,
		entry: string,
		config: unknown,
		schema: z.ZodType<M>,
		options: { cpuProfileDir?: string } = {}
	) {
		// One folder per process: the module-loader thread tsx starts writes a profile of its own.
		const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfileDir, `${name}-${Date.now()}`)}`] : [];
		this.#child = fork(entry, [JSON.stringify(config)], {
			execArgv: ['--import', 'tsx', ...profile],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.#exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)));
		this.#child.on('message', (raw: unknown) => this.#receive(raw, schema));
		this.#child.once('exit', (code, signal) => this.#fail(new Error(`${name} exited (${signal ?? code ?? 'unknown'})`)));
	}

	send(message: unknown): void {
		this.#child.send(message as object);
	}

	/** The next message of a type (one that already came counts), or an error once `timeoutMs` pass. */
	next<T extends M['type']>(type: T, timeoutMs: number): Promise<Extract<M, { type: T }>> {
		const queued = this.#inbox.findIndex((m) => m.type === type);
		if (queued >= 0) return Promise.resolve(this.#inbox.splice(queued, 1)[0] as Extract<M, { type: T }>);
		if (this.#failure) return Promise.reject(this.#failure);
		const waiting = new Promise<Extract<M, { type: T }>>((resolve, reject) => {
			this.#waiters.push({ type, resolve: (m) => resolve(m as Extract<M, { type: T }>), reject });
		});
		return within(timeoutMs, `${this.name} '${type}'`, waiting);
	}

	/** Ends the process at once, as a crash would (the failover figure kills a node so). */
	kill(signal: NodeJS.Signals): void {
		this.#child.kill(signal);
	}

	/** Waits for the process to end by itself; kills it (by its pid) if it does not in time. */
	async exit(timeoutMs: number): Promise<void> {
		try {
			await within(timeoutMs, `${this.name} exit`, this.#exited);
		} catch {
			this.#child.kill('SIGKILL');
			await this.#exited;
		}
	}

	#receive(raw: unknown, schema: z.ZodType<M>): void {
		const failed = Failed.safeParse(raw);
		if (failed.success) return this.#fail(new Error(`${this.name}: ${failed.data.message}`));
		const parsed = schema.safeParse(raw);
		if (!parsed.success) return this.#fail(new Error(`${this.name} sent an unexpected message: ${parsed.error.message}`));
		const message = parsed.data;
		const waiter = this.#waiters.find((w) => w.type === message.type);
		if (waiter) {
			this.#waiters = this.#waiters.filter((w) => w !== waiter);
			waiter.resolve(message);
		} else this.#inbox.push(message);
	}

	#fail(err: Error): void {
		this.#failure ??= err;
		for (const waiter of this.#waiters) waiter.reject(err);
		this.#waiters = [];
	}
}
