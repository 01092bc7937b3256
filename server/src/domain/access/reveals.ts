import type { AccessState } from './access';

/** Reveals are counted over the last hour, per person... */
export const REVEAL_WINDOW_MS = 60 * 60_000;
/**
 * ...and refused past this many different students in it: one call names at most 40, so a
 * patrol member on the biggest call may still see every name on it, and more besides.
 */
export const REVEALS_PER_HOUR = 60;
/** More different students than this in an hour is unusual for anyone on patrol: the admins are told. */
export const REVEALS_UNUSUAL = 20;

/** One person's recent reveals: each student with when they were last revealed, and the last flag. */
export interface RevealHistory {
	students: Map<string, number>;
	flaggedAt: number | null;
}

export type RevealCheck = { ok: true; flag: boolean } | { ok: false; retryAfterMs: number };

function historyOf(access: AccessState, actorId: string): RevealHistory {
	let history = access.reveals.get(actorId);
	if (!history) access.reveals.set(actorId, (history = { students: new Map(), flaggedAt: null }));
	return history;
}

/** Folds a `student_revealed` audit entry in; names older than the window are forgotten, so it stays small. */
export function recordReveal(access: AccessState, actorId: string, studentId: string, at: number): void {
	const history = historyOf(access, actorId);
	for (const [id, when] of history.students) if (at - when >= REVEAL_WINDOW_MS) history.students.delete(id);
	history.students.delete(studentId);
	history.students.set(studentId, at);
}

/** Folds a `reveals_unusual` audit entry in. */
export function recordRevealFlag(access: AccessState, actorId: string, at: number): void {
	historyOf(access, actorId).flaggedAt = at;
}

/**
 * Whether this person may be shown these students' names now, and whether doing so should be
 * flagged to the admins: the first time in an hour their reveals reach `REVEALS_UNUSUAL`.
 */
export function checkReveal(access: AccessState, actorId: string, studentIds: readonly string[], now: number): RevealCheck {
	const recent = [...(access.reveals.get(actorId)?.students ?? new Map<string, number>())].filter(([, at]) => now - at < REVEAL_WINDOW_MS);
	const after = new Set([...recent.map(([id]) => id), ...studentIds]);
	if (after.size > REVEALS_PER_HOUR) {
		const oldest = Math.min(...recent.map(([, at]) => at));
		return { ok: false, retryAfterMs: Math.max(oldest + REVEAL_WINDOW_MS - now, 1_000) };
	}
	const flaggedAt = access.reveals.get(actorId)?.flaggedAt ?? null;
	const flag = after.size >= REVEALS_UNUSUAL && (flaggedAt === null || now - flaggedAt >= REVEAL_WINDOW_MS);
	return { ok: true, flag };
}
