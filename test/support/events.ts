import type { InboundEventInput } from '../../server/protocol';

export const SCHOOL = 'test-school';

/**
 * The morning the fixture events happen on. Servers under test start their clock here (and
 * run at real speed), so what counts as "today" does not change with the day the suite runs.
 */
export const FIXTURE_MORNING = '2026-11-23T09:10:00Z';

export function behaviour(id: string, overrides: Partial<Record<string, unknown>> = {}): InboundEventInput {
	return {
		id,
		schoolId: SCHOOL,
		type: 'behaviour:recorded',
		occurredAt: '2026-11-23T09:05:00Z',
		polarity: 'negative',
		category: 'disruption',
		severity: 2,
		points: -2,
		locationId: 'M1',
		studentIds: ['STU1'],
		staffId: 'T1',
		...overrides
	} as InboundEventInput;
}

export function reference(schoolId = SCHOOL, lessons: unknown[] = []): InboundEventInput {
	return {
		id: `ref-${schoolId}`,
		schoolId,
		type: 'reference:updated',
		occurredAt: '2026-11-23T07:00:00Z',
		school: { name: 'Test School', timezone: 'Europe/London' },
		rooms: [
			{ id: 'M1', name: 'M1 Maths', category: 'classroom', level: 0 },
			{ id: 'S1', name: 'S1 Lab', category: 'laboratory', level: 1 }
		],
		students: [{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley', yearGroup: 9, formGroup: '9N' }],
		staff: [{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' }],
		periods: [{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' }],
		lessons
	} as InboundEventInput;
}
