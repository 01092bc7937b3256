import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * A CPU profile of the measured window only (--cpu-prof would also take in start-up and the
 * reference data), written as `<name>-<time>.cpuprofile` for bench/profile-summary.ts.
 */
export class WindowProfiler {
	#session: Session | null = null;

	constructor(
		private readonly dir: string,
		private readonly name: string
	) {}

	async start(): Promise<void> {
		const session = new Session();
		session.connect();
		await session.post('Profiler.enable');
		await session.post('Profiler.start');
		this.#session = session;
	}

	async stop(): Promise<string | null> {
		const session = this.#session;
		if (!session) return null;
		this.#session = null;
		const { profile } = await session.post('Profiler.stop');
		session.disconnect();
		const path = join(this.dir, `${this.name}-${Date.now()}.cpuprofile`);
		await writeFile(path, JSON.stringify(profile));
		return path;
	}
}
