import type { z } from 'zod';

/** The child's side of the IPC channel opened by `BenchChild`. */
export function configFromArgv<T>(schema: z.ZodType<T>): T {
	const raw = process.argv[2];
	if (raw === undefined) throw new Error('started without a config argument; run it through npm run bench');
	return schema.parse(JSON.parse(raw));
}

export function tell(message: { type: string }): void {
	if (!process.send) throw new Error('no IPC channel; run it through npm run bench');
	process.send(message);
}

/** Sends the message, then ends the process once it is handed over. */
export function tellAndExit(message: { type: string }): void {
	if (!process.send) throw new Error('no IPC channel; run it through npm run bench');
	process.send(message, () => process.exit(0));
}

/** Handles each message from the parent that the schema accepts; anything else is a failure. */
export function onParent<M>(schema: z.ZodType<M>, handle: (message: M) => void | Promise<void>): void {
	process.on('message', (raw: unknown) => {
		const parsed = schema.safeParse(raw);
		if (!parsed.success) return fail(new Error(`unexpected message from the bench: ${parsed.error.message}`));
		Promise.resolve(handle(parsed.data)).catch(fail);
	});
}

/** Reports the error to the parent, then ends the process once the message is handed over. */
export function fail(err: unknown): void {
	const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
	if (process.send) {
		process.send({ type: 'failed', message }, () => process.exit(1));
		return;
	}
	console.error(message);
	process.exit(1);
}

/**
 * Messages from the parent, taken by type as the child gets to them: one that came early waits
 * in the inbox. Anything the schema refuses is a failure.
 */
export function parentInbox<M extends { type: string }>(schema: z.ZodType<M>): { next<T extends M['type']>(type: T): Promise<Extract<M, { type: T }>> } {
	const inbox: M[] = [];
	const waiting: { type: string; resolve: (message: M) => void }[] = [];
	onParent(schema, (message) => {
		const waiter = waiting.findIndex((w) => w.type === message.type);
		if (waiter >= 0) waiting.splice(waiter, 1)[0]?.resolve(message);
		else inbox.push(message);
	});
	return {
		next<T extends M['type']>(type: T) {
			const queued = inbox.findIndex((m) => m.type === type);
			if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as Extract<M, { type: T }>);
			return new Promise<Extract<M, { type: T }>>((resolve) => waiting.push({ type, resolve: (m) => resolve(m as Extract<M, { type: T }>) }));
		}
	};
}
