import { formatPath } from '../../../protocol';
import type { ConnectorDefinition, EndpointSpec } from '../connector';
import { mapEmergencyAlerts } from './arbor-alerts';
import { mapBehaviouralIncidents, mapInternalExclusions } from './arbor-behaviour';
import { lessonOfRecord, mapAttendanceRecords } from './arbor-marks';
import { arborObjectReads } from './arbor-objects';
import { mapStudents } from './arbor-people';
import { ArborListing } from './arbor-shapes';

/** Records a page; a full page with no word of a next one is refused rather than taken as the last. */
export const ARBOR_PAGE_SIZE = 500;

/** In this order: students first, so incidents, exclusions and marks find them in the roster. */
const LISTED: readonly Omit<EndpointSpec, 'expand'>[] = [
	{ name: 'students', path: 'students', query: { format: 'json', 'page-size': String(ARBOR_PAGE_SIZE) }, map: mapStudents },
	{ name: 'emergency-alerts', path: 'emergency-alerts', query: { format: 'json', 'page-size': String(ARBOR_PAGE_SIZE) }, map: mapEmergencyAlerts },
	{
		name: 'behavioural-incidents',
		path: 'behavioural-incidents',
		query: { format: 'json', 'page-size': String(ARBOR_PAGE_SIZE) },
		map: mapBehaviouralIncidents
	},
	{ name: 'internal-exclusions', path: 'internal-exclusions', query: { format: 'json', 'page-size': String(ARBOR_PAGE_SIZE) }, map: mapInternalExclusions },
	{
		name: 'attendance-records',
		path: 'attendance-records',
		query: { format: 'json', 'page-size': String(ARBOR_PAGE_SIZE) },
		map: mapAttendanceRecords,
		groupOf: lessonOfRecord
	}
];

/** A listing gives each object's identity and link, as Arbor documents it: every object is read at its href before its page is mapped. */
export const ARBOR_ENDPOINTS: readonly EndpointSpec[] = LISTED.map((endpoint) => ({ ...endpoint, expand: arborObjectReads }));

/** The keys of a listing that are not its list. */
const ENVELOPE = new Set(['response', 'next']);

export const arborConnector: ConnectorDefinition = {
	name: 'arbor',
	endpoints: ARBOR_ENDPOINTS,
	// Arbor's documented listing filter, `filters.<property>.<operator>`, with `after`.
	updatedAfterParam: (cursor) => ({ 'filters.lastModifiedDatetime.after': cursor.slice(0, 19) }),
	readPage(body) {
		const page = ArborListing.safeParse(body);
		if (!page.success) {
			const issue = page.error.issues[0];
			return { ok: false, problem: `${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`.trim() };
		}
		const lists = Object.entries(page.data).filter(([key, value]) => !ENVELOPE.has(key) && Array.isArray(value));
		const [list] = lists;
		if (lists.length !== 1 || !list) return { ok: false, problem: `a listing holds one list beside its response; this one held ${lists.length}` };
		const records = list[1] as unknown[];
		const next = page.data.next ?? null;
		if (page.data.next === undefined && records.length >= ARBOR_PAGE_SIZE)
			return { ok: false, problem: `${list[0]}: a full page of ${records.length} with no next href: the rest would be silently missed` };
		if (next !== null && !/^https?:\/\//.test(next)) return { ok: false, problem: `next ${JSON.stringify(next)} is not a whole URL` };
		return { ok: true, records, next };
	}
};

/** A school's base URL at Arbor: its own hostname (`myschool.uk.arbor.sc`) and the API version. */
export const arborSchoolUrl = (host: string): string => (/^https?:\/\//.test(host) ? host.replace(/\/$/, '') : `https://${host}/rest-v2`);

/** Arbor's API users authenticate with HTTP Basic: the credential the framework sends as given. */
export const arborCredential = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
