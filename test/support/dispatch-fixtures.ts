import type { InboundEvent, Lesson } from '../../server/protocol';
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
