import type { OnCallPriority, OnCallReason } from '../../../protocol';
import type { MapContext, MappedPage } from '../connector';
import { arborId, arborInstant, roomIdOf } from './arbor-dates';
import { mapEach } from './arbor-records';
import { ArborEmergencyAlert } from './arbor-shapes';

/** Words in an alert type's name and the on-call reason they mean; first match wins, else `other`. */
const REASONS: readonly [RegExp, OnCallReason][] = [
	[/medic|first aid|injur|unwell|ill\b/i, 'medical'],
	[/safeguard|welfare|missing/i, 'safeguarding'],
	[/fight|assault|violen|physical/i, 'fighting'],
	[/damage|vandal/i, 'damage'],
	[/refus/i, 'refusal'],
	[/truan|out of (lesson|class)|absconded|left (the )?(room|lesson)/i, 'out_of_lesson'],
	[/disrupt|behaviour|defian/i, 'disruption']
];

/** An alert about a body or a child's safety cannot wait behind others. */
const EMERGENCY: ReadonlySet<OnCallReason> = new Set(['medical', 'safeguarding', 'fighting']);

/** The request id of an Arbor alert's call: the status sent back to Arbor is found by it. */
export const alertRequestId = (alertId: number | string): string => `arbor-alert-${alertId}`;

export const alertIdOf = (requestId: string): string | null => /^arbor-alert-(\d+)$/.exec(requestId)?.[1] ?? null;

/**
 * An emergency alert as one `oncall:raised`: the room it was raised from, who raised it, a reason
 * from the alert type's name, `emergency` for medical, safeguarding and fighting, else `urgent`
 * (it was raised as an emergency alert). Its id is Arbor's id alone: one alert is one call, and an
 * alert changed later (its status, mostly, which Lookout itself sends) is not a second call. Arbor
 * names no students on an alert. An alert with no room or no member of staff is refused, named.
 */
export function mapEmergencyAlerts(records: readonly unknown[], context: MapContext): MappedPage {
	return mapEach(records, ArborEmergencyAlert, context, (a) => {
		if (!a.location) return 'location is empty: Lookout sends patrol to a room';
		if (!a.triggeredByStaff) return 'has no triggeredByStaff: Lookout records who raised a call';
		const type = a.emergencyAlertType?.name ?? '';
		const reason = REASONS.find(([pattern]) => pattern.test(`${type} ${a.comment ?? ''}`))?.[1] ?? 'other';
		const priority: OnCallPriority = EMERGENCY.has(reason) ? 'emergency' : 'urgent';
		const requestId = alertRequestId(a.id);
		return {
			event: {
				id: requestId,
				schoolId: context.schoolId,
				occurredAt: arborInstant(a.datetime),
				type: 'oncall:raised',
				requestId,
				locationId: roomIdOf(a.location),
				reason,
				priority,
				studentIds: [],
				raisedBy: arborId(a.triggeredByStaff)
			},
			sources: [String(a.id)]
		};
	});
}
