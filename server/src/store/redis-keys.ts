/** Where Lookout keeps things in Redis, all under one prefix (so tests and trusts can share a server). */
export interface RedisKeys {
	/** The school's event log: a stream whose entry ids are `<position>-0`, with gaps where events were purged. */
	log(schoolId: string): string;
	/** Event id to position, so a resent event is recognised on any node. */
	ids(schoolId: string): string;
	/** The school's last position (kept when a purge deletes the newest entries). */
	position(schoolId: string): string;
	/** The set of schools with a log. */
	schools: string;
	/** One entry per new school, so followers learn of schools created on other nodes. */
	schoolsJoined: string;
	/** The lease on a school's timed side effects. */
	lease(schoolId: string): string;
}

export function redisKeys(prefix: string): RedisKeys {
	return {
		log: (schoolId) => `${prefix}:${schoolId}:log`,
		ids: (schoolId) => `${prefix}:${schoolId}:ids`,
		position: (schoolId) => `${prefix}:${schoolId}:position`,
		schools: `${prefix}:schools`,
		schoolsJoined: `${prefix}:schools:joined`,
		lease: (schoolId) => `${prefix}:${schoolId}:lease`
	};
}

/** A stream entry id for a log position: positions are the ids, so "after n" is `n-0`. */
export function entryId(position: number): string {
	return `${position}-0`;
}
