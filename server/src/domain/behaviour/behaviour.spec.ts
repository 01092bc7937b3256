import { describe, expect, it } from 'vitest';
import { behaviourView, OUTSIDE_PERIODS, roomsView } from './behaviour';
import { at, ms, Scenario } from '../../../../test/support/school-fixtures';

const incident = (hhmm: string, locationId: string, polarity: 'negative' | 'positive' = 'negative') => ({
	type: 'behaviour:recorded' as const,
	occurredAt: at(hhmm),
	polarity,
	category: polarity === 'negative' ? ('disruption' as const) : ('praise' as const),
	severity: 2,
	points: polarity === 'negative' ? -2 : 1,
	locationId,
	studentIds: ['A', 'B'],
	staffId: 'T1'
});

describe('behaviour', () => {
	it('tallies negative events per room per period, period boundaries exclusive at the end', () => {
		const s = new Scenario().apply(
			incident('09:00', 'M1'),
			incident('09:59', 'M1'),
			incident('10:00', 'M1'),
			incident('10:30', 'M1', 'positive'),
			incident('08:10', 'S1')
		);
		const rooms = roomsView(s.state, ms('23:00'));
		expect(rooms.find((r) => r.id === 'M1')).toMatchObject({ negativeToday: 3, positiveToday: 1, byPeriod: { P1: 2, P2: 1 } });
		expect(rooms.find((r) => r.id === 'S1')?.byPeriod).toEqual({ [OUTSIDE_PERIODS]: 1 });
		expect(rooms.find((r) => r.id === 'RR')).toMatchObject({ negativeToday: 0, openRequests: 0 });
	});

	it('counts only today, and names rooms that are not in reference data by id', () => {
		const s = new Scenario().apply(incident('09:00', 'YARD'));
		expect(roomsView(s.state, Date.parse('2026-11-24T12:00:00Z')).find((r) => r.id === 'YARD')).toBeUndefined();
		expect(roomsView(s.state, ms('23:00')).find((r) => r.id === 'YARD')).toMatchObject({ name: 'YARD', negativeToday: 1 });
	});

	// The view is the named roles' one; what the other roles are sent is redacted in realtime/redact.ts.
	it('keeps a bounded recent list showing initials, year and name', () => {
		const s = new Scenario();
		for (let i = 0; i < 60; i++) s.apply(incident('09:30', 'M1'));
		const recent = behaviourView(s.state);
		expect(recent).toHaveLength(s.state.settings.recentBehaviour);
		expect(recent[0]?.students).toEqual([
			{ id: 'A', initials: 'AS', yearGroup: 9, name: 'Amy Stone' },
			{ id: 'B', initials: 'BT', yearGroup: 9, name: 'Ben Tate' }
		]);
		expect(recent[0]?.staff).toEqual({ id: 'T1', code: 'JSM' });
	});
});
