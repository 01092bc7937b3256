import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../protocol';
import { behaviourWeekly, weeklySpans } from './behaviour-weekly';
import { weeklyCsv } from './patterns/patterns-csv';
import { createSchoolState, type SchoolState } from './school/state';

/** Thursday 3 December 2026, 10:40 in London (GMT, so the same in UTC). */
const NOW = Date.parse('2026-12-03T10:40:00Z');
const MINUTE = 10 * 60 + 40;

function school(): SchoolState {
	const state = createSchoolState('northfield');
	state.name = 'Northfield Academy';
	state.students.set('A1', { id: 'A1', givenName: 'Amy', familyName: 'Stone', yearGroup: 9, formGroup: '9X' });
	return state;
}

const negative = (state: SchoolState, id: string, at: string, polarity: 'negative' | 'positive' = 'negative') => {
	const event = {
		id,
		type: 'behaviour:recorded',
		occurredAt: at,
		schoolId: 'northfield',
		polarity,
		category: 'disruption',
		severity: 2,
		points: -2,
		locationId: 'M1',
		studentIds: ['A1'],
		staffId: 'T1'
	} as EventOf<'behaviour:recorded'>;
	state.behaviourHistory.push({ event, date: at.slice(0, 10), periodId: 'P1' });
};

describe('the weekly report sets like against like', () => {
	it('by default gives the last full week against the one before, never the part week running', () => {
		expect(weeklySpans('2026-12-03', MINUTE, { compare: 'full' })).toEqual({
			compare: 'full',
			week: { from: '2026-11-23', to: '2026-11-29', through: null },
			lastWeek: { from: '2026-11-16', to: '2026-11-22', through: null },
			cutMinute: null
		});
		// On a Saturday the week just gone is full.
		expect(weeklySpans('2026-12-05', MINUTE, { compare: 'full' }).week.from).toBe('2026-11-30');
	});

	it('so far: Monday to now against Monday to the same weekday and time of the week before', () => {
		expect(weeklySpans('2026-12-03', MINUTE, { compare: 'so_far' })).toEqual({
			compare: 'so_far',
			week: { from: '2026-11-30', to: '2026-12-03', through: { date: '2026-12-03', time: '10:40' } },
			lastWeek: { from: '2026-11-23', to: '2026-11-26', through: { date: '2026-11-26', time: '10:40' } },
			cutMinute: MINUTE
		});
		// A week already over, asked for so far, is the whole of it against the whole week before.
		expect(weeklySpans('2026-12-03', MINUTE, { week: '2026-11-18', compare: 'so_far' }).week).toEqual({ from: '2026-11-16', to: '2026-11-22', through: null });
		// A running week asked for by date as a full week is given so far, and says so.
		expect(weeklySpans('2026-12-03', MINUTE, { week: '2026-12-01', compare: 'full' }).compare).toBe('so_far');
	});

	it('counts last week only to the same time of the same weekday, and heads the report with the school’s name', () => {
		const state = school();
		negative(state, 'b1', '2026-11-26T09:30:00Z');
		negative(state, 'b2', '2026-11-26T14:00:00Z');
		negative(state, 'b3', '2026-11-27T09:00:00Z');
		negative(state, 'b4', '2026-12-01T09:00:00Z');
		negative(state, 'b5', '2026-12-03T10:30:00Z');
		negative(state, 'p1', '2026-11-24T11:00:00Z', 'positive');
		const soFar = behaviourWeekly(state, { compare: 'so_far' }, NOW);
		expect(soFar.schoolName).toBe('Northfield Academy');
		expect(soFar.totals.thisWeek).toEqual({ negative: 2, removals: 0, bookings: 0, positive: 0 });
		// Thursday 26th at 09:30 counts; at 14:00 and on the Friday it is later than now a week on.
		expect(soFar.totals.lastWeek).toEqual({ negative: 1, removals: 0, bookings: 0, positive: 1 });
		expect(soFar.byDay.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
		expect(soFar.byCategory).toEqual([{ category: 'disruption', thisWeek: 2, lastWeek: 1 }]);

		const full = behaviourWeekly(state, { compare: 'full' }, NOW);
		expect(full.week.from).toBe('2026-11-23');
		expect(full.totals.thisWeek.negative).toBe(3);
		expect(full.byDay).toHaveLength(5);
		expect(full.students).toEqual([{ studentId: 'A1', name: 'Amy Stone', formGroup: '9X', negative: 3, removals: 0, bookings: 0 }]);

		const csv = weeklyCsv(soFar).split('\r\n');
		expect(csv[0]).toBe('Northfield Academy');
		expect(csv[1]).toBe(
			'"week 2026-11-30 to 2026-12-03 10:40 (so far, against the same weekdays and time of the week before: 2026-11-23 to 2026-11-26 10:40)"'
		);
		expect(weeklyCsv(full).split('\r\n')[1]).toBe('"week 2026-11-23 to 2026-11-29 (a full week, against the full week before: 2026-11-16 to 2026-11-22)"');
	});
});
