import { describe, expect, it } from 'vitest';
import type { AttendanceCode } from '../../../protocol';
import { at, DATE, lesson, ms, Scenario } from '../../../../test/support/school-fixtures';
import { truancyReport, truancyView } from './truancy';

const LESSONS = [
	lesson('L1', 'P1', 'M1', ['A', 'B']),
	lesson('L2', 'P2', 'S1', ['A', 'B']),
	lesson('L3', 'P3', 'M1', ['A', 'B']),
	lesson('L4', 'P4', 'S1', ['A', 'B'])
];

function register(lessonId: string, hhmm: string, marks: Record<string, AttendanceCode>) {
	return {
		type: 'register:taken' as const,
		occurredAt: at(hhmm),
		lessonId,
		takenBy: 'T1',
		marks: Object.entries(marks).map(([studentId, code]) => ({ studentId, code }))
	};
}

function amRegister(marks: Record<string, AttendanceCode>, minutesLate?: number) {
	return {
		type: 'session:marked' as const,
		occurredAt: at('08:45'),
		date: DATE,
		session: 'AM' as const,
		formGroup: '9X',
		takenBy: 'T1',
		marks: Object.entries(marks).map(([studentId, code]) => ({ studentId, code, ...(minutesLate ? { minutesLate } : {}) }))
	};
}

describe('truancy flags', () => {
	it('flags a student present at AM registration then absent in P3, last seen in P2', () => {
		const s = new Scenario(LESSONS).apply(
			amRegister({ A: '/', B: '/' }),
			register('L1', '09:03', { A: '/', B: '/' }),
			register('L2', '10:04', { A: '/', B: '/' }),
			register('L3', '11:05', { A: 'N', B: '/' })
		);
		const flags = truancyView(s.state, ms('11:06'));
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			student: { id: 'A', initials: 'AS', yearGroup: 9 },
			reason: 'missing_from_lesson',
			roomId: 'M1',
			lastSeenRoomId: 'S1',
			since: at('11:05')
		});
	});

	it('a corrected mark clears the flag', () => {
		const s = new Scenario(LESSONS).apply(amRegister({ A: '/' }), register('L3', '11:05', { A: 'N', B: '/' }));
		expect(truancyView(s.state, ms('11:06'))).toHaveLength(1);
		s.apply(register('L3', '11:20', { A: '/', B: '/' }));
		expect(truancyView(s.state, ms('11:21'))).toHaveLength(0);
	});

	it('a student found by staff is cleared', () => {
		const s = new Scenario(LESSONS).apply(amRegister({ A: '/' }), register('L3', '11:05', { A: 'N', B: '/' }));
		s.apply({ type: 'student:found', occurredAt: at('11:25'), studentId: 'A', locationId: 'M1', by: 'T1' });
		expect(truancyView(s.state, ms('11:26'))).toHaveLength(0);
	});

	it('being marked present in a later lesson ends the miss', () => {
		const s = new Scenario(LESSONS).apply(amRegister({ A: '/' }), register('L3', '11:05', { A: 'N', B: '/' }), register('L4', '12:50', { A: '/', B: '/' }));
		expect(truancyView(s.state, ms('12:51'))).toHaveLength(0);
	});

	it('does not flag a student who was absent at registration, or absent with an authorised code', () => {
		const s = new Scenario(LESSONS).apply(amRegister({ A: 'I', B: '/' }), register('L1', '09:03', { A: 'I', B: 'M' }));
		expect(truancyView(s.state, ms('09:30'))).toHaveLength(0);
	});

	it('does not flag a late arrival who signed in after the lesson register was taken', () => {
		// Registration opens 08:40: 35 minutes late is 09:15, after the 09:05 register.
		const s = new Scenario(LESSONS).apply(amRegister({ A: 'U' }, 35), register('L1', '09:05', { A: 'N' }));
		expect(truancyView(s.state, ms('09:30'))).toHaveLength(0);
		// 15 minutes late (08:55) was before it: that student was in school and missed the lesson.
		const t = new Scenario(LESSONS).apply(amRegister({ A: 'L' }, 15), register('L1', '09:05', { A: 'N' }));
		expect(truancyView(t.state, ms('09:30'))).toHaveLength(1);
	});

	it('flags a student missing from the register altogether', () => {
		const s = new Scenario(LESSONS).apply(amRegister({ A: '/', B: '/' }), register('L1', '09:03', { B: '/' }));
		expect(truancyView(s.state, ms('09:04')).map((f) => f.student.id)).toEqual(['A']);
	});

	it('flags a Reflection Room no-show 10 minutes after the booking starts, and a check-in clears it', () => {
		const s = new Scenario(LESSONS).apply(amRegister({ A: '/' }), {
			type: 'reflection:booked',
			occurredAt: at('08:00'),
			bookingId: 'b1',
			studentId: 'A',
			roomId: 'RR',
			periodId: 'P2',
			startsAt: at('10:00'),
			endsAt: at('11:00'),
			reason: 'r',
			bookedBy: 'T1'
		});
		expect(truancyView(s.state, ms('10:09'))).toHaveLength(0);
		const flags = truancyView(s.state, ms('10:10'));
		expect(flags).toMatchObject([{ reason: 'reflection_no_show', roomId: 'RR', since: at('10:10') }]);
		s.apply({ type: 'reflection:checked-in', occurredAt: at('10:12'), bookingId: 'b1' });
		expect(truancyView(s.state, ms('10:13'))).toHaveLength(0);
	});
});

describe('truancy report', () => {
	it('says how each flag of the day ended, and which are still open', () => {
		const s = new Scenario(LESSONS).apply(
			amRegister({ A: '/', B: '/' }),
			register('L1', '09:03', { A: 'N', B: '/' }),
			register('L2', '10:04', { A: '/', B: 'N' }),
			register('L3', '11:05', { A: '/', B: 'N' }),
			{
				type: 'reflection:booked',
				occurredAt: at('08:00'),
				bookingId: 'b1',
				studentId: 'A',
				roomId: 'RR',
				periodId: 'P4',
				startsAt: at('12:45'),
				endsAt: at('13:45'),
				reason: 'r',
				bookedBy: 'T1'
			},
			{ type: 'reflection:checked-in', occurredAt: at('13:00'), bookingId: 'b1' }
		);
		const report = truancyReport(s.state, DATE, ms('15:30'));
		expect(report.flags.map((f) => [f.student.id, f.reason, f.roomId, f.outcome, f.resolvedAt])).toEqual([
			['A', 'missing_from_lesson', 'M1', 'present_later', at('10:04')],
			['B', 'missing_from_lesson', 'M1', 'open', null],
			['A', 'reflection_no_show', 'RR', 'checked_in_late', at('13:00')]
		]);
	});
});

describe('truancy report, found more than once', () => {
	it('resolves each flag with the first time the student was found after it', () => {
		const s = new Scenario(LESSONS).apply(
			amRegister({ A: '/' }),
			register('L1', '09:03', { A: 'N' }),
			{ type: 'student:found', occurredAt: at('09:20'), studentId: 'A', locationId: 'M1', by: 'T1' },
			register('L2', '10:04', { A: '/' }),
			register('L3', '11:05', { A: 'N' }),
			{ type: 'student:found', occurredAt: at('11:30'), studentId: 'A', locationId: 'M1', by: 'T1' }
		);
		expect(truancyReport(s.state, DATE, ms('15:00')).flags.map((f) => [f.roomId, f.outcome, f.resolvedAt])).toEqual([
			['M1', 'found', at('09:20')],
			['M1', 'found', at('11:30')]
		]);
	});
});
