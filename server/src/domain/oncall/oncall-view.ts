import type { OnCallDurations, OnCallItem, OnCallLogItem } from '../../../protocol';
import { dayAt } from '../school/duty';
import { localDate } from '../calendar/local-time';
import { roomRef, staffRef, studentRef } from '../school/refs';
import type { Request, SchoolState } from '../school/state';
import { suggestionsFor } from './suggestions';

export function onCallView(state: SchoolState, now: number): OnCallItem[] {
	const day = dayAt(state, now);
	return [...state.requests.values()].map((r) => ({
		id: r.id,
		status: r.status as OnCallItem['status'],
		priority: r.priority,
		reason: r.reason,
		...roomRef(state, r.locationId),
		raisedAt: r.raisedAt,
		updatedAt: r.updatedAt,
		raisedBy: staffRef(state, r.raisedBy),
		responder: r.responderId === null ? null : staffRef(state, r.responderId),
		students: r.studentIds.map((id) => studentRef(state, id)),
		times: { raised: r.raisedAt, ...r.times },
		escalation: r.escalation,
		merged: r.merged,
		suggestions: suggestionsFor(state, r, day)
	}));
}

const seconds = (from: string | null, to: string | null): number | null =>
	from === null || to === null ? null : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1_000));

/** The seconds between a call's steps, as its transitions stamped them. */
export function durationsOf(r: Request): OnCallDurations {
	const { acknowledged, dispatched, enRoute, onScene } = r.times;
	const closed = r.ended && r.ended.disposition !== null && r.ended.mergedInto === null ? r.ended.at : null;
	return {
		acknowledge: seconds(r.raisedAt, acknowledged),
		dispatch: seconds(acknowledged, dispatched),
		turnout: seconds(dispatched, enRoute),
		travel: seconds(enRoute, onScene),
		response: seconds(r.raisedAt, onScene),
		onScene: seconds(onScene, closed),
		close: seconds(r.raisedAt, closed)
	};
}

/** The calls that ended on a date, in the order they were raised. */
export function endedOn(state: SchoolState, date: string): Request[] {
	return [...state.ended.values()].filter((r) => r.date === date).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}

export function onCallLogView(state: SchoolState, now: number): OnCallLogItem[] {
	return endedOn(state, localDate(now, state.timezone)).map((r) => ({
		id: r.id,
		outcome: r.ended?.mergedInto ? 'merged' : r.ended?.disposition ? 'closed' : 'cancelled',
		disposition: r.ended?.disposition ?? null,
		mergedInto: r.ended?.mergedInto ?? null,
		priority: r.priority,
		reason: r.reason,
		...roomRef(state, r.locationId),
		periodId: r.periodId,
		raisedAt: r.raisedAt,
		endedAt: r.ended?.at ?? r.updatedAt,
		raisedBy: staffRef(state, r.raisedBy),
		responder: r.attendedBy === null ? null : staffRef(state, r.attendedBy),
		students: r.studentIds.map((id) => studentRef(state, id)),
		escalations: r.escalations,
		durations: durationsOf(r)
	}));
}
