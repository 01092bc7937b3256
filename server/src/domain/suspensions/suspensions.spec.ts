import { describe, expect, it } from 'vitest';
import { InboundEvent } from '../../../protocol';
import type { EventDraft } from '../../../../test/support/school-fixtures';
import { term } from '../../../../test/support/term-fixture';
import { suspensionReport } from './report';
import { laReturnCsv, suspensionsCsv } from './suspensions-csv';
import { yearLimitProblem } from './totals';

type Extra = Partial<{ kind: 'suspension' | 'permanent_exclusion'; session: 'AM' | 'PM'; lunchtime: boolean; missesPublicExam: boolean; decided: string }>;

const suspended = (id: string, studentId: string, date: string, sessions: number, extra: Extra = {}): EventDraft =>
	({
		type: 'suspension:recorded',
		occurredAt: `${extra.decided ?? date}T10:00:00.000Z`,
		suspensionId: id,
		studentId,
		kind: extra.kind ?? 'suspension',
		starts: { date, session: extra.session ?? 'AM' },
		sessions,
		lunchtime: extra.lunchtime ?? false,
		reasons: ['VA', 'DB'],
		decisionMaker: 'Mrs K Head',
		notes: '',
		missesPublicExam: extra.missesPublicExam ?? false,
		by: 'T1'
	}) as EventDraft;

const told = (suspensionId: string, who: 'parents' | 'local_authority' | 'governors', at: string): EventDraft =>
	({ type: 'suspension:notified', occurredAt: at, suspensionId, who, how: 'letter', at, by: 'T1' }) as EventDraft;

/** The autumn term marked to Friday 27 November; B absent (N) on 23 and 24 November. */
const school = () => term('2026-11-27', (id, date) => (id === 'B' && (date === '2026-11-23' || date === '2026-11-24') ? 'N' : undefined));

const report = (s: ReturnType<typeof school>, today = '2026-11-27') => suspensionReport(s.state, { from: '2026-09-02', to: today, today });
const totalsOf = (s: ReturnType<typeof school>, id: string, today?: string) => report(s, today).totals.find((t) => t.studentId === id);

