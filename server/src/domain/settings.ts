/** Thresholds a school can set. Defaults follow common practice (Arbor uses 10 minutes). */
export interface Settings {
	/** A register not taken this many minutes after the lesson starts is overdue. */
	registerOverdueMinutes: number;
	/** ...and goes to the wall after this many. */
	registerEscalateMinutes: number;
	/** A Reflection Room booking not checked in this long after its start is a no-show. */
	reflectionNoShowMinutes: number;
	/** How many behaviour events the recent feed keeps. */
	recentBehaviour: number;
}

export const DEFAULT_SETTINGS: Settings = {
	registerOverdueMinutes: 10,
	registerEscalateMinutes: 20,
	reflectionNoShowMinutes: 10,
	recentBehaviour: 50
};
