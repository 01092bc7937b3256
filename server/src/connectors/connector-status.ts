import { ConnectorName, type ConnectorStatus } from '../../protocol/connectors';
import type { ConnectorStateStore } from './connector-state';

/**
 * Each connector of a school with its run status, for a status page and `GET /api/v1/connectors`:
 * a connector switched on (`enabled`) that has never run reads `never_run`; one with a status but
 * no longer switched on is still listed, so its last refusals can be read.
 */
export async function connectorStatuses(state: ConnectorStateStore, schoolId: string, enabled: readonly ConnectorName[]): Promise<ConnectorStatus[]> {
	const out: ConnectorStatus[] = [];
	for (const connector of ConnectorName.options) {
		const status = await state.status(schoolId, connector);
		if (status) out.push(status);
		else if (enabled.includes(connector)) out.push(neverRun(schoolId, connector));
	}
	return out;
}

export function neverRun(schoolId: string, connector: ConnectorName): ConnectorStatus {
	return {
		connector,
		schoolId,
		state: 'never_run',
		detail: null,
		endpoint: null,
		lastRunAt: null,
		lastSuccessAt: null,
		nextRunAt: null,
		recordsIn: 0,
		refused: 0,
		refusals: [],
		cursors: {}
	};
}
