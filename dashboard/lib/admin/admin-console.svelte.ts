import type { AuditEntry } from '$protocol';
import type { AdminApi, Done, IntegrationKey, Person, WallScreen } from './admin-api';

export type AdminList = 'people' | 'keys' | 'walls' | 'audit';

/**
 * What the admin page shows of its school: its people, keys, wall screens and audit log, each
 * loaded again after a change to it (and the audit log after every change, since each is logged).
 */
export class AdminConsole {
	people = $state.raw<Person[] | null>(null);
	keys = $state.raw<IntegrationKey[] | null>(null);
	walls = $state.raw<WallScreen[] | null>(null);
	audit = $state.raw<AuditEntry[] | null>(null);
	/** Why a list could not be loaded, by list. */
	problems = $state<Partial<Record<AdminList, string>>>({});
	readonly api: AdminApi;

	constructor(api: AdminApi) {
		this.api = api;
	}

	loadAll(): Promise<void> {
		return Promise.all((['people', 'keys', 'walls', 'audit'] as const).map((list) => this.load(list))).then(() => undefined);
	}

	async load(list: AdminList): Promise<void> {
		const done = await this.#fetch(list);
		this.problems = { ...this.problems, [list]: done.ok ? undefined : done.message };
	}

	/** Runs a change, then reloads what it touched. */
	async change<T>(list: Exclude<AdminList, 'audit'>, run: () => Promise<Done<T>>): Promise<Done<T>> {
		const done = await run();
		if (done.ok) await Promise.all([this.load(list), this.load('audit')]);
		return done;
	}

	async #fetch(list: AdminList): Promise<Done<unknown>> {
		switch (list) {
			case 'people': {
				const done = await this.api.people();
				if (done.ok) this.people = [...done.data].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
				return done;
			}
			case 'keys': {
				const done = await this.api.keys();
				if (done.ok) this.keys = done.data;
				return done;
			}
			case 'walls': {
				const done = await this.api.walls();
				if (done.ok) this.walls = done.data;
				return done;
			}
			case 'audit': {
				const done = await this.api.audit();
				if (done.ok) this.audit = done.data;
				return done;
			}
		}
	}
}
