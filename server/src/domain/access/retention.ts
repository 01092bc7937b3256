import type { EventType, InboundEvent } from '../../../protocol';

const DAY_MS = 24 * 60 * 60 * 1_000;

/**
 * Event types a purge never removes by age, because the school's current state is built from
 * them however old they are: its reference data and settings, who may sign in and with which
 * password, which integration keys and wall screens are trusted (and which were revoked), and
 * which trust the operator put the school in, and the school's own wording of its letters home.
 * Everything else (behaviour, attendance and the attendance desk's calls, letters and
 * interventions, on-call, the Reflection Room, duty, sessions and the audit log itself) matters
 * for its day and then for reports and evidence, and goes once it is old enough. Plans, their
 * ticks and reviews, and TAP minutes (`plan:*`, `tap:minuted`) go the same way: a pastoral
 * record, kept as long as the behaviour it answers. A booking's
 * cancel (`reflection:cancelled`, a sanction cleared) is kept as long as the bookings: both are
 * the Reflection Room's record of the day, and a cancel means nothing without its booking; so are
 * the room's cover requests and cover taken (`reflection:cover-requested`, `reflection:cover-taken`).
 * A suspension's corrections and withdrawal (`suspension:amended`, `suspension:withdrawn`) go by
 * age with the suspension: always later than its record, they never outlive it, and one whose
 * record has gone changes nothing.
 */
export const RETAINED_TYPES: ReadonlySet<EventType> = new Set<EventType>([
	'reference:updated',
	'user:added',
	'user:password-set',
	'user:removed',
	'user:signed-out-everywhere',
	'integration-key:issued',
	'integration-key:revoked',
	'school:trust-set',
	'attendance:template-set',
	'suspension:template-set',
	'device:paired',
	'device:revoked'
]);

export function isRetained(event: Pick<InboundEvent, 'type'>): boolean {
	return RETAINED_TYPES.has(event.type);
}

/**
 * The instant events older than which are purged: the start of today (UTC) less the retention
 * period. Whole days, so every run on one day draws the same line and records the same instant.
 */
export function purgeCutoff(now: number, retentionDays: number): string {
	// A purge cannot be undone: a bad setting stops it rather than removing too much.
	if (!Number.isSafeInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retention must be a whole number of days, not ${retentionDays}`);
	const today = Math.floor(now / DAY_MS) * DAY_MS;
	return new Date(today - retentionDays * DAY_MS).toISOString();
}
