import { addDays } from '../../server/src/domain/calendar/dates';

export const DESK_SCHOOL = 'desk-school';

/** Fifteen students in three forms: 9X and 9Y of six, 10Z of three (a group the aggregates suppress). */
export const DESK_STUDENTS: readonly [id: string, given: string, family: string, year: number, form: string][] = [
	['X1', 'Amy', 'Stone', 9, '9X'],
	['X2', 'Ben', 'Tate', 9, '9X'],
	['X3', 'Cara', 'Ueda', 9, '9X'],
	['X4', 'Dev', 'Vance', 9, '9X'],
	['X5', 'Eli', 'Wood', 9, '9X'],
	['X6', 'Finn', 'Xu', 9, '9X'],
	['Y1', 'Gina', 'Abbott', 9, '9Y'],
	['Y2', 'Hal', 'Bishop', 9, '9Y'],
	['Y3', 'Iris', 'Clarke', 9, '9Y'],
	['Y4', 'Jack', 'Dunn', 9, '9Y'],
	['Y5', 'Kemi', 'Eze', 9, '9Y'],
	['Y6', 'Liam', 'Ford', 9, '9Y'],
	['Z1', 'Maya', 'Gill', 10, '10Z'],
	['Z2', 'Noah', 'Hart', 10, '10Z'],
	['Z3', 'Omar', 'Iqbal', 10, '10Z']
];

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/**
 * How each student's autumn went: X2 missed every Monday to 19 October; X3 has been off ill since
 * 28 September; X4 missed the Fridays of the second half term and Wednesday 18 November; X6 was off
 * on Monday and Tuesday of the week of 16 November; Y4 was on holiday the week of 5 October.
 */
function codeOf(id: string, date: string): string {
	if (id === 'X2' && weekday(date) === 1 && date <= '2026-10-19') return 'N';
	if (id === 'X3' && date >= '2026-09-28') return 'I';
	if (id === 'X4' && date >= '2026-11-02' && (weekday(date) === 5 || date === '2026-11-18')) return 'O';
	if (id === 'X6' && (date === '2026-11-16' || date === '2026-11-17')) return 'M';
	if (id === 'Y4' && date >= '2026-10-05' && date <= '2026-10-09') return 'G';
	if (id === 'Z1' && date === '2026-11-11') return 'N';
	return '/';
}

const TERMS = ['term,half,starts,ends', 'autumn,1,2026-09-02,2026-10-23', 'autumn,2,2026-11-02,2026-12-18', 'spring,1,2027-01-05,2027-02-12'];

/** The school's CSV export, with its session marks from 2 September to `to`. */
export function deskSchoolFiles(to: string, terms: readonly string[] = TERMS): Record<string, string> {
	const marks = ['date,session,student_id,code,minutes_late'];
	const halves: [string, string][] = [
		['2026-09-02', '2026-10-23'],
		['2026-11-02', '2026-12-18']
	];
	for (const [starts, ends] of halves) {
		for (let date = starts; date <= ends && date <= to; date = addDays(date, 1)) {
			if (weekday(date) === 0 || weekday(date) === 6) continue;
			for (const session of ['AM', 'PM']) for (const [id] of DESK_STUDENTS) marks.push(`${date},${session},${id},${codeOf(id, date)},`);
		}
	}
	return {
		'school.csv': 'key,value\nname,Desk Test Academy\ntimezone,Europe/London\n',
		'periods.csv': 'id,name,kind,starts_at,ends_at\nAMREG,Registration,registration,08:40,09:00\nP1,Period 1,lesson,09:00,10:00\n',
		'rooms.csv': 'id,name,category,level\nM1,M1 Maths,classroom,0\n',
		'students.csv': ['id,given_name,family_name,year_group,form_group', ...DESK_STUDENTS.map((s) => s.join(','))].join('\n') + '\n',
		'staff.csv': 'id,title,given_name,family_name,code\nT1,Mrs,Priya,Khan,PKH\nT2,Mr,Dan,Jones,DJO\n',
		'terms.csv': terms.join('\n') + '\n',
		'session-marks.csv': marks.join('\n') + '\n'
	};
}
