import { describe, expect, it } from 'vitest';
import type { AttendanceCode } from '../../../protocol';
import { at, DATE, lesson, ms, Scenario } from '../../../../test/support/school-fixtures';
import { truancyReport, truancyView } from './truancy';

const LESSONS = [lesson('L1', 'P1', 'M1', ['A', 'B']), lesson('L2', 'P2', 'S1', ['A', 'B']), lesson('L3', 'P3', 'M1', ['A', 'B'])];

function register(lessonId: string, hhmm: string, marks: Record<string, AttendanceCode>, takenBy = 'T1') {
	return {
		type: 'register:taken' as const,
		occurredAt: at(hhmm),
		lessonId,
		takenBy,
		marks: Object.entries(marks).map(([studentId, code]) => ({ studentId, code }))
	};
}

const morning = {
	type: 'session:marked' as const,
	occurredAt: at('08:45'),
	date: DATE,
	session: 'AM' as const,
	formGroup: '9X',
	takenBy: 'T1',
	marks: [
		{ studentId: 'A', code: '/' as const },
		{ studentId: 'B', code: '/' as const }
	]
};

const summary = (s: Scenario, hhmm: string) =>
	truancyReport(s.state, DATE, ms(hhmm)).flags.map((f) => [f.student.id, f.roomId, f.since, f.outcome, f.resolvedAt, f.correctedBy?.code ?? null]);

describe('a truancy flag cleared by a register amendment', () => {
	it('leaves the live feed but stays in the day report as corrected, with when and by whom', () => {
		const s = new Scenario(LESSONS).apply(
			{ type: 'reference:updated', occurredAt: at('07:01'), staff: [{ id: 'T2', title: 'Mr', givenName: 'Al', familyName: 'Rowe', code: 'ARO' }] },
			morning,
			register('L3', '11:05', { A: 'N', B: '/' })
		);
		expect(truancyView(s.state, ms('11:06'))).toHaveLength(1);
		s.apply(register('L3', '11:20', { A: '/', B: '/' }, 'T2'));
		expect(truancyView(s.state, ms('11:21'))).toEqual([]);
		const [flag] = truancyReport(s.state, DATE, ms('11:21')).flags;
		expect(flag).toEqual({
			student: { id: 'A', initials: 'AS', yearGroup: 9, name: 'Amy Stone' },
			reason: 'missing_from_lesson',
			roomId: 'M1',
			roomName: 'M1 Maths',
			lastSeenRoomId: null,
			lastSeenRoomName: null,
			since: at('11:05'),
			outcome: 'corrected',
			resolvedAt: at('11:20'),
			correctedBy: { id: 'T2', code: 'ARO' }
		});
	});

	it('keeps the other students of the amended register flagged as they were, since the first register', () => {
		const s = new Scenario(LESSONS).apply(morning, register('L3', '11:05', { A: 'N', B: 'N' }));
		const [, before] = truancyView(s.state, ms('11:06'));
		s.apply(register('L3', '11:20', { A: '/', B: 'N' }));
		expect(truancyView(s.state, ms('11:21'))).toEqual([before]);
		expect(summary(s, '11:21')).toEqual([
			['B', 'M1', at('11:05'), 'open', null, null],
			['A', 'M1', at('11:05'), 'corrected', at('11:20'), 'JSM']
		]);
	});

	it('corrects a flag that ran into later lessons from where it began; the miss that is left starts at the next lesson', () => {
		const s = new Scenario(LESSONS).apply(morning, register('L2', '10:04', { A: 'N', B: '/' }), register('L2', '10:30', { A: '/', B: '/' }));
		s.apply(register('L3', '11:05', { A: 'N', B: '/' }));
		expect(summary(s, '11:21')).toEqual([
			['A', 'M1', at('11:05'), 'open', null, null],
			['A', 'S1', at('10:04'), 'corrected', at('10:30'), 'JSM']
		]);
	});

	it('a flag amended away and then back is open again, from the register that restored it, not corrected', () => {
		const s = new Scenario(LESSONS).apply(
			morning,
			register('L3', '11:05', { A: 'N', B: '/' }),
			register('L3', '11:20', { A: '/', B: '/' }),
			register('L3', '11:30', { A: 'N', B: '/' })
		);
		expect(summary(s, '11:31')).toEqual([['A', 'M1', at('11:30'), 'open', null, null]]);
	});

	it('an amendment that changes nothing for a student flags nothing as corrected', () => {
		const s = new Scenario(LESSONS).apply(morning, register('L1', '09:03', { A: 'N', B: '/' }), register('L1', '09:10', { A: 'N', B: 'L' }));
		expect(summary(s, '09:11')).toEqual([['A', 'M1', at('09:03'), 'open', null, null]]);
	});
});
