import type { Escalation, OnCallItem, OnCallPriority, OnCallStatus, Settings } from '$protocol';

const PRIORITY: Record<OnCallPriority, number> = { emergency: 0, urgent: 1, routine: 2 };

/** Unacknowledged first, then emergency, urgent, routine, then the oldest first. */
export function sortQueue(items: readonly OnCallItem[]): OnCallItem[] {
	return [...items].sort(
		(a, b) =>
			Number(a.status !== 'raised') - Number(b.status !== 'raised') ||
			PRIORITY[a.priority] - PRIORITY[b.priority] ||
			a.raisedAt.localeCompare(b.raisedAt) ||
			a.id.localeCompare(b.id)
	);
}

export type Band = 'fresh' | 'ageing' | 'old';

/** What a call is waiting for now, since when, and how long the school allows for it. */
export interface Wait {
	/** Short, for a timer's caption: `ack`, `on scene`, `welfare check`. */
	what: string;
	since: string;
	limitSeconds: number;
}

/**
 * The clock that matters for a call's status, with the school's own threshold: acknowledgement
 * within `ackEscalateSeconds`, somebody on scene within `onSceneAlertMinutes` of it, and a
 * welfare check after `loneWorkingMinutes` on scene.
 */
export function waitOf(call: OnCallItem, settings: Settings): Wait {
	switch (call.status) {
		case 'raised':
			return { what: 'ack', since: call.raisedAt, limitSeconds: settings.ackEscalateSeconds };
		case 'on_scene':
			return { what: 'welfare check', since: call.times.onScene ?? call.updatedAt, limitSeconds: settings.loneWorkingMinutes * 60 };
		default:
			return { what: 'on scene', since: call.times.acknowledged ?? call.raisedAt, limitSeconds: settings.onSceneAlertMinutes * 60 };
	}
}

/** Within the limit, up to three times it, or beyond. */
export function bandOf(elapsedMs: number, limitSeconds: number): Band {
	const s = elapsedMs / 1000;
	return s <= limitSeconds ? 'fresh' : s <= 3 * limitSeconds ? 'ageing' : 'old';
}

/**
 * The band in words and shapes, so colour is never the only sign: `ack due in 0:45`,
 * `▲ ack overdue 0:20`, `▲▲ ack overdue 2:10` (past three times the limit).
 */
export function bandText(wait: Wait, elapsedMs: number): string {
	const left = wait.limitSeconds * 1000 - elapsedMs;
	const band = bandOf(elapsedMs, wait.limitSeconds);
	if (band === 'fresh') return `${wait.what} due in ${timer(left)}`;
	return `${band === 'ageing' ? '▲' : '▲▲'} ${wait.what} overdue ${timer(-left)}`;
}

/** A tooltip for the band: the school's limit behind it. */
export function bandRule(wait: Wait): string {
	return `${wait.what === 'ack' ? 'Acknowledge' : wait.what === 'welfare check' ? 'Welfare check' : 'Someone on scene'} within ${limitLabel(wait.limitSeconds)}; ▲▲ after ${limitLabel(3 * wait.limitSeconds)}`;
}

export function limitLabel(seconds: number): string {
	if (seconds < 60) return `${seconds} s`;
	const m = Math.floor(seconds / 60);
	const s = seconds % 60;
	return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** `0:45`, `12:05`, `1:02:05`: a running timer. */
export function timer(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds of a finished step, `—` for a step the call never reached. */
export function duration(seconds: number | null): string {
	return seconds === null ? '—' : timer(seconds * 1000);
}

const TARGET = { on_call: 'ON CALL', slt: 'SLT', responder: 'RESPONDER' } as const;
const RULE = { unacknowledged: 'not acknowledged', not_on_scene: 'nobody on scene', lone_working: 'lone-working check' } as const;

/** `ALERTED SLT, level 2` and why; `current` is false once the call has moved past what the alert was about. */
export function escalationText(e: Escalation, status: OnCallStatus): { badge: string; why: string; current: boolean } {
	const current = e.rule === 'unacknowledged' ? status === 'raised' : e.rule === 'not_on_scene' ? status !== 'on_scene' : status === 'on_scene';
	const badge = e.notify === 'responder' ? `ASKED RESPONDER, level ${e.level}` : `ALERTED ${TARGET[e.notify]}, level ${e.level}`;
	return { badge, why: RULE[e.rule], current };
}

export const STATUS_TEXT: Record<OnCallStatus, string> = {
	raised: 'NOT ACKNOWLEDGED',
	acknowledged: 'Acknowledged',
	dispatched: 'Dispatched',
	en_route: 'En route',
	on_scene: 'On scene'
};
