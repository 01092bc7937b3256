import { z } from 'zod';
import {
	DutyCoverTaken,
	OnCallAcknowledged,
	OnCallCancelled,
	OnCallClosed,
	OnCallDispatched,
	OnCallEnRoute,
	OnCallOnScene,
	OnCallRaised,
	OnCallUnacknowledged,
	OnCallWelfareConfirmed,
	StaffStatusChanged
} from './events';
import { EntityId } from './primitives';

const stamped = { schoolId: true, occurredAt: true } as const;

/**
 * `POST /api/v1/oncall?school=ID`: a step taken on a dashboard. The same events as ingest,
 * without `schoolId` and `occurredAt`: the server stamps them, so every step of a call is timed
 * by one clock.
 */
export const DispatchCommand = z.discriminatedUnion('type', [
	OnCallRaised.omit(stamped),
	OnCallAcknowledged.omit(stamped),
	OnCallUnacknowledged.omit(stamped),
	OnCallDispatched.omit(stamped),
	OnCallEnRoute.omit(stamped),
	OnCallOnScene.omit(stamped),
	OnCallClosed.omit(stamped),
	OnCallCancelled.omit(stamped),
	OnCallWelfareConfirmed.omit(stamped),
	DutyCoverTaken.omit(stamped),
	StaffStatusChanged.omit(stamped)
]);

export const CommandResult = z.object({
	ok: z.literal(true),
	data: z.object({
		/** The id the step was stored under. */
		id: EntityId,
		/** True when a step with that id was already stored (a resend). */
		duplicate: z.boolean(),
		position: z.number().int()
	})
});

export type DispatchCommand = z.infer<typeof DispatchCommand>;
export type DispatchCommandInput = z.input<typeof DispatchCommand>;
export type CommandResult = z.infer<typeof CommandResult>;
