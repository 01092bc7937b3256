import { describe, expect, it } from 'vitest';
import { InboundEvent } from '../../../protocol';
import { term } from '../../../../test/support/term-fixture';
import { amended, suspended, told, withdrawn } from '../../../../test/support/suspension-drafts';
import { suspensionReport } from './report';
import { laReturnCsv, suspensionsCsv } from './suspensions-csv';
import { yearLimitProblem } from './totals';

/** The autumn term marked to Friday 27 November; B absent (N) from 23 to 25 November. */
const school = () => term('2026-11-27', (id, date) => (id === 'B' && date >= '2026-11-23' && date <= '2026-11-25' ? 'N' : undefined));
type School = ReturnType<typeof school>;
const report = (s: School, today = '2026-11-27') => suspensionReport(s.state, { from: '2026-09-02', to: '2026-12-18', today });
const row = (s: School, id: string, today?: string) => report(s, today).suspensions.find((r) => r.suspensionId === id);
const totalsOf = (s: School, id: string) => report(s).totals.find((t) => t.studentId === id);
const marks = (s: School, date: string, id: string) => {
	const m = s.state.sessionMarks.get(date)?.get(id);
	return `${m?.AM?.code ?? '-'}${m?.PM?.code ?? '-'}`;
};
const at = (date: string, hhmm = '09:00') => `${date}T${hhmm}:00.000Z`;

describe('amended suspensions: totals at the day each threshold is crossed', () => {
	it('representations: amended from 5 days to 5½ crosses; amended back to 5 approaches again', () => {
		const s = school().apply(suspended('A1', 'A', '2026-11-16', 10));
		expect(totalsOf(s, 'A')).toMatchObject({ termDays: 5, representations: 'approaching' });
		s.apply(amended('A1', 'A', at('2026-11-20'), '2026-11-16', 11));
		expect(totalsOf(s, 'A')).toMatchObject({ termDays: 5.5, yearDays: 5.5, representations: 'crossed' });
		s.apply(amended('A1', 'A', at('2026-11-20', '10:00'), '2026-11-16', 10));
		expect(totalsOf(s, 'A')).toMatchObject({ termDays: 5, representations: 'approaching' });
	});

	it('reinstatement: 15 days amended to 15½ crosses; a missed exam added by amendment crosses at once', () => {
		const s = school().apply(suspended('B1', 'C', '2026-10-05', 30));
		expect(totalsOf(s, 'C')).toMatchObject({ termDays: 15, reinstatement: 'approaching' });
		s.apply(amended('B1', 'C', at('2026-11-20'), '2026-10-05', 31));
		expect(totalsOf(s, 'C')).toMatchObject({ termDays: 15.5, reinstatement: 'crossed' });
		const exam = school().apply(suspended('B2', 'D', '2026-11-16', 2));
		expect(totalsOf(exam, 'D')?.reinstatement).toBe('clear');
		exam.apply(amended('B2', 'D', at('2026-11-17'), '2026-11-16', 2, { missesPublicExam: true }));
		expect(totalsOf(exam, 'D')?.reinstatement).toBe('crossed');
	});

	it('the year limit: a correction counts in place of what it corrects; 45 reached, 45½ refused', () => {
		const s = school().apply(suspended('Y1', 'E', '2026-09-07', 88), suspended('Y2', 'E', '2026-11-23', 1));
		expect(totalsOf(s, 'E')).toMatchObject({ yearDays: 44.5, yearLimit: 'approaching' });
		const correction = (sessions: number) =>
			InboundEvent.parse({ ...suspended('Y2', 'E', '2026-11-23', sessions), id: 'c', schoolId: 'test-school' }) as Extract<
				InboundEvent,
				{ type: 'suspension:recorded' }
			>;
		expect(yearLimitProblem(s.state, correction(2))).toBeNull();
		expect(yearLimitProblem(s.state, correction(3))?.message).toMatch(/45\.5 days of suspension, over the limit of 45: 44 already given/);
		s.apply(amended('Y2', 'E', at('2026-11-23', '11:00'), '2026-11-23', 2));
		expect(totalsOf(s, 'E')).toMatchObject({ yearDays: 45, yearLimit: 'crossed' });
		// Amended again to the same length, the record itself is not counted twice.
		expect(yearLimitProblem(s.state, correction(2))).toBeNull();
	});

	it('a withdrawn suspension leaves the totals and thresholds, and stays in the log marked withdrawn', () => {
		const s = school().apply(suspended('W1', 'A', '2026-11-16', 8), suspended('W2', 'A', '2026-11-23', 4));
		expect(totalsOf(s, 'A')).toMatchObject({ termDays: 6, representations: 'crossed' });
		s.apply(withdrawn('W2', at('2026-11-24'), 'reinstated_by_governors', 'Governors met on 24 November'));
		expect(totalsOf(s, 'A')).toMatchObject({ termDays: 4, representations: 'approaching' });
		expect(row(s, 'W2')?.withdrawn).toEqual({
			at: at('2026-11-24'),
			by: 'Ms Jo Smith',
			reason: 'reinstated_by_governors',
			note: 'Governors met on 24 November'
		});
		s.apply(withdrawn('W1', at('2026-11-24', '10:00'), 'recorded_in_error'));
		expect(totalsOf(s, 'A')).toBeUndefined();
		expect(report(s).suspensions).toHaveLength(2);
	});
});

