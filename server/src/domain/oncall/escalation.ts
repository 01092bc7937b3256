import { createHash } from 'node:crypto';
import type { AlertTarget, EventOf, Settings } from '../../../protocol';
import type { Request, SchoolState } from '../school/state';

export type EscalationDraft = Omit<EventOf<'oncall:escalated'>, 'schoolId'>;

type Alert = { at: number; level: number; notify: AlertTarget };

/**
 * When the call's current timer raises its next alert, and whom it alerts; null past the cap,
 * except for a call nobody has acknowledged, which goes on reminding (see `reminderAt`). Given
 * `now`, a reminder long overdue (nobody held the lease) is skipped to the latest one due.
 */
export function nextAlert(request: Request, settings: Settings, now?: number): Alert | null {
	const { rule, from, level: fired } = request.timer;
	const level = fired + 1;
	const chain = settings.escalationChain;
	const role = (i: number): AlertTarget => chain[Math.min(i, chain.length - 1)] ?? 'slt';
	const ack = settings.ackEscalateSeconds * 1_000;
	if (level > settings.escalationCap) return rule === 'unacknowledged' ? reminderAt(request, settings, now) : null;
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
 * A call still raised after the last alert of its cap has been seen by nobody who can act: it
 * reminds the chain's last role every `escalationReminderMinutes` until acknowledged or
 * cancelled. Reminders fall on a fixed grid from the last capped alert, and the level counts on,
 * so the event id of each is the same whichever process raises it and whenever.
 */
function reminderAt(request: Request, settings: Settings, now?: number): Alert {
	const cap = settings.escalationCap;
	const start = request.timer.from + cap * settings.ackEscalateSeconds * 1_000;
	const every = settings.escalationReminderMinutes * 60_000;
	const next = request.timer.level + 1 - cap;
	const due = now === undefined ? next : Math.max(next, Math.floor((now - start) / every));
	return { at: start + due * every, level: cap + due, notify: settings.escalationChain.at(-1) ?? 'slt' };
}

/**
 * The escalation a timer raises, as an event. Its id is fixed by the call, the timer and the
 * level, so a second process (or a restart) raising the same alert stores nothing new.
 */
export function escalationEvent(request: Request, alert: Alert): EscalationDraft {
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

/** Every alert due by `now`, one per call (the next level follows once this one is stored; a late reminder is the latest due). */
export function dueEscalations(state: SchoolState, now: number): EscalationDraft[] {
	const due: EscalationDraft[] = [];
	for (const request of state.requests.values()) {
		const alert = nextAlert(request, state.settings, now);
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