describe('suspensions', () => {
	it('count half days over school days: a Friday afternoon start of 3 sessions runs to Monday', () => {
		const s = school().apply(suspended('S1', 'A', '2026-11-20', 3, { session: 'PM' }));
		const row = report(s).suspensions[0];
		expect(row).toMatchObject({ ends: '2026-11-23', days: 1.5, provisionFrom: null });
	});

	it('a lunchtime counts half a day and marks no register session', () => {
		const s = school().apply(suspended('L1', 'C', '2026-11-23', 2, { lunchtime: true }));
		expect(totalsOf(s, 'C')).toMatchObject({ termDays: 1, yearDays: 1 });
		expect(s.state.sessionMarks.get('2026-11-23')?.get('C')).toMatchObject({ AM: { code: '/' }, PM: { code: '/' } });
		expect(report(s).suspensions[0]).toMatchObject({ ends: '2026-11-24', lunchtime: true });
	});

	it('mark the suspended sessions E where the register had an absence, keeping present marks', () => {
		const s = school().apply(suspended('S2', 'B', '2026-11-23', 3), suspended('S3', 'A', '2026-11-25', 1));
		const day = (d: string) => s.state.sessionMarks.get(d);
		expect(day('2026-11-23')?.get('B')).toMatchObject({ AM: { code: 'E' }, PM: { code: 'E' } });
		expect(day('2026-11-24')?.get('B')).toMatchObject({ AM: { code: 'E' }, PM: { code: 'N' } });
		// A came in on the 25th: the register said present, and that stands.
		expect(day('2026-11-25')?.get('A')?.AM?.code).toBe('/');
	});

	it('a register taken after the suspension was recorded still reads E', () => {
		const s = school().apply(suspended('S4', 'D', '2026-11-30', 2));
		s.apply({
			type: 'session:marked',
			occurredAt: '2026-11-30T08:45:00.000Z',
			date: '2026-11-30',
			session: 'AM',
			formGroup: '9X',
			takenBy: 'T1',
			marks: [
				{ studentId: 'D', code: 'N' },
				{ studentId: 'A', code: '/' }
			]
		} as EventDraft);
		expect(s.state.sessionMarks.get('2026-11-30')?.get('D')?.AM?.code).toBe('E');
	});

	it('pin the term thresholds: 5 days approaching, 5.5 crossed; 15 approaching, 15.5 crossed', () => {
		const five = school().apply(suspended('S5', 'A', '2026-11-16', 10));
		expect(totalsOf(five, 'A')).toMatchObject({ termDays: 5, representations: 'approaching', reinstatement: 'clear' });
		five.apply(suspended('S6', 'A', '2026-11-23', 1));
		expect(totalsOf(five, 'A')).toMatchObject({ termDays: 5.5, representations: 'crossed' });
		const fifteen = school().apply(suspended('S7', 'B', '2026-10-05', 30));
		expect(totalsOf(fifteen, 'B')).toMatchObject({ termDays: 15, reinstatement: 'approaching' });
		fifteen.apply(suspended('S8', 'B', '2026-11-23', 1));
		expect(totalsOf(fifteen, 'B')).toMatchObject({ termDays: 15.5, reinstatement: 'crossed' });
	});

	it('a missed public exam obliges the governors at once, and needs them told by the next school day', () => {
		const s = school().apply(suspended('S9', 'C', '2026-11-20', 2, { missesPublicExam: true }));
		expect(totalsOf(s, 'C')).toMatchObject({ termDays: 1, reinstatement: 'crossed' });
		expect(report(s).suspensions[0]?.notifications.find((n) => n.who === 'governors')?.due).toBe('2026-11-23');
	});

	it('provision from the sixth school day', () => {
		const s = school().apply(suspended('S10', 'E', '2026-11-16', 12));
		expect(report(s).suspensions[0]).toMatchObject({ days: 6, provisionFrom: '2026-11-23' });
	});

	it('the year limit: 44.5 days allowed, 45 reached, 45.5 refused naming sessions', () => {
		const s = school().apply(suspended('Y1', 'A', '2026-09-07', 88));
		expect(totalsOf(s, 'A')?.yearDays).toBe(44);
		const candidate = (id: string, sessions: number) =>
			InboundEvent.parse({ ...suspended(id, 'A', '2026-11-23', sessions), id, schoolId: 'test-school' }) as Extract<
				InboundEvent,
				{ type: 'suspension:recorded' }
			>;
		expect(yearLimitProblem(s.state, candidate('Y2', 1))).toBeNull();
		s.apply(suspended('Y2', 'A', '2026-11-23', 1));
		expect(totalsOf(s, 'A')).toMatchObject({ yearDays: 44.5, yearLimit: 'approaching' });
		expect(yearLimitProblem(s.state, candidate('Y3', 2))?.path).toBe('sessions');
		expect(yearLimitProblem(s.state, candidate('Y3', 1))).toBeNull();
		s.apply(suspended('Y3', 'A', '2026-11-24', 1));
		expect(totalsOf(s, 'A')).toMatchObject({ yearDays: 45, yearLimit: 'crossed' });
		expect(yearLimitProblem(s.state, candidate('Y4', 1))?.message).toMatch(/over the limit of 45/);
	});

	it('flag notifications overdue past their deadline, and clear them once told', () => {
		const s = school().apply(suspended('N1', 'D', '2026-11-23', 2, { decided: '2026-11-20' }));
		const notes = () => report(s, '2026-11-24').suspensions[0]?.notifications ?? [];
		expect(notes().map((n) => [n.who, n.due, n.overdue])).toEqual([
			['parents', '2026-11-20', true],
			['local_authority', '2026-11-23', true],
			['governors', '2026-12-18', false]
		]);
		s.apply(told('N1', 'parents', '2026-11-20T15:00:00.000Z'));
		expect(notes()[0]).toMatchObject({ overdue: false, told: { how: 'letter', by: 'Ms Jo Smith' } });
	});

	it('write the letter, the log and the LA return', () => {
		const s = school().apply(suspended('P1', 'B', '2026-11-23', 4), told('P1', 'local_authority', '2026-11-24T09:00:00.000Z'));
		const r = report(s);
		expect(r.suspensions[0]?.letter).toContain('Ben Tate (9X) is to be given a suspension from 23 November 2026 to 24 November 2026: 2 school day(s)');
		expect(r.suspensions[0]?.letter).toContain('verbal abuse or threatening behaviour against an adult; persistent disruptive behaviour');
		expect(suspensionsCsv(r).split('\r\n')[1]).toMatch(/^P1,B,Ben Tate,9X,suspension,2026-11-23,AM,2026-11-24,4,N,2,VA,DB,,Mrs K Head,N,,/);
		const la = laReturnCsv(r).split('\r\n');
		expect(la[0]).toBe(
			'upn,student,form,category,start_date,start_session,end_date,sessions,lunchtime,reason_1,reason_2,reason_3,decision_maker,parents_told,la_told,governors_told,status,amended_on,withdrawn_on,withdrawal_reason'
		);
		expect(la[1]).toBe('B,Ben Tate,9X,SUSP,2026-11-23,AM,2026-11-24,4,N,VA,DB,,Mrs K Head,,2026-11-24,,current,,,');
	});
});