describe('amended and withdrawn suspensions on the register, in the letter and the returns', () => {
	it('E marks follow the correction, giving back the register’s own marks, and leave on withdrawal', () => {
		const s = school().apply(suspended('E1', 'B', '2026-11-23', 4));
		expect([marks(s, '2026-11-23', 'B'), marks(s, '2026-11-24', 'B'), marks(s, '2026-11-25', 'B')]).toEqual(['EE', 'EE', 'NN']);
		s.apply(amended('E1', 'B', at('2026-11-24'), '2026-11-24', 3));
		expect([marks(s, '2026-11-23', 'B'), marks(s, '2026-11-24', 'B'), marks(s, '2026-11-25', 'B')]).toEqual(['NN', 'EE', 'EN']);
		s.apply(withdrawn('E1', at('2026-11-26'), 'withdrawn_by_headteacher'));
		expect([marks(s, '2026-11-24', 'B'), marks(s, '2026-11-25', 'B')]).toEqual(['NN', 'NN']);
		expect(s.state.suspendedSessions.get('2026-11-24')?.get('B')).toBeUndefined();
		expect(s.state.marksUnderE.size).toBe(0);
	});

	it('gives back the mark of a register taken again under the E, and keeps another suspension’s E', () => {
		const s = school().apply(suspended('F1', 'B', '2026-11-23', 2), suspended('F2', 'B', '2026-11-24', 2));
		s.apply({
			type: 'session:marked',
			occurredAt: at('2026-11-23', '12:00'),
			date: '2026-11-23',
			session: 'AM',
			formGroup: '9X',
			takenBy: 'T1',
			marks: [{ studentId: 'B', code: 'O' }]
		});
		expect(marks(s, '2026-11-23', 'B')).toBe('EE');
		// Amended to start a day later, it overlaps F2: the 24th stays E, the 23rd reads the register's O and N again.
		s.apply(amended('F1', 'B', at('2026-11-23', '13:00'), '2026-11-24', 2));
		expect([marks(s, '2026-11-23', 'B'), marks(s, '2026-11-24', 'B')]).toEqual(['ON', 'EE']);
		s.apply(withdrawn('F1', at('2026-11-23', '14:00')));
		expect(marks(s, '2026-11-24', 'B')).toBe('EE');
	});

	it('the letter follows the correction and is dated the day of it; an amendment of a withdrawn one changes nothing', () => {
		const s = school().apply(suspended('T1', 'B', '2026-11-23', 4, { decided: '2026-11-20' }));
		s.apply(amended('T1', 'B', at('2026-11-23', '16:00'), '2026-11-23', 2, { reasons: ['PP'], decisionMaker: 'Mr A Acting' }));
		const letter = row(s, 'T1')?.letter ?? '';
		expect(letter).toContain('Ben Tate (9X) is to be given a suspension from 23 November 2026 to 23 November 2026: 1 school day(s)');
		expect(letter).toContain('The reason(s): physical assault against a pupil.');
		expect(letter).toMatch(/Mr A Acting\nTest School, 23 November 2026$/);
		expect(row(s, 'T1')?.amended).toMatchObject({ at: at('2026-11-23', '16:00'), by: 'Ms Jo Smith', times: 1 });
		s.apply(withdrawn('T1', at('2026-11-24')), amended('T1', 'B', at('2026-11-25'), '2026-11-23', 6));
		expect(row(s, 'T1')).toMatchObject({ sessions: 2, amended: { times: 1 } });
	});

	it('parents told before a correction are to be told again, by the day of it; a correction of the notes alone asks nothing', () => {
		const s = school().apply(suspended('N1', 'D', '2026-11-23', 2, { decided: '2026-11-20' }), told('N1', 'parents', at('2026-11-20', '15:00')));
		s.apply(amended('N1', 'D', at('2026-11-23', '08:00'), '2026-11-23', 2, { notes: 'Parents phoned back' }));
		expect(row(s, 'N1', '2026-11-24')?.notifications[0]).toMatchObject({ who: 'parents', retell: false, overdue: false });
		s.apply(amended('N1', 'D', at('2026-11-23', '09:00'), '2026-11-23', 4));
		const parents = () => row(s, 'N1', '2026-11-24')?.notifications[0];
		expect(parents()).toMatchObject({ retell: true, due: '2026-11-23', overdue: true, told: { at: at('2026-11-20', '15:00') } });
		expect(row(s, 'N1', '2026-11-23')?.notifications[0]).toMatchObject({ retell: true, overdue: false });
		s.apply(told('N1', 'parents', at('2026-11-23', '10:00')));
		expect(parents()).toMatchObject({ retell: false, overdue: false });
	});

	it('nothing is overdue of a withdrawn suspension; the log and the LA return carry it as withdrawn', () => {
		const s = school().apply(suspended('L1', 'B', '2026-11-23', 4, { decided: '2026-11-20' }), told('L1', 'local_authority', at('2026-11-23')));
		s.apply(amended('L1', 'B', at('2026-11-23', '11:00'), '2026-11-23', 3, { why: 'three sessions, not four' }));
		s.apply(withdrawn('L1', at('2026-11-24'), 'not_served', 'Never served'));
		expect(row(s, 'L1')?.notifications.map((n) => n.overdue)).toEqual([false, false, false]);
		const log = suspensionsCsv(report(s)).split('\r\n');
		expect(log[0]).toMatch(/,run_days,status,amended_at,amended_by,amended_times,amended_why,withdrawn_at,withdrawn_by,withdrawal_reason,withdrawal_note$/);
		expect(log[1]).toMatch(
			/,0,withdrawn,2026-11-23T11:00:00\.000Z,Ms Jo Smith,1,"three sessions, not four",2026-11-24T09:00:00\.000Z,Ms Jo Smith,not_served,Never served$/
		);
		expect(laReturnCsv(report(s)).split('\r\n')[1]).toBe(
			'B,Ben Tate,9X,SUSP,2026-11-23,AM,2026-11-24,3,N,VA,DB,,Mrs K Head,,2026-11-23,,withdrawn,2026-11-23,2026-11-24,not_served'
		);
	});
});
