import { fileURLToPath } from 'node:url';
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
		readonly port: number
	) {}

	/** `node` makes it one of several nodes sharing a Redis prefix. */
	static async start(kind: ServerKind, profileDir?: string, node?: { redisPrefix: string; index: number }): Promise<ServerChild> {
		const config: ServerConfig = { kind, ...(profileDir ? { profileDir } : {}), ...(node ? { redisPrefix: node.redisPrefix } : {}) };
		const child = new BenchChild(node ? `${kind}-server-${node.index}` : `${kind}-server`, SERVER_ENTRY, config, ServerMessage);
		const { port } = await child.next('listening', 30_000);
		return new ServerChild(child, port);
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
