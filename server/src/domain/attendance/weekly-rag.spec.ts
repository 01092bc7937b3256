import { describe, expect, it } from 'vitest';
import type { AttendanceCode } from '../../../protocol';
import { Scenario, sessionMarked as marked } from '../../../../test/support/school-fixtures';
import { addDays } from '../calendar/dates';
import { ragOf, weekTrends } from './weekly-rag';

/** Five school weeks of Mondays to Fridays, ending with the week of 2026-11-23. */
function weeks(codeFor: (studentId: string, date: string, week: number) => AttendanceCode): Scenario {
	const s = new Scenario();
	for (let week = 0; week < 5; week++) {
		for (let day = 0; day < 5; day++) {
			const date = addDays('2026-10-19', week * 7 + day);
			for (const session of ['AM', 'PM'] as const)
				s.apply(
					marked(
						date,
						session,
						['A', 'B'].map((id): [string, AttendanceCode] => [id, codeFor(id, date, week)])
					)
				);
		}
	}
	return s;
}

describe('the weekly RAG', () => {
	it('bands at 96% and 90% by default, both bounds green and amber', () => {
		expect(ragOf(0.96)).toBe('green');
		expect(ragOf(0.9599)).toBe('amber');
		expect(ragOf(0.9)).toBe('amber');
		expect(ragOf(0.8999)).toBe('red');
		expect(ragOf(0.92, { green: 0.95, amber: 0.92 })).toBe('amber');
	});

	it('says who dipped this week against their four weeks before', () => {
		// A is off ill on the Friday of this week; B was off a week in October and is in every day now.
		const s = weeks((id, date, week) => (id === 'A' && date === '2026-11-20' ? 'I' : id === 'B' && week === 0 ? 'N' : '/'));
		const trends = weekTrends(s.state, '2026-11-18');
		expect(trends.get('A')).toMatchObject({ week: { possible: 10, attended: 8 }, before: { possible: 40, attended: 40 }, dipped: true });
		expect(trends.get('B')).toMatchObject({ week: { possible: 10, attended: 10 }, before: { possible: 40, attended: 30 }, dipped: false });
	});
});
