import { describe, expect, it } from 'vitest';
import type { AttendanceCode } from '../../../protocol';
import { Scenario, sessionMarked as marked } from '../../../../test/support/school-fixtures';
import { absenceRate, addCode, attendanceRate, emptyTally, persistenceOf, sessionTallies } from './tally';

const tallyOf = (codes: string) => {
	const tally = emptyTally();
	for (const code of codes.split(' ')) addCode(tally, code as AttendanceCode);
	return tally;
};

describe('attendance tallies', () => {
	it('counts approved educational activity as attendance, U as unauthorised, and leaves out sessions that are not possible', () => {
		expect(tallyOf('/ \\ L K V U N C X Y1 # D')).toEqual({ possible: 8, attended: 5, authorised: 1, unauthorised: 2 });
	});

	it('gives rates over possible sessions, and none with none possible', () => {
		const tally = tallyOf('/ / / / / / / / I N');
		expect(absenceRate(tally)).toBeCloseTo(0.2);
		expect(attendanceRate(tally)).toBeCloseTo(0.8);
		expect(absenceRate(tallyOf('X Y2'))).toBeNull();
	});

	it('calls 10% or more persistent and 50% or more severe, on possible sessions', () => {
		expect(persistenceOf(tallyOf('/ / / / / / / / / N'))).toBe('persistent');
		expect(persistenceOf(tallyOf('/ / / / / / / / / / N'))).toBeNull();
		expect(persistenceOf(tallyOf('/ I'))).toBe('severe');
		// Fewer possible sessions, not more absence: a student off roll for most of the range.
		expect(persistenceOf(tallyOf('Z Z Z Z Z Z Z Z / N'))).toBe('severe');
	});

	it("tallies each student's session registers over a range of dates, both ends included", () => {
		const s = new Scenario().apply(
			marked('2026-11-20', 'AM', [
				['A', '/'],
				['B', 'N']
			]),
			marked('2026-11-23', 'AM', [
				['A', 'L'],
				['B', '/']
			]),
			marked('2026-11-23', 'PM', [
				['A', 'I'],
				['B', 'U']
			]),
			marked('2026-11-24', 'AM', [['A', '/']])
		);
		const tallies = sessionTallies(s.state, '2026-11-20', '2026-11-23');
		expect(tallies.get('A')).toEqual({ possible: 3, attended: 2, authorised: 1, unauthorised: 0 });
		expect(tallies.get('B')).toEqual({ possible: 3, attended: 1, authorised: 0, unauthorised: 2 });
		expect(sessionTallies(s.state, '2026-11-24', '2026-11-24').get('B')).toBeUndefined();
	});
});
