import { describe, expect, it } from 'vitest';
import { InboundEvent, type InboundEventInput } from '../../../protocol';
import { applyEvent } from '../apply';
import { createSchoolState, type SchoolState } from '../school/state';
import { planBooking } from './booking';
import { reflectionDesk } from './desk-view';

const DAY = '2026-11-23';
const NOW = Date.parse(`${DAY}T08:00:00Z`);
const periods = ['P1', 'P2', 'P3'].map((id, i) => ({
	id,
	name: `Period ${i + 1}`,
	kind: 'lesson',
	startsAt: `${9 + i}:00`.padStart(5, '0'),
	endsAt: `${10 + i}:00`
}));

function school(capacity: number): SchoolState {
	const state = createSchoolState('s');
	let position = 0;
	const add = (e: Record<string, unknown>) =>
		applyEvent(state, {
			position: (position += 1),
			receivedAt: `${DAY}T07:00:00Z`,
			event: InboundEvent.parse({ id: `e${position}`, schoolId: 's', occurredAt: `${DAY}T07:00:00Z`, ...e } as InboundEventInput)
		});
	add({
		type: 'reference:updated',
		periods: [...periods, { id: 'LUNCH', name: 'Lunch', kind: 'lunch', startsAt: '12:00', endsAt: '13:00' }],
		rooms: [{ id: 'RR', name: 'Reflection Room', category: 'classroom', level: 0 }],
		students: ['A', 'B', 'C'].map((id) => ({ id, givenName: id, familyName: 'Pupil', yearGroup: 9, formGroup: '9N' })),
		reflectionRooms: [{ roomId: 'RR', capacity }]
	});
	const book = (studentId: string, periodId: string, i: number) =>
		add({
			type: 'reflection:booked',
			bookingId: `b-${studentId}-${periodId}`,
			studentId,
			roomId: 'RR',
			periodId,
			startsAt: `${DAY}T${9 + i}:00:00Z`.replace('T9', 'T09'),
			endsAt: `${DAY}T${10 + i}:00:00Z`,
			reason: 'x',
			bookedBy: 'T1'
		});
	book('A', 'P1', 0);
	book('B', 'P2', 1);
	return state;
}
const body = (studentId: string, periodIds?: string[]) => ({
	studentId,
	roomId: 'RR',
	dates: [DAY],
	...(periodIds ? { periodIds } : {}),
	reason: 'Refusal',
	source: { kind: 'by_hand' as const }
});

describe('planning a Reflection Room booking', () => {
	it('takes every lesson period of a day when no period is named, and no break or lunch', () => {
		const plan = planBooking(school(2), body('C'), NOW);
		expect(plan.ok && plan.planned.map((p) => p.slot.periodId)).toEqual(['P1', 'P2', 'P3']);
	});

	it('refuses a full period, offering the first free one after it that was not asked for', () => {
		const plan = planBooking(school(1), body('C', ['P1', 'P2']), NOW);
		expect(plan.ok).toBe(false);
		if (plan.ok || plan.problem.code !== 'room_full') throw new Error('expected room_full');
		expect(plan.problem.full.map((s) => s.periodId)).toEqual(['P1', 'P2']);
		expect(plan.problem.nextFree).toEqual([{ date: DAY, periodId: 'P3', name: 'Period 3' }]);
	});

	it('books a later day whose period is free', () => {
		const plan = planBooking(school(1), { ...body('C', ['P1']), dates: ['2026-11-27'] }, NOW);
		expect(plan.ok && plan.planned.map((p) => p.period.startsAt)).toEqual(['09:00']);
	});

	it('refuses a student already booked in the period, and a day that has passed', () => {
		const twice = planBooking(school(5), body('A', ['P1']), NOW);
		expect(!twice.ok && twice.problem).toMatchObject({ code: 'invalid_transition', message: 'A Pupil is already booked in Period 1 on 2026-11-23' });
		const past = planBooking(school(5), { ...body('C'), dates: ['2026-11-20'] }, NOW);
		expect(!past.ok && past.problem).toMatchObject({ code: 'invalid_body', field: 'dates' });
	});

	it('flags a booked period with nobody supervising as a gap', () => {
		const day = reflectionDesk(school(2), DAY, 1, NOW).days[0];
		expect(day?.periods.map((p) => [p.periodId, p.rooms[0]?.booked, p.rooms[0]?.gap])).toEqual([
			['P1', 1, true],
			['P2', 1, true],
			['P3', 0, false]
		]);
	});
});
