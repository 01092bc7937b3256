import { fileURLToPath } from 'node:url';
import type { AccessShape, SchoolCredentials } from '../lib/access';
import { BenchChild } from '../lib/child';
import { ServerMessage, type ServerConfig, type ServerKind, type UsageReport } from '../servers/server-messages';

const SERVER_ENTRY = fileURLToPath(new URL('../servers/server-process.ts', import.meta.url));

export function benchEntry(relative: string): string {
	return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

/** A server under test in its own process, measured from the outside of its window. */
export class ServerChild {
	private constructor(
		readonly child: BenchChild<ServerMessage>,
		readonly port: number,
		/** What the load presents to this server: empty unless it was given `access`. */
		readonly credentials: SchoolCredentials[],
		/** On Redis: the node's name in the leases. */
		readonly node?: string
	) {}

	/**
	 * `node` makes it one of several nodes sharing a Redis prefix; `access` has it make
	 * credentials for the load (and, for Lookout, grant them in its log before it listens).
	 */
	static async start(
		kind: ServerKind,
		options: { profileDir?: string | undefined; node?: { redisPrefix: string; index: number }; access?: AccessShape } = {}
	): Promise<ServerChild> {
		const { profileDir, node, access } = options;
		const config: ServerConfig = {
			kind,
			...(profileDir ? { profileDir } : {}),
			...(node ? { redisPrefix: node.redisPrefix } : {}),
			...(access ? { access } : {})
		};
		const child = new BenchChild(node ? `${kind}-server-${node.index}` : `${kind}-server`, SERVER_ENTRY, config, ServerMessage);
		const { port, credentials, node: name } = await child.next('listening', 60_000);
		return new ServerChild(child, port, credentials, name);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	measureStart(): void {
		this.child.send({ type: 'measure-start' });
	}

	async measureStop(): Promise<UsageReport> {
		this.child.send({ type: 'measure-stop' });
		return this.child.next('usage', 10_000);
	}

	/** SIGKILL: the node dies as in a crash, letting go of nothing. */
	kill(): void {
		this.child.kill('SIGKILL');
	}

	async close(): Promise<void> {
		this.child.send({ type: 'close' });
		try {
			await this.child.next('closed', 15_000);
		} catch (err) {
			// Ended below either way; the reason still belongs in the log.
			console.warn(`bench: ${this.child.name} did not close cleanly: ${err instanceof Error ? err.message : String(err)}`);
		}
		await this.child.exit(5_000);
	}
}
