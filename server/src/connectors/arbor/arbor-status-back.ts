import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { SchoolSource } from '../connector';
import type { ConnectorStateStore } from '../connector-state';
import { authorizationOf, DEFAULT_RETRY, retryAfterMs, type RetryPolicy } from '../source-fetch';
import type { EventStore } from '../../store/event-store';
import { alertIdOf } from './arbor-alerts';
import { arborDatetime } from './arbor-dates';

/** Where the status sent back has reached in the school's log: a cursor beside the endpoints' own. */
export const STATUS_BACK = 'emergency-alerts/status';

/**
 * A call's step as the status Arbor's alert is given. Arbor documents `status` as a string and
 * not its values; these follow the upper-case codes of its other enumerations.
 */
const ARBOR_STATUS: Record<string, string> = {
	'oncall:acknowledged': 'ACKNOWLEDGED',
	'oncall:unacknowledged': 'PENDING',
	'oncall:dispatched': 'DISPATCHED',
	'oncall:en-route': 'EN_ROUTE',
	'oncall:on-scene': 'ON_SCENE',
	'oncall:closed': 'RESOLVED',
	'oncall:cancelled': 'CANCELLED'
};

export interface StatusBackResult {
	sent: { alertId: string; status: string }[];
	failed: ConnectorRefusal[];
}

interface Latest {
	status: string;
	at: string;
	by: string;
	/** The first log position of this alert's steps in this pass: a failed alert is read again from here. */
	first: number;
}

/**
 * Sends each Arbor alert's call status back to Arbor as it changes in Lookout: the steps appended
 * since the last pass, the latest per alert, one `PUT /rest-v2/emergency-alerts/<id>` each (the
 * SDK's update: `{"request": {"emergencyAlert": {...}}}`). Best effort: a 429 or 5xx is retried as
 * a page is, and an alert that still fails is reported and sent again next pass; it never stops
 * the sync. The position reached is kept as a cursor, so a restart sends nothing twice that went.
 */
export async function sendAlertStatuses(
	source: SchoolSource,
	deps: { store: EventStore; state: ConnectorStateStore; retry?: RetryPolicy; progress?: (line: string) => void }
): Promise<StatusBackResult> {
	const saved = await deps.state.cursor(source.schoolId, 'arbor', STATUS_BACK);
	const after = Number(saved?.updatedAfter ?? 0);
	const latest = new Map<string, Latest>();
	let reached = after;
	for await (const stored of deps.store.read(source.schoolId, after)) {
		reached = Math.max(reached, stored.position);
		const e = stored.event;
		const status = ARBOR_STATUS[e.type];
		if (!status || !('requestId' in e) || !('by' in e)) continue;
		const alertId = alertIdOf(e.requestId);
		if (alertId === null) continue;
		const first = latest.get(alertId)?.first ?? stored.position;
		latest.set(alertId, { status, at: e.occurredAt, by: e.by, first });
	}
	const result: StatusBackResult = { sent: [], failed: [] };
	let resumeFrom = reached;
	for (const [alertId, l] of latest) {
		const problem = await putStatus(source, alertId, l, deps.retry ?? DEFAULT_RETRY);
		if (problem === null) {
			result.sent.push({ alertId, status: l.status });
			deps.progress?.(`arbor ${source.schoolId}: alert ${alertId} told ${l.status}`);
		} else {
			result.failed.push({ endpoint: STATUS_BACK, sourceId: alertId, reason: `${l.status} not sent: ${problem}; sent again at the next run` });
			resumeFrom = Math.min(resumeFrom, l.first - 1);
			deps.progress?.(`arbor ${source.schoolId}: alert ${alertId}: ${l.status} not sent: ${problem}`);
		}
	}
	if (resumeFrom !== after) await deps.state.saveCursor(source.schoolId, 'arbor', STATUS_BACK, { updatedAfter: String(resumeFrom), next: null, passMax: null });
	return result;
}

/** One PUT with the page retries: null when Arbor took it, else why not, in words. */
async function putStatus(source: SchoolSource, alertId: string, l: Latest, policy: RetryPolicy): Promise<string | null> {
	const url = `${source.baseUrl.replace(/\/$/, '')}/emergency-alerts/${alertId}?format=json`;
	const body = JSON.stringify({
		request: {
			emergencyAlert: {
				entityType: 'EmergencyAlert',
				status: l.status,
				statusModifiedDatetime: arborDatetime(l.at),
				...(/^\d+$/.test(l.by) ? { statusModifiedStaff: { entityType: 'Staff', id: Number(l.by) } } : {})
			}
		}
	});
	let last = 'no attempt made';
	for (let attempt = 1; attempt <= policy.attempts; attempt++) {
		let wait: number;
		try {
			const res = await fetch(url, {
				method: 'PUT',
				headers: { authorization: authorizationOf(source.token), accept: 'application/json', 'content-type': 'application/json' },
				body,
				signal: AbortSignal.timeout(policy.timeoutMs)
			});
			await res.body?.cancel().catch(() => undefined);
			if (res.ok) return null;
			last = `Arbor answered ${res.status}`;
			if (res.status !== 429 && res.status < 500) return last;
			wait = (res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null) ?? jittered(policy, attempt);
		} catch (err) {
			last = `the request failed (${err instanceof Error ? err.message : String(err)})`;
			wait = jittered(policy, attempt);
		}
		if (attempt < policy.attempts) await policy.sleep(Math.min(wait, policy.maxDelayMs));
	}
	return `${last}, ${policy.attempts} times`;
}

function jittered(policy: RetryPolicy, attempt: number): number {
	return Math.round(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}
