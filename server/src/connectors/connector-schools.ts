import type { ConnectorName } from '../../protocol/connectors';
import { runArborSync } from './arbor/arbor-sync';
import { arborSchools, ArborSettingsError, type ArborSchool } from './arbor/arbor-settings';
import type { SchoolSource } from './connector';
import { runSync, type SyncDeps, type SyncSummary } from './sync-run';
import { wondeConnector, wondeSchoolUrl } from './wonde/wonde-connector';
import { wondeSchools, WondeSettingsError, type WondeSchool } from './wonde/wonde-settings';

/** A school with one connector switched on: a Wonde school, or an Arbor one. */
export type ConnectorSchool = WondeSchool | ArborSchool;

export class ConnectorSettingsError extends Error {
	override readonly name = 'ConnectorSettingsError';
}

export const connectorOf = (school: ConnectorSchool): ConnectorName => ('wondeId' in school ? 'wonde' : school.connector);

/** Where the connector reads the school from, and with what key. */
export function sourceOf(school: ConnectorSchool): SchoolSource {
	if ('wondeId' in school) return { schoolId: school.schoolId, baseUrl: wondeSchoolUrl(school.wondeId, school.api), token: school.token };
	return { schoolId: school.schoolId, baseUrl: school.baseUrl, token: school.credential };
}

/** One run of the school's connector: Wonde's pull, or Arbor's pull and the on-call status sent back. */
export function runConnector(school: ConnectorSchool, deps: SyncDeps): Promise<SyncSummary> {
	const source = sourceOf(school);
	return 'wondeId' in school ? runSync(wondeConnector, source, deps) : runArborSync(source, deps);
}

/** Every school with a connector switched on (WONDE_SCHOOLS, ARBOR_SCHOOLS); a mistake in their variables is refused by name. */
export function connectorSchools(env: Record<string, string | undefined> = process.env): ConnectorSchool[] {
	try {
		return [...wondeSchools(env), ...arborSchools(env)];
	} catch (err) {
		if (err instanceof WondeSettingsError || err instanceof ArborSettingsError) throw new ConnectorSettingsError(err.message);
		throw err;
	}
}

/** The school's connectors in a list of schools, by name. */
export function enabledFor(schools: readonly ConnectorSchool[], schoolId: string): ConnectorName[] {
	return schools.filter((s) => s.schoolId === schoolId).map(connectorOf);
}
