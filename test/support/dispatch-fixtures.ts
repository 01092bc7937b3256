import type { InboundEvent, InboundEventInput, Lesson } from '../../server/protocol';
import { reference, SCHOOL as SCHOOL_OF_EVENTS } from './events';
import { at, Scenario, SCHOOL, type EventDraft } from './school-fixtures';

/** A teacher, a coordinator and two patrol staff (with their base offices). */
export const STAFF = [
	{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' },
	{ id: 'C1', title: 'Mr', givenName: 'Cal', familyName: 'Coord', code: 'CCO', baseRoomId: 'M1' },
	{ id: 'P1', title: 'Mrs', givenName: 'Pat', familyName: 'Rolle', code: 'PRO', baseRoomId: 'M1' },
	{ id: 'P2', title: 'Mr', givenName: 'Ray', familyName: 'Dean', code: 'RDE', baseRoomId: 'S1' }
];

export const raise = {
	type: 'oncall:raised' as const,
	occurredAt: at('09:10'),
	requestId: 'r1',
	locationId: 'M1',
	reason: 'disruption' as const,
	priority: 'urgent' as const,
	studentIds: ['A'],
	raisedBy: 'T1'
};

/** The fixture school with its dispatch staff. */
export function dispatchScenario(lessons: Lesson[] = []): Scenario {
	return new Scenario(lessons).apply({ type: 'reference:updated', occurredAt: at('07:01'), staff: STAFF });
}

/** Parses a draft as ingest would, for the checker. */
export function asEvent(draft: EventDraft, id = 'x1'): InboundEvent {
	return { ...draft, id, schoolId: SCHOOL } as InboundEvent;
}

/**
 * The integration fixtures' reference (test/support/events) with the dispatch staff, P1 on call
 * in Period 1 and the Reflection Room: what a real server is given before a call is raised.
 */
export function dispatchReference(schoolId = SCHOOL_OF_EVENTS, extra: Record<string, unknown> = {}): InboundEventInput {
	const base = reference(schoolId) as Record<string, unknown>;
	return {
		...base,
		rooms: [...(base.rooms as unknown[]), { id: 'RR', name: 'Reflection Room', category: 'classroom', level: 0 }],
		reflectionRooms: [{ roomId: 'RR', capacity: 6 }],
		staff: STAFF,
		rota: [{ id: 'mon-p1', weekday: 1, periodId: 'P1', staffId: 'P1', role: 'on_call' }],
		...extra
	} as InboundEventInput;
}
