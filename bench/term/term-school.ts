import type { Student } from '../../server/protocol';
import { Random } from '../../simulators/random';
import { FAMILY_NAMES, GIVEN_NAMES } from '../../simulators/names';
import type { SimSchool } from '../../simulators/school';

/**
 * The demo school grown to `size` students: the extra ones in two more forms a year (7A, 7B,
 * ...), in the students file only, since no timetable names those forms.
 */
export function largerSchool(school: SimSchool, size: number, seed: number): SimSchool {
	const rng = new Random(seed);
	const extra: Student[] = [];
	const perYear = Math.ceil((size - school.students.length) / 5);
	for (let year = 7; year <= 11; year++) {
		for (let i = 0; i < perYear && school.students.length + extra.length < size; i++) {
			extra.push({
				id: `STU${String(school.students.length + extra.length + 1).padStart(5, '0')}`,
				givenName: rng.pick(GIVEN_NAMES),
				familyName: rng.pick(FAMILY_NAMES),
				yearGroup: year,
				formGroup: `${year}${i < perYear / 2 ? 'A' : 'B'}`
			});
		}
	}
	return { ...school, students: [...school.students, ...extra] };
}
