import { describe, expect, it } from 'vitest';
import { term } from '../../../../test/support/term-fixture';
import { amended, suspended, withdrawn } from '../../../../test/support/suspension-drafts';
import { suspensionReport } from './report';

/** The autumn term (half term 24 October to 1 November) marked to Friday 27 November. */
const school = () => term('2026-11-27', () => undefined);
const report = (s: ReturnType<typeof school>) => suspensionReport(s.state, { from: '2026-09-02', to: '2026-12-18', today: '2026-11-27' });
const row = (s: ReturnType<typeof school>, id: string) => report(s).suspensions.find((r) => r.suspensionId === id);
const totals = (s: ReturnType<typeof school>, id: string) => report(s).totals.find((t) => t.studentId === id);

describe('back-to-back suspensions count together for the sixth-day provision', () => {
	it('3 days then 3 days the next school day: provision from the sixth day, the third of the second', () => {
		// Mon 16 to Wed 18 November, then Thu 19, Fri 20 and Mon 23.
		const s = school().apply(suspended('R1', 'A', '2026-11-16', 6), suspended('R2', 'A', '2026-11-19', 6));
		expect(row(s, 'R1')).toMatchObject({ provisionFrom: null, runDays: 6 });
		expect(row(s, 'R2')).toMatchObject({ provisionFrom: '2026-11-23', runDays: 6 });
		expect(totals(s, 'A')).toMatchObject({ termDays: 6, provisionFrom: '2026-11-23' });
	});

	it('3 days, a school day in school, then 3 days: no provision', () => {
		const s = school().apply(suspended('G1', 'A', '2026-11-16', 6), suspended('G2', 'A', '2026-11-20', 6));
		expect(row(s, 'G1')).toMatchObject({ provisionFrom: null, runDays: 3 });
		expect(row(s, 'G2')).toMatchObject({ provisionFrom: null, runDays: 3 });
		expect(totals(s, 'A')?.provisionFrom).toBeNull();
	});

	it('a weekend between them keeps them consecutive', () => {
		// Wed 18 to Fri 20, then Mon 23 to Wed 25.
		const s = school().apply(suspended('W1', 'B', '2026-11-18', 6), suspended('W2', 'B', '2026-11-23', 6));
		expect(row(s, 'W2')).toMatchObject({ provisionFrom: '2026-11-25', runDays: 6 });
	});

	it('the school’s half-term holiday between them keeps them consecutive', () => {
		// Wed 21 to Fri 23 October, then Mon 2 to Wed 4 November, after the half-term break.
		const s = school().apply(suspended('H1', 'C', '2026-10-21', 6), suspended('H2', 'C', '2026-11-02', 6));
		expect(row(s, 'H2')).toMatchObject({ provisionFrom: '2026-11-04', runDays: 6 });
	});

	it('one beginning the afternoon the other ends in the morning continues it', () => {
		// Mon 16 AM to Wed 18 AM (2½ days), then Wed 18 PM to Mon 23 PM (3½ days): the eleventh session is Mon 23 AM.
		const s = school().apply(suspended('P1', 'D', '2026-11-16', 5), suspended('P2', 'D', '2026-11-18', 7, { session: 'PM' }));
		expect(row(s, 'P2')).toMatchObject({ provisionFrom: '2026-11-23', runDays: 6 });
		// A morning in school between them breaks it.
		const apart = school().apply(suspended('Q1', 'D', '2026-11-16', 4), suspended('Q2', 'D', '2026-11-18', 8, { session: 'PM' }));
		expect(row(apart, 'Q2')).toMatchObject({ provisionFrom: null, runDays: 4 });
	});

	it('lunchtimes never count, nor bridge a gap', () => {
		const s = school().apply(
			suspended('L1', 'E', '2026-11-16', 6),
			suspended('L2', 'E', '2026-11-19', 1, { lunchtime: true }),
			suspended('L3', 'E', '2026-11-20', 6)
		);
		expect(report(s).suspensions.map((r) => [r.suspensionId, r.provisionFrom, r.runDays])).toEqual([
			['L3', null, 3],
			['L2', null, 0.5],
			['L1', null, 3]
		]);
	});

	it('the sixth day falls inside the first of a longer run, and the second needs provision from its first day', () => {
		const s = school().apply(suspended('S1', 'A', '2026-11-16', 12), suspended('S2', 'A', '2026-11-24', 2));
		expect(row(s, 'S1')).toMatchObject({ provisionFrom: '2026-11-23', runDays: 7 });
		expect(row(s, 'S2')).toMatchObject({ provisionFrom: '2026-11-24', runDays: 7 });
	});

	it('a withdrawn suspension, or one amended away, breaks the run', () => {
		const s = school().apply(suspended('X1', 'B', '2026-11-16', 6), suspended('X2', 'B', '2026-11-19', 6));
		s.apply(amended('X1', 'B', '2026-11-24T09:00:00.000Z', '2026-11-16', 4));
		expect(row(s, 'X2')).toMatchObject({ provisionFrom: null, runDays: 3 });
		s.apply(amended('X1', 'B', '2026-11-24T10:00:00.000Z', '2026-11-16', 6));
		expect(row(s, 'X2')).toMatchObject({ provisionFrom: '2026-11-23', runDays: 6 });
		s.apply(withdrawn('X1', '2026-11-24T11:00:00.000Z'));
		expect(row(s, 'X2')).toMatchObject({ provisionFrom: null, runDays: 3 });
		expect(row(s, 'X1')).toMatchObject({ provisionFrom: null, runDays: 0 });
	});
});
