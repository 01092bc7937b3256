import { describe, expect, it } from 'vitest';
import type { EventOf, Student } from '../../../protocol';
import { createSchoolState, type Request, type SchoolState } from '../school/state';
import { characteristicRows } from './characteristics';
import type { Fact } from './facts';
import { thisAndLastHalf } from './halves';
import { patternsReport } from './patterns';

const TERMS = [
	{ term: 'autumn', half: 1, starts: '2026-09-02', ends: '2026-10-23' },
	{ term: 'autumn', half: 2, starts: '2026-11-02', ends: '2026-12-18' }
] as const;

const student = (id: string, flags: Partial<NonNullable<Student['flags']>> = {}): Student => ({
	id,
	givenName: id,
	familyName: 'Test',
	yearGroup: id.startsWith('T') ? 10 : 9,
	formGroup: '9X',
	flags: { sen: false, medical: false, safeguarding: false, ...flags }
});

function school(): SchoolState {
	const state = createSchoolState('spec');
	state.terms = TERMS.map((t) => ({ ...t }));
	state.staff.set('T1', { id: 'T1', title: 'Mrs', givenName: 'Priya', familyName: 'Khan', code: 'PKH' });
	// Nine without SEND, four on an EHC plan (a group of 4: suppressed), six FSM.
	for (let i = 1; i <= 9; i += 1) state.students.set(`N${i}`, student(`N${i}`, { fsm: i <= 6 }));
	for (let i = 1; i <= 4; i += 1) state.students.set(`E${i}`, student(`E${i}`, { send: 'ehcp', fsm: false }));
	return state;
}

const negative = (state: SchoolState, id: string, date: string, studentIds: string[]) => {
	const event = {
		id,
		type: 'behaviour:recorded',
		occurredAt: `${date}T09:30:00Z`,
		schoolId: 'spec',
		polarity: 'negative',
		category: 'disruption',
		severity: 2,
		points: -2,
		locationId: 'M1',
		studentIds,
		staffId: 'T1'
	} as EventOf<'behaviour:recorded'>;
	state.behaviourHistory.push({ event, date, periodId: 'P1' });
};

const removal = (state: SchoolState, id: string, date: string, studentIds: string[]) =>
	state.ended.set(id, {
		id,
		date,
		periodId: 'P1',
		locationId: 'M1',
		raisedBy: 'T1',
		reason: 'disruption',
		studentIds,
		ended: { at: `${date}T10:00:00Z`, disposition: 'removed_to_reflection', mergedInto: null }
	} as Request);

describe('patterns of behaviour and removals', () => {
	it('finds this half term and the last, and the last of the year before for a first autumn half', () => {
		expect(thisAndLastHalf(TERMS, '2026-11-20')).toMatchObject({ thisHalf: { half: 2, starts: '2026-11-02' }, lastHalf: { half: 1 } });
		expect(thisAndLastHalf(TERMS, '2026-09-10').lastHalf).toMatchObject({ term: 'summer', half: 2, starts: '2026-06-01' });
	});

	it('counts this half term against the last by teacher code, in the order of names, not by rank', () => {
		const state = school();
		negative(state, 'b1', '2026-11-16', ['N1']);
		negative(state, 'b2', '2026-11-17', ['N1', 'E1']);
		negative(state, 'b3', '2026-10-12', ['N2']);
		const report = patternsReport(state, '2026-11-20');
		expect(report.groups.teacher).toEqual([
			{ key: 'T1', label: 'PKH', thisHalf: { negative: 2, removals: 0, bookings: 0 }, lastHalf: { negative: 1, removals: 0, bookings: 0 } }
		]);
		expect(report.groups.weekday?.map((r) => r.label)).toEqual(['Monday', 'Tuesday']);
	});

	it('suppresses a group of four whole, blanks any count from 1 to 4, and hides as much again so neither can be worked out', () => {
		const state = school();
		const facts: Fact[] = [1, 2, 3, 4, 5, 6].map((n) => ({
			kind: 'removals',
			date: '2026-11-16',
			at: Date.parse('2026-11-16T10:00:00Z'),
			periodId: 'P1',
			staffId: 'T1',
			roomId: 'M1',
			subject: null,
			studentIds: [n <= 5 ? 'N1' : 'E1'],
			minutes: 0,
			category: null
		}));
		facts.push({
			kind: 'negative',
			date: '2026-11-16',
			at: Date.parse('2026-11-16T10:00:00Z'),
			periodId: 'P1',
			staffId: 'T1',
			roomId: 'M1',
			subject: null,
			studentIds: ['N3'],
			minutes: 0,
			category: null
		});
		const rows = characteristicRows(state.students, facts);
		const ehcp = rows.find((r) => r.characteristic === 'send' && r.key === 'ehcp');
		expect(ehcp).toMatchObject({ students: null, suppressed: true, thisHalf: { negative: null, removals: null, pupilsRemoved: null }, removalsPer100: null });
		// The roll of 13 is known, so with SEN support (none) and the EHC plan (four) hidden the nine without SEND are hidden too;
		// and so are their five removals, which would give away the EHC plan's one.
		const none = rows.find((r) => r.characteristic === 'send' && r.key === 'none');
		expect(none).toMatchObject({ students: null, suppressed: false, thisHalf: { removals: null, pupilsRemoved: null, negative: null }, removalsPer100: null });
		// FSM: six and seven, both shown; the non-FSM group's one removal (E1) is hidden, and so, with it, the FSM group's five.
		expect(rows.find((r) => r.characteristic === 'fsm' && r.key === 'not_fsm')).toMatchObject({ students: 7, thisHalf: { removals: null } });
		expect(rows.find((r) => r.characteristic === 'fsm' && r.key === 'fsm')).toMatchObject({ students: 6, thisHalf: { removals: null } });
		expect(rows.some((r) => [r.thisHalf.negative, r.thisHalf.removals, r.thisHalf.pupilsRemoved].some((n) => n !== null && n > 0 && n < 5))).toBe(false);
	});

	it('answers the removal questions: how many, how often the same pupils, and whether they are falling', () => {
		const state = school();
		for (const [i, date] of ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-12', '2026-10-13'].entries())
			removal(state, `old${i}`, date, [`N${i + 1}`]);
		removal(state, 'r1', '2026-11-16', ['N1']);
		removal(state, 'r2', '2026-11-17', ['N1']);
		removal(state, 'r3', '2026-11-18', ['N2']);
		const q = patternsReport(state, '2026-11-20').removals;
		expect(q.removals).toEqual({ thisHalf: 3, lastHalf: 6 });
		expect(q.pupilsRemoved).toEqual({ thisHalf: 2, lastHalf: 6 });
		expect(q.pupilsRemovedRepeatedly).toBe(1);
		expect(q.repeatShare).toBeCloseTo(0.667);
		// 3 in 15 school days against 6 in 38.
		expect(q.perDay).toEqual({ thisHalf: 0.2, lastHalf: 0.16 });
		expect(q.trend).toBe('rising');
		expect(q.weeks.map((w) => [w.monday, w.removals])).toEqual([
			['2026-11-02', 0],
			['2026-11-09', 0],
			['2026-11-16', 3]
		]);
	});
});
