import { STUDENT_SEARCH_LIMIT, type SuspensionStudents } from '../../../protocol';
import type { SchoolState } from '../school/state';

/** One collator for every comparison: building one per call (as `localeCompare` with options does) costs more than the sort. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The students the record form's picker offers for what was typed: each word typed must begin a
 * word of the student's name or form, or begin their id; by form then name, at most `limit`.
 */
export function searchStudents(state: SchoolState, q: string, limit = STUDENT_SEARCH_LIMIT): SuspensionStudents {
	const words = q.toLowerCase().split(/\s+/).filter(Boolean);
	const found: SuspensionStudents['students'] = [];
	for (const s of state.students.values()) {
		const name = `${s.givenName} ${s.familyName}`;
		const parts = `${name} ${s.formGroup}`.toLowerCase().split(/[\s'’-]+/);
		const id = s.id.toLowerCase();
		if (words.every((w) => id.startsWith(w) || parts.some((p) => p.startsWith(w)))) found.push({ studentId: s.id, name, formGroup: s.formGroup });
	}
	found.sort((a, b) => collator.compare(a.formGroup, b.formGroup) || collator.compare(a.name, b.name));
	return { students: found.slice(0, limit), more: found.length > limit };
}
