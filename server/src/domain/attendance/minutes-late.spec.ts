import { describe, expect, it } from 'vitest';
import { at, lesson, Scenario, type EventDraft } from '../../../../test/support/school-fixtures';
import { minutesLate, minutesLateReport } from './minutes-late';

/** A session register with minutes late on its late marks. */
const marked = (date: string, session: 'AM' | 'PM', marks: [string, string, number?][]): EventDraft => ({
	type: 'session:marked',
	occurredAt: `${date}T${session === 'AM' ? '08:45' : '13:15'}:00.000Z`,
	date,
	session,
	formGroup: '9X',
	takenBy: 'T1',
	marks: marks.map(([studentId, code, minutesLate]) => ({ studentId, code, ...(minutesLate === undefined ? {} : { minutesLate }) })) as never
});

// 2026-11-23 is a Monday.
const week = () =>
	new Scenario().apply(
		marked('2026-11-23', 'AM', [
			['A', 'L', 12],
			['B', '/'],
			['C', 'U', 40]
		]),
		marked('2026-11-23', 'PM', [['A', 'L', 5]]),
		marked('2026-11-24', 'AM', [
			['A', 'U', 35],
			['B', 'L', 3]
		]),
		marked('2026-11-25', 'AM', [['C', 'U']]),
		marked('2026-12-01', 'AM', [['A', 'L', 50]])
	);

describe('minutes late over a range', () => {
	it('counts L and U per student with their minutes, U without minutes as a late of none', () => {
		const { students } = minutesLate(week().state, '2026-11-23', '2026-11-27');
		expect(students.map((s) => [s.studentId, s.lateL, s.lateU, s.minutes])).toEqual([
			['A', 2, 1, 52],
			['C', 0, 2, 40],
			['B', 1, 0, 3]
		]);
		expect(students[0]).toMatchObject({ name: 'Amy Stone', formGroup: '9X', yearGroup: 9 });
	});

	it('leaves out marks outside the range, both ends included', () => {
		const { students } = minutesLate(week().state, '2026-11-24', '2026-12-01');
		expect(students.find((s) => s.studentId === 'A')).toMatchObject({ lateL: 1, lateU: 1, minutes: 85 });
	});

	it('lists students at or over the threshold setting for a letter', () => {
		const s = week().apply({ type: 'reference:updated', occurredAt: at('07:30'), settings: { lateLetterMinutes: 40 } });
		const { students, thresholdMinutes } = minutesLate(s.state, '2026-11-23', '2026-11-27');
		expect(thresholdMinutes).toBe(40);
		expect(students.filter((x) => x.overThreshold).map((x) => x.studentId)).toEqual(['A', 'C']);
		expect(minutesLate(week().state, '2026-11-23', '2026-11-27').students.filter((x) => x.overThreshold)).toEqual([]);
	});

	it('breaks lateness down by weekday and by registration session', () => {
		const late = minutesLate(week().state, '2026-11-23', '2026-11-27');
		expect(late.byWeekday).toEqual([
			{ key: '1', label: 'Monday', lates: 3, minutes: 57 },
			{ key: '2', label: 'Tuesday', lates: 2, minutes: 38 },
			{ key: '3', label: 'Wednesday', lates: 1, minutes: 0 }
		]);
		expect(late.byPeriod).toEqual([
			{ key: 'AM', label: 'AM registration', lates: 5, minutes: 90 },
			{ key: 'PM', label: 'PM registration', lates: 1, minutes: 5 }
		]);
	});

	it('counts lessons a register marked late, by lesson period, apart from the session minutes', () => {
		const s = new Scenario([lesson('L1', 'P2', 'M1', ['A', 'B'])]).apply({
			type: 'register:taken',
			occurredAt: at('10:05'),
			lessonId: 'L1',
			takenBy: 'T1',
			marks: [
				{ studentId: 'A', code: 'L', minutesLate: 7 },
				{ studentId: 'B', code: '/' }
			]
		});
		const late = minutesLate(s.state, '2026-11-23', '2026-11-23');
		expect(late.students).toMatchObject([{ studentId: 'A', lateL: 0, minutes: 0, lessonLates: 1, lessonMinutes: 7 }]);
		expect(late.byPeriod).toEqual([{ key: 'P2', label: 'Period 2', lates: 1, minutes: 7 }]);
	});

	it('fills the letter for each student over the threshold, with the default wording until the school sets its own', () => {
		const s = week().apply({ type: 'reference:updated', occurredAt: at('07:30'), settings: { lateLetterMinutes: 50 } });
		const report = minutesLateReport(s.state, '2026-11-23', '2026-11-27', '2026-11-30');
		expect(report.template).toMatchObject({ kind: 'minutes_late', setAt: null, setBy: null });
		expect(report.letters.map((l) => [l.studentId, l.lates, l.minutes])).toEqual([['A', 3, 52]]);
		expect(report.letters[0]?.text).toContain(
			'Between 23 November 2026 and 27 November 2026, Amy Stone (9X) arrived late to school 3 times, missing 52 minutes'
		);
		expect(report.letters[0]?.text).toContain('Test School');
		expect(report.letters[0]?.text).not.toMatch(/\{\{/);
	});
});
