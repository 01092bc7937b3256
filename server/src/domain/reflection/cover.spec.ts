import { describe, expect, it } from 'vitest';
import { InboundEvent, type InboundEventInput } from '../../../protocol';
import { applyEvent } from '../apply';
import { createSchoolState } from '../school/state';
import { coverRequestProblem, coverTakeProblem, openCoverFor } from './cover';

const DAY = '2026-11-23';
const NOW = Date.parse(`${DAY}T08:00:00Z`);
const slot = { roomId: 'RR', date: DAY, periodId: 'P1' };

function school() {
	const state = createSchoolState('s');
	let position = 0;
	const add = (e: Record<string, unknown>) =>
		applyEvent(state, {
			position: (position += 1),
			receivedAt: `${DAY}T07:00:00Z`,
			event: InboundEvent.parse({ id: `e${position}`, schoolId: 's', occurredAt: `${DAY}T07:0${position}:00Z`, ...e } as InboundEventInput)
		});
	add({
		type: 'reference:updated',
		periods: [{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' }],
		rooms: [{ id: 'RR', name: 'Reflection Room', category: 'classroom', level: 0 }],
		staff: ['T1', 'T2', 'C1'].map((id) => ({ id, title: 'Mx', givenName: id, familyName: 'Staff', code: id })),
		timetable: [{ id: 'tt', weekday: 1, periodId: 'P1', roomId: 'M1', staffId: 'T1', classId: '9N/Ma1', subject: 'Maths', studentIds: [] }],
		reflectionRooms: [{ roomId: 'RR', capacity: 4 }]
	});
	return { state, add };
}

describe('Reflection Room cover', () => {
	it('is open to staff free that period until one takes it, who then supervises the period', () => {
		const { state, add } = school();
		expect(coverRequestProblem(state, slot, NOW)).toBeNull();
		add({ type: 'reflection:cover-requested', ...slot, by: 'C1' });
		expect(coverRequestProblem(state, slot, NOW)).toMatchObject({ code: 'invalid_transition' });
		expect(openCoverFor(state, 'T1', NOW)).toEqual([]);
		expect(openCoverFor(state, 'T2', NOW).map((r) => r.period)).toEqual(['Period 1']);
		expect(coverTakeProblem(state, slot, 'T1')).toMatchObject({ code: 'staff_unavailable' });
		expect(coverTakeProblem(state, slot, 'T2')).toBeNull();
		add({ type: 'reflection:cover-taken', ...slot, staffId: 'T2' });
		expect(state.supervisors.get('RR|2026-11-23|P1')).toBe('T2');
		expect(state.coverRequests.get('RR|2026-11-23|P1')).toMatchObject({ by: 'C1', takenBy: 'T2' });
		expect(coverTakeProblem(state, slot, 'C1')).toMatchObject({ code: 'invalid_transition', message: 'cover was already taken by T2' });
		expect(openCoverFor(state, 'C1', NOW)).toEqual([]);
	});

	it('keeps the first taker when a second take reaches the log, and refuses cover nobody asked for', () => {
		const { state, add } = school();
		expect(coverTakeProblem(state, slot, 'T2')).toMatchObject({ code: 'not_found' });
		add({ type: 'reflection:cover-requested', ...slot, by: 'C1' });
		add({ type: 'reflection:cover-taken', ...slot, staffId: 'T2' });
		add({ type: 'reflection:cover-taken', ...slot, staffId: 'C1' });
		expect(state.supervisors.get('RR|2026-11-23|P1')).toBe('T2');
		expect(coverRequestProblem(state, { ...slot, date: '2026-11-20' }, NOW)).toMatchObject({ field: 'date' });
	});
});
