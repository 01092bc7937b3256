import { createHash } from 'node:crypto';
import { formatPath, InboundEvent, type EventOf } from '../../protocol';
import type { ConnectorRefusal, ConnectorStatus } from '../../protocol/connectors';
import { auditEntry } from '../auth/audit';
import type { EventStore } from '../store/event-store';
import type { ConnectorDefinition, Cursor, EndpointSpec, MappedPage, SchoolSource } from './connector';
import type { ConnectorStateStore } from './connector-state';
import { laterOf } from './mapping';
import { expandPage } from './object-reads';
import { pruneSentLessons, type SentLessons } from './sent-registers';
import { fetchJson, SourceAccessError, SourceFailedError, DEFAULT_RETRY, sourceUrl, type RetryNote, type RetryPolicy } from './source-fetch';

/** How many refusals the status keeps (the audit log keeps every one). */
const STATUS_REFUSALS = 200;

export interface SyncDeps {
	store: EventStore;
	state: ConnectorStateStore;
	/** Real time: when the run happened, for the status. */
	now?: () => number;
	retry?: RetryPolicy;
	/** One line per page, per retry and per endpoint finished. */
	progress?: (line: string) => void;
	/** When the next scheduled run is, for the status (the schedule knows; the command line has none). */
	nextRunAt?: number | null;
}

export interface EndpointSummary {
	endpoint: string;
	pages: number;
	records: number;
	appended: number;
	duplicates: number;
	refused: number;
	skipped: number;
	/** Listed objects deleted before they could be read (an endpoint whose objects are read one by one). */
	gone: number;
	/** Where the next pass starts: the `updated_after` it will ask with. */
	cursor: string | null;
}

export interface SyncSummary {
	status: ConnectorStatus;
	endpoints: EndpointSummary[];
	refusals: ConnectorRefusal[];
}

/**
 * One run of a connector for one school: for each endpoint in turn, the pages of its pass from
 * where the cursor left off, following `next`. A page is all or nothing: its records are mapped,
 * (for a source that lists identities and links, each listed object read at its href first), each event checked by the contract, and what passes appended with an audit entry per refused
 * record, in one append; only then does the cursor move past it. A revoked or narrowed approval
 * stops the school's run where it is (nothing of that page applied) and says so in the status.
 */
export async function runSync(connector: ConnectorDefinition, source: SchoolSource, deps: SyncDeps): Promise<SyncSummary> {
	const now = deps.now ?? Date.now;
	const progress = deps.progress ?? (() => {});
	const { state } = deps;
	const previous = await state.status(source.schoolId, connector.name);
	const started = new Date(now()).toISOString();
	const status: ConnectorStatus = {
		connector: connector.name,
		schoolId: source.schoolId,
		state: 'running',
		detail: null,
		endpoint: null,
		lastRunAt: started,
		lastSuccessAt: previous?.lastSuccessAt ?? null,
		nextRunAt: deps.nextRunAt ? new Date(deps.nextRunAt).toISOString() : null,
		recordsIn: 0,
		refused: 0,
		refusals: [],
		cursors: previous?.cursors ?? {}
	};
	await state.saveStatus(status);
	const summaries: EndpointSummary[] = [];
	const refusals: ConnectorRefusal[] = [];
	let current = '';
	try {
		const roster = await state.roster(source.schoolId, connector.name);
		const sent = { current: await state.sentLessons(source.schoolId, connector.name) };
		for (const endpoint of connector.endpoints) {
			current = endpoint.name;
			const summary = await syncEndpoint(connector, endpoint, source, roster, sent, deps, refusals);
			summaries.push(summary);
			status.recordsIn += summary.records;
			status.refused += summary.refused;
			status.cursors[endpoint.name] = summary.cursor;
			progress(
				`${connector.name} ${source.schoolId}: ${endpoint.name} done: ${summary.records} record(s) in ${summary.pages} page(s), ${summary.appended} event(s) appended, ${summary.refused} refused; next pass from ${summary.cursor ?? 'the beginning'}`
			);
		}
		status.state = 'ok';
		status.lastSuccessAt = new Date(now()).toISOString();
	} catch (err) {
		status.endpoint = current;
		status.recordsIn = summaries.reduce((n, s) => n + s.records, 0);
		if (err instanceof SourceAccessError) {
			status.state = err.state;
			status.detail = `${current}: ${err.message}`;
			await appendStopAudit(deps.store, source.schoolId, connector.name, status.detail, now(), progress);
		} else {
			status.state = 'failed';
			status.detail = `${current}: ${err instanceof Error ? err.message : String(err)}`;
		}
		progress(`${connector.name} ${source.schoolId}: stopped at ${current}: ${status.state}: ${status.detail}`);
	}
	status.refusals = refusals.slice(0, STATUS_REFUSALS);
	status.refused = refusals.length;
	await state.saveStatus(status);
	return { status, endpoints: summaries, refusals };
}

