import { Redis } from 'ioredis';
import type { ConnectorName, ConnectorStatus } from '../../protocol/connectors';
import type { Cursor, Roster } from './connector';
import type { SentLessons } from './sent-registers';
import { readCursor, readRoster, readSentLessons, readStatus, type ConnectorStateStore } from './connector-state';

/** On Redis, beside the log: `<prefix>:<school>:connector:<name>:{cursors,roster,sent-lessons,status}`. */
export class RedisConnectorState implements ConnectorStateStore {
	readonly #redis: Redis;

	constructor(
		url: string,
		private readonly prefix: string
	) {
		this.#redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
		// Errors reach the caller through the command that failed; this keeps ioredis from logging them too.
		this.#redis.on('error', () => {});
	}

	#key(schoolId: string, connector: ConnectorName, what: string): string {
		return `${this.prefix}:${schoolId}:connector:${connector}:${what}`;
	}

	async cursor(schoolId: string, connector: ConnectorName, endpoint: string): Promise<Cursor | null> {
		const key = this.#key(schoolId, connector, 'cursors');
		return readCursor(await this.#redis.hget(key, endpoint), `${key} ${endpoint}`);
	}

	async saveCursor(schoolId: string, connector: ConnectorName, endpoint: string, cursor: Cursor): Promise<void> {
		await this.#redis.hset(this.#key(schoolId, connector, 'cursors'), endpoint, JSON.stringify(cursor));
	}

	async roster(schoolId: string, connector: ConnectorName): Promise<Roster> {
		const key = this.#key(schoolId, connector, 'roster');
		return readRoster(await this.#redis.get(key), key);
	}

	async saveRoster(schoolId: string, connector: ConnectorName, roster: Roster): Promise<void> {
		await this.#redis.set(this.#key(schoolId, connector, 'roster'), JSON.stringify(roster));
	}

	async sentLessons(schoolId: string, connector: ConnectorName): Promise<SentLessons> {
		const key = this.#key(schoolId, connector, 'sent-lessons');
		return readSentLessons(await this.#redis.get(key), key);
	}

	async saveSentLessons(schoolId: string, connector: ConnectorName, sent: SentLessons): Promise<void> {
		await this.#redis.set(this.#key(schoolId, connector, 'sent-lessons'), JSON.stringify(sent));
	}

	async status(schoolId: string, connector: ConnectorName): Promise<ConnectorStatus | null> {
		const key = this.#key(schoolId, connector, 'status');
		return readStatus(await this.#redis.get(key), key);
	}

	async saveStatus(status: ConnectorStatus): Promise<void> {
		await this.#redis.set(this.#key(status.schoolId, status.connector, 'status'), JSON.stringify(status));
	}

	async reset(schoolId: string, connector: ConnectorName): Promise<void> {
		await this.#redis.del(this.#key(schoolId, connector, 'cursors'), this.#key(schoolId, connector, 'roster'), this.#key(schoolId, connector, 'sent-lessons'));
	}

	async close(): Promise<void> {
		await this.#redis.quit().catch(() => this.#redis.disconnect());
	}
}
