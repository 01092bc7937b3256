import { describe, expect, it } from 'vitest';
import { at, lesson, ms, Scenario } from '../../../../test/support/school-fixtures';
import { registersView } from './registers';
import { nextChangeAt } from '../view';

const status = (s: Scenario, hhmm: string, id = 'L1') => registersView(s.state, ms(hhmm)).find((r) => r.id === id)?.status ?? 'none';

describe('unregistered lessons', () => {
	it.each([
		// minute -> status, with no register taken (P1 starts 09:00; overdue at 10 min, wall at 20)
		['08:59', 'none'],
		['09:00', 'due'],
		['09:09', 'due'],
		['09:10', 'overdue'],
		['09:19', 'overdue'],
		['09:20', 'escalated'],
		['11:30', 'escalated']
	])('at %s a lesson with no register is %s', (hhmm, expected) => {
		expect(status(new Scenario([lesson('L1', 'P1', 'M1', ['A'])]), hhmm)).toBe(expected);
	});

	it('a register taken at minute 9 never flags', () => {
		const s = new Scenario([lesson('L1', 'P1', 'M1', ['A'])]).apply({
			type: 'register:taken',
			occurredAt: at('09:09'),
			lessonId: 'L1',
			takenBy: 'T1',
			marks: [{ studentId: 'A', code: '/' }]
		});
		for (const minute of ['09:09', '09:10', '09:30']) expect(status(s, minute)).toBe('none');
	});

	it('a register taken at minute 11 is overdue at 10, then cleared', () => {
		const s = new Scenario([lesson('L1', 'P1', 'M1', ['A'])]);
		expect(status(s, '09:10')).toBe('overdue');
		s.apply({ type: 'register:taken', occurredAt: at('09:11'), lessonId: 'L1', takenBy: 'T1', marks: [{ studentId: 'A', code: '/' }] });
		expect(status(s, '09:11')).toBe('none');
	});

	it('an exempt exam lesson never flags', () => {
		const s = new Scenario([lesson('L1', 'P1', 'M1', ['A'], { exemption: 'exam' })]);
		expect(status(s, '09:45')).toBe('none');
	});

	it('wakes the projection at start, overdue and escalation instants, and at the edges of periods', () => {
		const s = new Scenario([lesson('L1', 'P1', 'M1', ['A'])]);
		expect(nextChangeAt(s.state, ms('08:00'))).toBe(ms('08:40'));
		expect(nextChangeAt(s.state, ms('08:40'))).toBe(ms('09:00'));
		expect(nextChangeAt(s.state, ms('09:00'))).toBe(ms('09:10'));
		expect(nextChangeAt(s.state, ms('09:10'))).toBe(ms('09:20'));
		expect(nextChangeAt(s.state, ms('09:20'))).toBe(ms('10:00'));
		// After the last period only the day's end is left.
		expect(nextChangeAt(s.state, ms('13:45'))).toBe(Date.parse('2026-11-24T00:00:00Z'));
	});
});