async function syncEndpoint(
	connector: ConnectorDefinition,
	endpoint: EndpointSpec,
	source: SchoolSource,
	roster: Awaited<ReturnType<ConnectorStateStore['roster']>>,
	sent: { current: SentLessons },
	deps: SyncDeps,
	refusals: ConnectorRefusal[]
): Promise<EndpointSummary> {
	const { state, store } = deps;
	const progress = deps.progress ?? (() => {});
	const saved = await state.cursor(source.schoolId, connector.name, endpoint.name);
	let cursor: Cursor = saved ?? { updatedAfter: null, next: null, passMax: null };
	const summary: EndpointSummary = {
		endpoint: endpoint.name,
		pages: 0,
		records: 0,
		appended: 0,
		duplicates: 0,
		refused: 0,
		skipped: 0,
		gone: 0,
		cursor: cursor.updatedAfter
	};
	let url: string | null = cursor.next ?? firstPage(connector, endpoint, source, cursor.updatedAfter);
	while (url !== null) {
		const onRetry: RetryNote = (r) =>
			progress(
				`${connector.name} ${source.schoolId}: ${endpoint.name}: ${r.status === null ? 'no answer' : `answered ${r.status}`}; trying again in ${r.waitMs} ms`
			);
		const retry = deps.retry ?? DEFAULT_RETRY;
		const body = await fetchJson(url, source.token, retry, onRetry);
		const page = connector.readPage(body);
		if (!page.ok) throw new SourceFailedError(`a page was not in the documented shape (${page.problem}); nothing of it was applied`);
		const next = page.next === null ? null : sourceUrl(page.next, source.baseUrl);
		const { records, gone } = endpoint.expand
			? await expandPage(page.records, endpoint.expand, `${source.baseUrl.replace(/\/$/, '')}/`, source.token, retry, onRetry)
			: { records: page.records, gone: 0 };
		const { now: toMap, carry } = holdBack(endpoint, [...(cursor.carry ?? []), ...records], next === null);
		const before = JSON.stringify(roster);
		const mapped = endpoint.map(toMap, { schoolId: source.schoolId, endpoint: endpoint.name, roster, sent: sent.current, lastPage: next === null });
		const { events, refused } = checked(mapped, endpoint.name);
		const audits = refused.map((r) => refusalAudit(source.schoolId, connector.name, r, deps.now?.() ?? Date.now()));
		const batch = [...events, ...audits];
		const result = batch.length > 0 ? await store.append(batch) : { stored: [], duplicates: 0, positions: {} };
		if (JSON.stringify(roster) !== before) await state.saveRoster(source.schoolId, connector.name, roster);
		// Saved after the page's events and before its cursor, as the roster: a run stopped between the two re-reads the page and merges to the same registers (same ids).
		if (mapped.events.some((e) => e.event.type === 'register:taken')) {
			sent.current = pruneSentLessons(sent.current);
			await state.saveSentLessons(source.schoolId, connector.name, sent.current);
		}
		const passMax = laterOf(cursor.passMax, mapped.maxUpdatedAt);
		const moved: Cursor =
			next === null
				? { updatedAfter: laterOf(cursor.updatedAfter, passMax), next: null, passMax: null }
				: { updatedAfter: cursor.updatedAfter, next, passMax, ...(carry.length > 0 ? { carry } : {}) };
		// Unchanged (a pass with nothing new), it is not written again: a durable write costs a sync of the disk.
		if (saved === null || JSON.stringify(moved) !== JSON.stringify(cursor)) await state.saveCursor(source.schoolId, connector.name, endpoint.name, moved);
		cursor = moved;
		const appended = result.stored.filter((s) => s.event.type !== 'audit:recorded').length;
		summary.pages += 1;
		summary.records += records.length;
		summary.appended += appended;
		summary.duplicates += result.duplicates;
		summary.refused += refused.length;
		summary.skipped += mapped.skipped;
		summary.gone += gone;
		refusals.push(...refused);
		progress(
			`${connector.name} ${source.schoolId}: ${endpoint.name} page ${summary.pages}: ${records.length} record(s), ${appended} event(s) appended, ${result.duplicates} already held, ${refused.length} refused${gone > 0 ? `, ${gone} deleted at the source before they were read` : ''}`
		);
		url = next;
	}
	summary.cursor = cursor.updatedAfter;
	return summary;
}

