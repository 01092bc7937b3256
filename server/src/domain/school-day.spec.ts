import { describe, expect, it } from 'vitest';
import { behaviourView, roomsView } from './behaviour/behaviour';
import { at, DATE, ms, PERIODS, Scenario } from '../../../test/support/school-fixtures';
import { latenessReport } from './attendance/lateness';
import { registersView } from './attendance/registers';
import { lessonsOn, periodAt, weekdayOf } from './school/school-day';
import { supportView } from './behaviour/support';

const entry = (id: string, weekday: number, periodId: string) => ({
	id,
	weekday,
	periodId,
	roomId: 'M1',
	staffId: 'T1',
	classId: '9X/Ma',
	subject: 'Maths',
	studentIds: ['A', 'B']
});

describe('the school day', () => {
	it("makes each day's lessons from the weekly timetable, with exemptions and cover", () => {
		expect(weekdayOf(DATE)).toBe(1);
		const s = new Scenario().apply({
			type: 'reference:updated',
			occurredAt: at('07:00'),
			staff: [{ id: 'T9', title: 'Mr', givenName: 'Cy', familyName: 'Cover', code: 'CCO' }],
			timetable: [entry('MON-P1', 1, 'P1'), entry('MON-P2', 1, 'P2'), entry('TUE-P1', 2, 'P1')],
			exemptions: [
				{ id: 'x1', date: DATE, lessonId: 'MON-P1:2026-11-23', kind: 'trip' },
				{ id: 'x2', date: DATE, lessonId: 'MON-P2:2026-11-23', kind: 'cover', coverStaffId: 'T9' }
			]
		});
		expect(lessonsOn(s.state, DATE).map((l) => [l.id, l.startsAt, l.exemption ?? null, l.staffId])).toEqual([
			['MON-P1:2026-11-23', at('09:00'), 'trip', 'T1'],
			['MON-P2:2026-11-23', at('10:00'), 'cover', 'T9']
		]);
		expect(lessonsOn(s.state, '2026-11-24').map((l) => l.id)).toEqual(['TUE-P1:2026-11-24']);
		// The trip never flags; the covered lesson is owed by the cover teacher.
		expect(registersView(s.state, ms('10:15')).map((r) => [r.id, r.status, r.staff.code])).toEqual([['MON-P2:2026-11-23', 'overdue', 'CCO']]);
	});

	it('reads periods by weekday and year group (staggered lunch)', () => {
		const s = new Scenario().apply({
			type: 'reference:updated',
			occurredAt: at('07:00'),
			periods: [
				...PERIODS.filter((p) => p.kind !== 'lunch'),
				{ id: 'LUNCH-KS3', name: 'Lunch (KS3)', kind: 'lunch', startsAt: '12:00', endsAt: '12:45', yearGroups: [7, 8, 9] },
				{ id: 'LUNCH-KS4', name: 'Lunch (KS4)', kind: 'lunch', startsAt: '12:30', endsAt: '13:15', yearGroups: [10, 11] },
				{ id: 'CLUB', name: 'Friday club', kind: 'lesson', startsAt: '15:00', endsAt: '16:00', weekdays: [5] }
			]
		});
		expect(periodAt(s.state, DATE, 12 * 60 + 35, 9)?.id).toBe('LUNCH-KS3');
		expect(periodAt(s.state, DATE, 12 * 60 + 35, 10)?.id).toBe('LUNCH-KS4');
		expect(periodAt(s.state, DATE, 15 * 60 + 10)).toBeUndefined();
		expect(periodAt(s.state, '2026-11-27', 15 * 60 + 10)?.id).toBe('CLUB');
	});

	it('applies settings from reference data, keeping the others', () => {
		const s = new Scenario().apply({ type: 'reference:updated', occurredAt: at('07:00'), settings: { registerOverdueMinutes: 15 } });
		expect(s.state.settings).toMatchObject({ registerOverdueMinutes: 15, registerEscalateMinutes: 20 });
	});

	it('lists students who need support, with counts and reasons', () => {
		const s = new Scenario();
		const incident = (hhmm: string, day = DATE) => ({
			type: 'behaviour:recorded' as const,
			occurredAt: `${day}T${hhmm}:00Z`,
			polarity: 'negative' as const,
			category: 'defiance' as const,
			severity: 3,
			points: -3,
			locationId: 'M1',
			studentIds: ['A'],
			staffId: 'T1'
		});
		s.apply(incident('09:10'), incident('09:20'));
		expect(supportView(s.state, ms('09:30'))).toEqual([]);
		s.apply(incident('09:40'));
		expect(supportView(s.state, ms('09:45'))).toEqual([
			{
				id: 'A',
				student: { id: 'A', initials: 'AS', yearGroup: 9, name: 'Amy Stone' },
				negativeToday: 3,
				negativeWeek: 3,
				reflectionWeek: 0,
				reasons: ['negative_today']
			}
		]);
		// Last week's do not count this week.
		const lastWeek = new Scenario().apply(incident('09:10', '2026-11-20'), incident('09:20', '2026-11-20'), incident('09:30', '2026-11-20'));
		expect(supportView(lastWeek.state, ms('09:45'))).toEqual([]);
		expect(behaviourView(s.state)).toHaveLength(3);
		expect(roomsView(s.state, ms('23:00')).find((r) => r.id === 'M1')?.byPeriod).toEqual({ P1: 3 });
	});

	it('reports minutes late per student and per form group, gate and lessons', () => {
		const s = new Scenario([]).apply(
			{ type: 'student:arrived-late', occurredAt: at('08:55'), studentId: 'A', session: 'AM', minutesLate: 15 },
			{ type: 'student:arrived-late', occurredAt: at('09:15'), studentId: 'B', session: 'AM', minutesLate: 35 }
		);
		s.apply({ type: 'reference:updated', occurredAt: at('07:01'), timetable: [entry('MON-P2', 1, 'P2')] });
		s.apply({
			type: 'register:taken',
			occurredAt: at('10:06'),
			lessonId: 'MON-P2:2026-11-23',
			takenBy: 'T1',
			marks: [
				{ studentId: 'A', code: 'L', minutesLate: 6 },
				{ studentId: 'B', code: '/' }
			]
		});
		const report = latenessReport(s.state, DATE);
		expect(report.students.map((r) => [r.student.id, r.sessionMinutes, r.lessonMinutes, r.times])).toEqual([
			['B', 35, 0, 1],
			['A', 15, 6, 2]
		]);
		expect(report.formGroups).toEqual([{ formGroup: '9X', students: 2, times: 3, minutes: 56 }]);
		// A late mark on the session register counts when nobody signed the student in.
		s.apply({
			type: 'session:marked',
			occurredAt: at('09:20'),
			date: DATE,
			session: 'AM',
			formGroup: '9X',
			takenBy: 'T1',
			marks: [{ studentId: 'C', code: 'U', minutesLate: 40 }]
		});
		expect(latenessReport(s.state, DATE).students[0]).toMatchObject({ student: { id: 'C' }, sessionMinutes: 40 });
	});
});
