import type { AttendanceCode, HalfTerm } from '../../server/protocol';
import { addDays } from '../../server/src/domain/calendar/dates';
import { Scenario, sessionMarked as marked } from './school-fixtures';

/** The autumn term of 2026/27, as a school's `terms.csv` has it. */
export const TERMS: HalfTerm[] = [
	{ term: 'autumn', half: 1, starts: '2026-09-02', ends: '2026-10-23' },
	{ term: 'autumn', half: 2, starts: '2026-11-02', ends: '2026-12-18' }
];

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Students A to E (form 9X) marked every school day of the terms from 2 September to `to`: each code from `codeFor` (present otherwise). */
export function term(to: string, codeFor: (studentId: string, date: string) => AttendanceCode | undefined): Scenario {
	const s = new Scenario();
	s.apply({ type: 'reference:updated', occurredAt: '2026-09-01T07:00:00.000Z', terms: TERMS });
	for (const half of TERMS) {
		for (let date = half.starts; date <= half.ends && date <= to; date = addDays(date, 1)) {
			if (weekday(date) === 0 || weekday(date) === 6) continue;
			for (const session of ['AM', 'PM'] as const)
				s.apply(
					marked(
						date,
						session,
						['A', 'B', 'C', 'D', 'E'].map((id): [string, AttendanceCode] => [id, codeFor(id, date) ?? '/'])
					)
				);
		}
	}
	return s;
}