/**
 * What to map now and what to keep for the next page: the records of the group the page's last
 * grouped record belongs to (a lesson whose marks may run on over the page), unless nothing follows.
 */
function holdBack(endpoint: EndpointSpec, records: unknown[], last: boolean): { now: unknown[]; carry: unknown[] } {
	const groupOf = endpoint.groupOf;
	if (last || !groupOf) return { now: records, carry: [] };
	let open: string | null = null;
	for (let i = records.length - 1; i >= 0 && open === null; i--) open = groupOf(records[i]);
	if (open === null) return { now: records, carry: [] };
	const now: unknown[] = [];
	const carry: unknown[] = [];
	for (const record of records) (groupOf(record) === open ? carry : now).push(record);
	return { now, carry };
}

function firstPage(connector: ConnectorDefinition, endpoint: EndpointSpec, source: SchoolSource, updatedAfter: string | null): string {
	const url = new URL(`${source.baseUrl.replace(/\/$/, '')}/${endpoint.path}`);
	for (const [k, v] of Object.entries(endpoint.query)) url.searchParams.set(k, v);
	if (updatedAfter) for (const [k, v] of Object.entries(connector.updatedAfterParam(updatedAfter))) url.searchParams.set(k, v);
	return url.toString();
}

/** The contract is the last word: an event it refuses is reported against each record it came from and never appended. */
function checked(mapped: MappedPage, endpoint: string): { events: InboundEvent[]; refused: ConnectorRefusal[] } {
	const events: InboundEvent[] = [];
	const refused = [...mapped.refused];
	for (const { event, sources } of mapped.events) {
		const parsed = InboundEvent.safeParse(event);
		if (parsed.success) {
			events.push(parsed.data);
			continue;
		}
		const reason = parsed.error.issues.map((i) => `${formatPath(i.path)} ${i.message}`).join('; ');
		for (const sourceId of sources) refused.push({ endpoint, sourceId, reason });
	}
	return { events, refused };
}

/** Its id is fixed by the record and the reason, so a run that re-reads the page audits it once. */
function refusalAudit(schoolId: string, connector: string, r: ConnectorRefusal, now: number): EventOf<'audit:recorded'> {
	const detail = `${connector} ${r.endpoint} ${r.sourceId}: ${r.reason}`;
	const id = `audit-${connector}-refused-${createHash('sha256').update(detail).digest('hex').slice(0, 24)}`;
	return { ...auditEntry(schoolId, 'system', 'connector_refused', { detail }, now), id };
}

async function appendStopAudit(
	store: EventStore,
	schoolId: string,
	connector: string,
	detail: string,
	now: number,
	progress: (line: string) => void
): Promise<void> {
	try {
		await store.append([auditEntry(schoolId, 'system', 'connector_stopped', { detail: `${connector}: ${detail}` }, now)]);
	} catch (err) {
		// The status says why the run stopped either way; an audit that cannot be stored must not hide it.
		progress(`${connector} ${schoolId}: the audit entry of the stop could not be stored: ${err instanceof Error ? err.message : String(err)}`);
	}
}
