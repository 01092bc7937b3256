import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSchool } from './school-import';

const DIR = new URL('../../../simulators/northfield/', import.meta.url);
const sample = (): Record<string, string> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));
const NOW = new Date('2026-11-23T07:00:00Z');
const HEADER = 'student_id,name,relationship,priority,phones,email,parental_responsibility,lives_with\n';

const imported = (contacts: string, extra: Record<string, string> = {}) =>
	importSchool('northfield', { ...sample(), ...extra, 'contacts.csv': HEADER + contacts }, NOW);

describe('contacts.csv', () => {
	it('carries each family contact into reference data, phones split on ; only', () => {
		const result = imported('STU00001,Jo Bloggs,Mother,1,07700 900123; 01632 960001,jo@example.org,Y,Y\nSTU00001,Sam Bloggs,Stepfather,2,07700 900456,,N,y\n');
		if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
		const [reference] = result.events;
		expect(reference?.type === 'reference:updated' && reference.contacts).toEqual([
			{
				studentId: 'STU00001',
				name: 'Jo Bloggs',
				relationship: 'Mother',
				priority: 1,
				phones: ['07700 900123', '01632 960001'],
				email: 'jo@example.org',
				parentalResponsibility: true,
				livesWith: true
			},
			{
				studentId: 'STU00001',
				name: 'Sam Bloggs',
				relationship: 'Stepfather',
				priority: 2,
				phones: ['07700 900456'],
				parentalResponsibility: false,
				livesWith: true
			}
		]);
		expect(result.summary.contacts).toBe(2);
	});

	it.each([
		[
			'a contact of a student not on roll',
			'STU99999,Jo Bloggs,Mother,1,07700 900123,,Y,Y\n',
			'contacts.csv:2:1 student_id "STU99999" is not a known student (students.csv)'
		],
		['a contact without a phone', 'STU00001,Jo Bloggs,Mother,1, ; ,,Y,Y\n', 'contacts.csv:2:5 phones has no phone number'],
		['a priority that is not a number', 'STU00001,Jo Bloggs,Mother,first,07700 900123,,Y,Y\n', 'contacts.csv:2:4 priority is not a whole number'],
		['an email that is not one', 'STU00001,Jo Bloggs,Mother,1,07700 900123,jo at home,Y,Y\n', 'contacts.csv:2:6 email is not an email address'],
		[
			'parental responsibility that is not Y or N',
			'STU00001,Jo Bloggs,Mother,1,07700 900123,,maybe,Y\n',
			'contacts.csv:2:7 parental_responsibility is not Y or N'
		]
	])('refuses %s, naming the row', (_what, rows, expected) => {
		const result = imported(rows);
		expect(result.ok ? [] : result.errors.map((e) => e.message).join('\n')).toContain(expected);
	});

	it('reads first_day_calls_by from school.csv as a time', () => {
		const school = sample()['school.csv'] as string;
		const ok = imported('', { 'school.csv': `${school.trimEnd()}\nfirst_day_calls_by,10:00\n` });
		expect(ok.ok && ok.events[0]?.type === 'reference:updated' && ok.events[0].settings?.firstDayCallsBy).toBe('10:00');
		const bad = imported('', { 'school.csv': `${school.trimEnd()}\nfirst_day_calls_by,half ten\n` });
		expect(bad.ok ? '' : bad.errors.map((e) => e.message).join('\n')).toMatch(/^school\.csv:\d+:2 first_day_calls_by HH:MM/);
	});
});
