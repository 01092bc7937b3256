import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSchool } from './school-import';

const DIR = new URL('../../../simulators/northfield/', import.meta.url);
const sample = (): Record<string, string | Uint8Array> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));
const NOW = new Date('2026-11-23T07:00:00Z');
const LIST =
	'school.csv, periods.csv, rooms.csv, reflection-rooms.csv, students.csv, staff.csv, timetable.csv, class-members.csv, rota.csv, exemptions.csv, session-marks.csv, contacts.csv, terms.csv';

function problems(change: (files: Record<string, string | Uint8Array>) => void): string[] {
	const files = sample();
	change(files);
	const result = importSchool('northfield', files, NOW);
	if (result.ok) throw new Error('expected the import to be refused');
	return result.errors.map((e) => e.message);
}

const edit = (file: string, from: RegExp | string, to: string) => (files: Record<string, string | Uint8Array>) => {
	files[file] = (files[file] as string).replace(from, to);
};

describe('what an import takes in', () => {
	it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'Students.csv'])(
		'refuses a file named %s, naming it and the files Lookout reads',
		(name) => {
			expect(
				problems((files) => {
					Object.defineProperty(files, name, { value: 'id\n1\n', enumerable: true });
				})
			).toEqual([`${name}:1 is not a file Lookout reads (the files are ${LIST})`]);
		}
	);

	it('refuses a numeric setting written as 1e1, naming the setting', () => {
		expect(problems(edit('school.csv', /^register_overdue_minutes,\d+$/m, 'register_overdue_minutes,1e1'))).toEqual([
			expect.stringMatching(/^school\.csv:\d+:2 register_overdue_minutes .*\("1e1"\)$/)
		]);
	});

	it.each([
		['year_group', 'students.csv', /^(STU00005,[^,]+,[^,]+),\d+,/m, '$1,9e0,', 'students.csv:6:4 year_group is not a whole number ("9e0")'],
		['capacity', 'reflection-rooms.csv', /^([^,\n]+),\d+$/m, '$1,1e1', 'reflection-rooms.csv:2:2 capacity is not a whole number ("1e1")']
	])('refuses %s written with an exponent', (_column, file, from, to, message) => {
		expect(problems(edit(file, from, to))).toEqual([message]);
	});

	it('refuses a NUL in a file, naming the line', () => {
		expect(problems(edit('students.csv', /^(STU00003,[^,]+)/m, '$1\u0000'))).toEqual([
			'students.csv:4 holds a NUL character (\\u0000) on this line; remove it and export again'
		]);
		const bytes = new TextEncoder().encode((sample()['staff.csv'] as string).replace(/\n/, '\n\u0000'));
		expect(problems((files) => (files['staff.csv'] = bytes))).toEqual([expect.stringMatching(/^staff\.csv:2 holds a NUL/)]);
	});
});
