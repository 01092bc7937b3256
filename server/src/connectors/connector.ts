import type { Contact, InboundEventInput } from '../../protocol';
import type { ConnectorName, ConnectorRefusal } from '../../protocol/connectors';
import type { SentLessons } from './sent-registers';

/**
 * What a connector has learnt of the school across pages and endpoints: the source's ids of
 * students and staff against Lookout's (the MIS ids), each student's form, and the families'
 * contacts (Lookout's contacts list replaces the whole book, so the book is kept whole here).
 */
export interface Roster {
	students: Record<string, { id: string; form: string }>;
	staff: Record<string, string>;
	contacts: Record<string, Contact[]>;
}

export const emptyRoster = (): Roster => ({ students: {}, staff: {}, contacts: {} });

/** Where an endpoint's sync stands: the next page of a pass under way, and where the last finished pass reached. */
export interface Cursor {
	/** The `updated_after` of the next pass: the greatest `updated_at` the last finished pass saw. */
	updatedAfter: string | null;
	/** The next page of a pass under way (a run stopped part-way resumes here); null between passes. */
	next: string | null;
	/** The greatest `updated_at` seen so far in the pass under way. */
	passMax: string | null;
	/**
	 * Records of the last page held back to be mapped with the next one (a lesson's register that
	 * runs on over the page's end); kept with the cursor, so a run stopped between the two pages
	 * still applies the register whole or not at all.
	 */
	carry?: unknown[];
}

/** An event a page maps to, with the source records it came from (so a refusal names them). */
export interface MappedEvent {
	event: InboundEventInput;
	sources: string[];
}

export interface MappedPage {
	events: MappedEvent[];
	refused: ConnectorRefusal[];
	/** Records read but not mapped to any event, on purpose (the mapping says why). */
	skipped: number;
	/** The greatest `updated_at` of the page's records, as the source writes it. */
	maxUpdatedAt: string | null;
}

export interface MapContext {
	schoolId: string;
	endpoint: string;
	/** The connector's roster: a mapper may add to it (students, staff, contacts). */
	roster: Roster;
	/** Each recent lesson's marks as last sent: a lesson mapper merges a lesson's new marks into them and sends the whole register. */
	sent: SentLessons;
	/** Whether this is the last page of the endpoint's pass (nothing follows it). */
	lastPage: boolean;
}

/** One list endpoint of a source: where it is, what it asks for, and how its records become Lookout's events. */
export interface EndpointSpec {
	name: string;
	/** Path under the school's base URL, e.g. `students` or `attendance/session`. */
	path: string;
	/** Query parameters of the first page (includes, page size). */
	query: Record<string, string>;
	map(records: readonly unknown[], context: MapContext): MappedPage;
	/**
	 * The records that must reach Lookout in one event, when some must: a lesson's register
	 * replaces the lesson's earlier one whole, so its marks are never split over two events. The
	 * group of a page's last grouped record is held back and mapped with the next page (or at the
	 * pass's end); null for a record that belongs to no such group.
	 */
	groupOf?(record: unknown): string | null;
	/**
	 * For a source whose listing gives each object's identity and link only (Arbor's REST API): the
	 * step that turns a page's listed entries into the objects themselves, each read at its own URL
	 * (with the listing's auth, retry and stop rules) before the page is mapped.
	 */
	expand?: ObjectReads;
}

/** How a listing's entries are read object by object. */
export interface ObjectReads {
	/** Each listed entry's URL, in listing order (relative to the school's base URL or whole), or why the listing is not in the documented shape. */
	hrefs(listed: readonly unknown[]): { ok: true; hrefs: string[] } | { ok: false; problem: string };
	/** The object in the answer to one read, or why the answer is not in the documented shape. */
	readObject(body: unknown): { ok: true; record: unknown } | { ok: false; problem: string };
}

/** A source Lookout pulls from: its endpoints in the order they sync (people before their marks). */
export interface ConnectorDefinition {
	name: ConnectorName;
	endpoints: readonly EndpointSpec[];
	/** The `updated_after` query value for a cursor. */
	updatedAfterParam(cursor: string): Record<string, string>;
	/** A page's records and the next page's URL (null on the last), or why the page is not in the source's documented shape. */
	readPage(body: unknown): { ok: true; records: unknown[]; next: string | null } | { ok: false; problem: string };
}

/** One school's connection to a source. */
export interface SchoolSource {
	schoolId: string;
	/** The school's base URL at the source, e.g. `https://api.wonde.com/v1.0/schools/A1930499544`. */
	baseUrl: string;
	token: string;
}
