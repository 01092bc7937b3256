import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InboundEvent } from '../../protocol';
import { importSchool } from './school-import';

const DIR = new URL('../../../simulators/northfield/', import.meta.url);
const sample = (): Record<string, string> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));
const NOW = new Date('2026-11-23T07:00:00Z');

function problems(files: Record<string, string | Uint8Array>): string[] {
	const result = importSchool('northfield', files, NOW);
	if (result.ok) throw new Error('expected the import to be refused');
	return result.errors.map((e) => e.message);
}

describe('school CSV import', () => {
	it('reads the sample set into one reference event the contract accepts', () => {
		const result = importSchool('northfield', sample(), NOW);
		if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
		expect(result.summary).toMatchObject({ students: 1200, timetable: 1200, periods: 10 });
		const [reference] = result.events;
		expect(InboundEvent.safeParse(reference).success).toBe(true);
		if (reference?.type !== 'reference:updated') throw new Error('reference first');
		expect(reference.timetable?.[0]?.studentIds).toHaveLength(30);
		expect(reference.exemptions?.[0]).toMatchObject({ kind: 'exam', lessonId: 'MON-P1-11N:2026-11-23' });
		expect(reference.students?.[0]?.flags).toEqual({ sen: true, medical: true, safeguarding: true, send: 'ehcp', fsm: true });
		expect(reference.rota?.[0]).toMatchObject({ weekday: 1, periodId: 'AMREG', role: 'on_call' });
		expect(reference.staff?.find((s) => s.id === 'P002')?.baseRoomId).toBe('PASTORAL');
		expect(reference.settings?.escalationChain).toEqual(['on_call', 'slt']);
	});

	it('gives the same event ids for the same files, so a re-import changes nothing', () => {
		const a = importSchool('northfield', sample(), NOW);
		const b = importSchool('northfield', sample(), new Date('2026-11-24T07:00:00Z'));
		expect(a.ok && b.ok && a.events.map((e) => e.id)).toEqual(b.ok && b.events.map((e) => e.id));
	});

	it.each([
		[
			'a missing column',
			'students.csv',
			(t: string) => t.replace('year_group,', '').replace(/^(STU\d+,[^,]+,[^,]+),\d+,/gm, '$1,'),
			'students.csv:1 has no column year_group'
		],
		[
			'an unknown room',
			'timetable.csv',
			(t: string) => t.replace('MON-P1-7N,Mon,P1,S01,', 'MON-P1-7N,Mon,P1,Z99,'),
			'timetable.csv:2:4 room_id "Z99" is not a known room (rooms.csv)'
		],
		['a duplicate student id', 'students.csv', (t: string) => t.replace('STU00002,', 'STU00001,'), 'students.csv:3:1 id "STU00001" is a duplicate of line 2'],
		[
			'a year group that is not a number',
			'students.csv',
			(t: string) => t.replace(/^(STU00005,[^,]+,[^,]+),\d+,/m, '$1,Y9,'),
			'students.csv:6:4 year_group is not a whole number ("Y9")'
		],
		['a quote left open', 'staff.csv', (t: string) => t.replace('T002,', 'T002,"'), 'staff.csv:3'],
		['a rota role that does not exist', 'rota.csv', (t: string) => t.replace(/,on_call$/m, ',tea_duty'), 'rota.csv:2:5 role'],
		[
			'a rota for someone not on the staff',
			'rota.csv',
			(t: string) => t.replace(/^(\S+?),Mon,AMREG,P\d+,/m, '$1,Mon,AMREG,P999,'),
			'rota.csv:2:4 staff_id "P999" is not a known member of staff (staff.csv)'
		],
		[
			'an escalation chain with an unknown role',
			'school.csv',
			(t: string) => t.replace('escalation_chain,on_call slt', 'escalation_chain,on_call head'),
			'escalation_chain'
		]
	])('refuses %s, naming file, line and column, and changes nothing', (_what, file, spoil, expected) => {
		const files = sample();
		files[file] = spoil(files[file] as string);
		const found = problems(files);
		expect(found.join('\n')).toContain(expected);
	});

	it('refuses an attendance code that does not exist', () => {
		const files = { ...sample(), 'session-marks.csv': 'date,session,student_id,code,minutes_late\n2026-11-23,AM,STU00001,/,\n2026-11-23,AM,STU00002,H,\n' };
		expect(problems(files)).toEqual(['session-marks.csv:3:4 code unknown attendance code "H" ("H")']);
		const ok = importSchool('northfield', { ...files, 'session-marks.csv': 'date,session,student_id,code,minutes_late\n2026-11-23,AM,STU00001,L,12\n' }, NOW);
		expect(ok.ok && ok.events[1]).toMatchObject({ type: 'session:marked', formGroup: '7N', marks: [{ studentId: 'STU00001', code: 'L', minutesLate: 12 }] });
	});

	it('reads SEND and FSM when given, leaves them out when blank, and names a bad cell', () => {
		// The sample's first two students: STU00001 on SEN support (K) and FSM (y), STU00002 with both blank.
		const students = (first: string, second: string) => {
			const lines = (sample()['students.csv'] ?? '').split(/\r?\n/);
			lines[1] = `${lines[1]?.split(',').slice(0, 8).join(',')},${first}`;
			lines[2] = `${lines[2]?.split(',').slice(0, 8).join(',')},${second}`;
			return { ...sample(), 'students.csv': lines.join('\n') };
		};
		const read = importSchool('northfield', students('K,y', ','), NOW);
		const reference = read.ok ? read.events.find((e) => e.type === 'reference:updated') : undefined;
		expect(reference?.type === 'reference:updated' && reference.students?.slice(0, 2).map((s) => s.flags)).toEqual([
			{ sen: true, medical: true, safeguarding: true, send: 'sen_support', fsm: true },
			{ sen: false, medical: false, safeguarding: false }
		]);
		expect(problems(students('maybe,N', 'none,N'))).toEqual(['students.csv:2:9 send is not none, SEN support (K) or EHCP (E) ("maybe")']);
	});

	it('refuses files in the wrong encoding', () => {
		const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('id,name', 'utf16le')]);
		expect(problems({ ...sample(), 'rooms.csv': utf16 })).toEqual(['rooms.csv:1 is UTF-16; save it as CSV UTF-8']);
		const staff = sample()['staff.csv'] as string;
		const latin1 = Buffer.from(staff.replace('T003,', 'T003,').replace(/\n(T004,[^,]*,)/, '\n$1Zo\xeb '), 'latin1');
		expect(problems({ ...sample(), 'staff.csv': latin1 })[0]).toMatch(/^staff\.csv:5 is not UTF-8/);
	});

	it('refuses unknown and missing files', () => {
		const files = sample();
		delete files['rooms.csv'];
		files['pupils.csv'] = 'id\n1\n';
		expect(problems(files)).toEqual(expect.arrayContaining(['rooms.csv:1 is missing', expect.stringMatching(/^pupils\.csv:1 is not a file Lookout reads/)]));
	});
});

describe('school CSV import: what only the contract catches', () => {
	it('reports a timezone that does not exist against school.csv, and a bad setting on its own line', () => {
		const files = sample();
		files['school.csv'] = (files['school.csv'] as string)
			.replace('timezone,Europe/London', 'timezone,Europe/Londres')
			.replace('register_overdue_minutes,10', 'register_overdue_minutes,0');
		expect(problems(files)).toEqual(['school.csv:4:2 register_overdue_minutes Too small: expected number to be >=1 ("0")']);
		files['school.csv'] = (files['school.csv'] as string).replace('register_overdue_minutes,0', 'register_overdue_minutes,10');
		expect(problems(files)).toEqual([expect.stringMatching(/^school\.csv:1 school\.timezone is not an IANA timezone/)]);
	});

	it('reports minutes late on a mark that is not late against session-marks.csv', () => {
		const files = { ...sample(), 'session-marks.csv': 'date,session,student_id,code,minutes_late\n2026-11-23,AM,STU00001,/,5\n' };
		expect(problems(files)).toEqual(['session-marks.csv:2 minutesLate goes only with the late codes L and U']);
	});
});
