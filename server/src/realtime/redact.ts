import type { FeedChange, FeedItem, FeedName, SchoolView, StudentRef } from '../../protocol';

/** A student as the redacted tier (wall screens, patrol phones) is sent them: no name. */
export function redactStudent({ id, initials, yearGroup }: StudentRef): StudentRef {
	return { id, initials, yearGroup };
}

/** A count of students as the redacted tier sees it: null for 1 to 4. */
const underFive = (count: number | null): number | null => (count !== null && count > 0 && count < 5 ? null : count);

const students = <T extends { students: StudentRef[] }>(item: T): T => ({ ...item, students: item.students.map(redactStudent) });
const student = <T extends { student: StudentRef }>(item: T): T => ({ ...item, student: redactStudent(item.student) });

/**
 * How each feed's items are redacted; null for a feed that names no student. A new feed must
 * say which it is, so no student field is ever sent unredacted by oversight.
 */
const REDACTORS: { [F in FeedName]: ((item: FeedItem<F>) => FeedItem<F>) | null } = {
	school: null,
	behaviour: students,
	oncall: students,
	oncallLog: students,
	registers: null,
	truancy: student,
	reflection: (room) => ({ ...room, occupants: room.occupants.map(student) }),
	rooms: null,
	staff: null,
	arrivals: student,
	support: student,
	// Counts only, but a group under five is withheld outside the named roles.
	firstDayCalls: (item) => ({ ...item, open: underFive(item.open), flagged: underFive(item.flagged) })
};

function redactItems<F extends FeedName>(feed: F, items: readonly FeedItem<F>[]): FeedItem<F>[] {
	const redact = REDACTORS[feed] as ((item: FeedItem<F>) => FeedItem<F>) | null;
	return redact ? items.map(redact) : [...items];
}

export function redactChanges(changes: readonly FeedChange[]): FeedChange[] {
	return changes.map((change) => ({ ...change, upsert: redactItems(change.feed, change.upsert as FeedItem<typeof change.feed>[]) }) as FeedChange);
}

export function redactView(view: SchoolView): SchoolView {
	return Object.fromEntries(Object.entries(view).map(([feed, items]) => [feed, redactItems(feed as FeedName, items as FeedItem<FeedName>[])])) as SchoolView;
}
