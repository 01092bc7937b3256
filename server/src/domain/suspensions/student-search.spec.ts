import { describe, expect, it } from 'vitest';
import { Scenario } from '../../../../test/support/school-fixtures';
import { searchStudents } from './student-search';

describe('the record form’s student picker', () => {
	const { state } = new Scenario();

	it('matches the start of a given or family name, the form or the id, every word typed', () => {
		expect(searchStudents(state, 'am').students).toEqual([{ studentId: 'A', name: 'Amy Stone', formGroup: '9X' }]);
		expect(searchStudents(state, 'ST').students.map((s) => s.studentId)).toEqual(['A']);
		expect(searchStudents(state, '9x d').students.map((s) => s.name)).toEqual(['Dev Vance']);
		expect(searchStudents(state, 'tone').students).toEqual([]);
	});

	it('answers at most the limit, by form then name, and says when more matched', () => {
		const found = searchStudents(state, '9x', 3);
		expect(found.students.map((s) => s.name)).toEqual(['Amy Stone', 'Ben Tate', 'Cara Ueda']);
		expect(found.more).toBe(true);
		expect(searchStudents(state, '9x', 5).more).toBe(false);
	});
});
