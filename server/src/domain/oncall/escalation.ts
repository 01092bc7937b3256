import { createHash } from 'node:crypto';
import type { AlertTarget, EventOf, Settings } from '../../../protocol';
import type { Request, SchoolState } from '../school/state';

export type EscalationDraft = Omit<EventOf<'oncall:escalated'>, 'schoolId'>;

/** When the call's current timer raises its next alert, and whom it alerts; null past the cap. */
export function nextAlert(request: Request, settings: Settings): { at: number; level: number; notify: AlertTarget } | null {
	const { rule, from, level: fired } = request.timer;
	const level = fired + 1;
	if (level > settings.escalationCap) return null;
	const chain = settings.escalationChain;
	const role = (i: number): AlertTarget => chain[Math.min(i, chain.length - 1)] ?? 'slt';
	const ack = settings.ackEscalateSeconds * 1_000;
	switch (rule) {
		// The first role was alerted when the call was raised; each interval alerts the next.
		case 'unacknowledged':
			return { at: from + level * ack, level, notify: role(level) };
		case 'not_on_scene':
			return { at: from + level * settings.onSceneAlertMinutes * 60_000, level, notify: role(level - 1) };
		// First the responder is asked if they are fine; no answer alerts the duty roles.
		case 'lone_working':
			return { at: from + settings.loneWorkingMinutes * 60_000 + (level - 1) * ack, level, notify: level === 1 ? 'responder' : role(level - 2) };
	}
}

/**
 * The escalation a timer raises, as an event. Its id is fixed by the call, the timer and the
 * level, so a second process (or a restart) raising the same alert stores nothing new.
 */
export function escalationEvent(request: Request, alert: { at: number; level: number; notify: AlertTarget }): EscalationDraft {
	const key = `${request.id}:esc:${request.timer.rule}:${request.timer.from}:${alert.level}`;
	return {
		id: key.length <= 128 ? key : `esc:${createHash('sha256').update(key).digest('hex').slice(0, 40)}`,
		type: 'oncall:escalated',
		occurredAt: new Date(alert.at).toISOString(),
		requestId: request.id,
		rule: request.timer.rule,
		level: alert.level,
		notify: alert.notify
	};
}

/** Every alert due by `now`, one per call (the next level follows once this one is stored). */
export function dueEscalations(state: SchoolState, now: number): EscalationDraft[] {
	const due: EscalationDraft[] = [];
	for (const request of state.requests.values()) {
		const alert = nextAlert(request, state.settings);
		if (alert && alert.at <= now) due.push(escalationEvent(request, alert));
	}
	return due;
}

/** The next instant any open call's timer runs out, or null when none will. */
export function nextEscalationAt(state: SchoolState): number | null {
	let next: number | null = null;
	for (const request of state.requests.values()) {
		const at = nextAlert(request, state.settings)?.at;
		if (at !== undefined && (next === null || at < next)) next = at;
	}
	return next;
}
