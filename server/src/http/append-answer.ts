import type { Response } from 'express';
import type { CommandResult, InboundEvent } from '../../protocol';
import { StoreUnavailableError, type AppendResult, type EventStore } from '../store/event-store';
import { sendStoreUnavailable } from './errors';

/** Appends what a request made, or answers 503 (with Retry-After) when the log cannot take writes and gives null. */
export async function appendOr503(store: EventStore, res: Response, events: InboundEvent[]): Promise<AppendResult | null> {
	try {
		return await store.append(events);
	} catch (err) {
		if (!(err instanceof StoreUnavailableError)) throw err;
		sendStoreUnavailable(res);
		return null;
	}
}

/** Appends one event a person sent from a page and answers with where it went (or that it was a resend). */
export async function answerCommand(store: EventStore, res: Response, event: InboundEvent): Promise<void> {
	const appended = await appendOr503(store, res, [event]);
	if (appended === null) return;
	const answer: CommandResult = {
		ok: true,
		data: { id: event.id, duplicate: appended.stored.length === 0, position: appended.positions[event.schoolId] ?? 0 }
	};
	res.json(answer);
}
