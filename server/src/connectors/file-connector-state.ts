import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorName, ConnectorStatus } from '../../protocol/connectors';
import { replaceFile } from '../store/durable-file';
import type { Cursor, Roster } from './connector';
import type { SentLessons } from './sent-registers';
import { readCursor, readRoster, readSentLessons, readStatus, type ConnectorStateStore } from './connector-state';

/** The embedded default: `DATA_DIR/connectors/<school>/<connector>/`, each file replaced whole and synced. */
export class FileConnectorState implements ConnectorStateStore {
	constructor(private readonly dataDir: string) {}

	#dir(schoolId: string, connector: ConnectorName): string {
		return join(this.dataDir, 'connectors', schoolId, connector);
	}

	async #read(path: string): Promise<string | null> {
		try {
			return await readFile(path, 'utf8');
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw err;
		}
	}

	async #write(schoolId: string, connector: ConnectorName, name: string, value: unknown): Promise<void> {
		const dir = this.#dir(schoolId, connector);
		await mkdir(dir, { recursive: true });
		const { handle } = await replaceFile(join(dir, name), [JSON.stringify(value)]);
		await handle.close();
	}

	async cursor(schoolId: string, connector: ConnectorName, endpoint: string): Promise<Cursor | null> {
		const path = join(this.#dir(schoolId, connector), `cursor-${safe(endpoint)}.json`);
		return readCursor(await this.#read(path), path);
	}

	saveCursor(schoolId: string, connector: ConnectorName, endpoint: string, cursor: Cursor): Promise<void> {
		return this.#write(schoolId, connector, `cursor-${safe(endpoint)}.json`, cursor);
	}

	async roster(schoolId: string, connector: ConnectorName): Promise<Roster> {
		const path = join(this.#dir(schoolId, connector), 'roster.json');
		return readRoster(await this.#read(path), path);
	}

	saveRoster(schoolId: string, connector: ConnectorName, roster: Roster): Promise<void> {
		return this.#write(schoolId, connector, 'roster.json', roster);
	}

	async sentLessons(schoolId: string, connector: ConnectorName): Promise<SentLessons> {
		const path = join(this.#dir(schoolId, connector), 'sent-lessons.json');
		return readSentLessons(await this.#read(path), path);
	}

	saveSentLessons(schoolId: string, connector: ConnectorName, sent: SentLessons): Promise<void> {
		return this.#write(schoolId, connector, 'sent-lessons.json', sent);
	}

	async status(schoolId: string, connector: ConnectorName): Promise<ConnectorStatus | null> {
		const path = join(this.#dir(schoolId, connector), 'status.json');
		return readStatus(await this.#read(path), path);
	}

	saveStatus(status: ConnectorStatus): Promise<void> {
		return this.#write(status.schoolId, status.connector, 'status.json', status);
	}

	async reset(schoolId: string, connector: ConnectorName): Promise<void> {
		const status = await this.status(schoolId, connector);
		await rm(this.#dir(schoolId, connector), { recursive: true, force: true });
		if (status) await this.saveStatus({ ...status, cursors: {} });
	}

	async close(): Promise<void> {}
}

/** Endpoint names hold a slash (`attendance/session`); file names do not. */
const safe = (endpoint: string) => endpoint.replace(/[^a-z0-9-]/gi, '-');
