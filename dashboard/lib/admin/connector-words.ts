import type { ConnectorName, ConnectorStatus } from '$protocol/connectors';
import { dateTime } from '../format';

export const CONNECTOR_LABEL: Record<ConnectorName, string> = { wonde: 'Wonde', arbor: 'Arbor' };

/** Who at the school puts a revoked or narrowed connector right, per source. */
const RENEW: Record<ConnectorName, { revoked: string; narrowed: (endpoint: string) => string }> = {
	wonde: {
		revoked: "ask the school's Wonde approval to be renewed (or Lookout's key replaced), then run it now",
		narrowed: (endpoint) => `the school's Wonde approval no longer covers ${endpoint}; ask the school to approve it again in Wonde, then run it now`
	},
	arbor: {
		revoked: "ask the school to renew Lookout's Arbor API user, then run it now",
		narrowed: (endpoint) => `Lookout's Arbor API user may no longer read ${endpoint}; ask the school to give it that permission again, then run it now`
	}
};

export type ConnectorTone = 'ok' | 'busy' | 'quiet' | 'alert';

/** A connector's state as the admin reads it: a word for it, and one sentence of what happened and what to do. */
export interface StateInWords {
	label: string;
	sentence: string;
	tone: ConnectorTone;
}

export function stateInWords(status: ConnectorStatus, timezone: string): StateInWords {
	const source = CONNECTOR_LABEL[status.connector];
	const endpoint = status.endpoint ?? 'its first endpoint';
	const at = (iso: string | null) => (iso ? dateTime(iso, timezone) : null);
	switch (status.state) {
		case 'never_run': {
			const next = at(status.nextRunAt);
			return {
				label: 'Not run yet',
				sentence: next ? `the first scheduled run is at ${next}, or run it now` : 'run it now to bring the school in',
				tone: 'quiet'
			};
		}
		case 'running':
			return { label: 'Running', sentence: `started at ${at(status.lastRunAt) ?? 'just now'}`, tone: 'busy' };
		case 'ok':
			return status.refused > 0
				? {
						label: 'OK',
						sentence: `${status.refused} ${status.refused === 1 ? 'record was' : 'records were'} refused; the table below says why, and the next run brings each in once it is put right in the MIS`,
						tone: 'ok'
					}
				: { label: 'OK', sentence: 'the last run took in everything it read', tone: 'ok' };
		case 'revoked':
			return { label: 'Revoked', sentence: `${source} answered 401 at ${endpoint}; ${RENEW[status.connector].revoked}`, tone: 'alert' };
		case 'narrowed':
			return { label: 'Narrowed', sentence: `${source} answered 403 at ${endpoint}; ${RENEW[status.connector].narrowed(endpoint)}`, tone: 'alert' };
		case 'failed':
			return {
				label: 'Failed',
				sentence: `${withoutEndpoint(status.detail, status.endpoint) ?? 'the run stopped'} (at ${endpoint}); the next scheduled run tries again`,
				tone: 'alert'
			};
	}
}

/** The status's detail starts with the endpoint; the sentence names it once. */
function withoutEndpoint(detail: string | null, endpoint: string | null): string | null {
	if (detail === null || endpoint === null) return detail;
	return detail.startsWith(`${endpoint}: `) ? detail.slice(endpoint.length + 2) : detail;
}
