import { DEFAULT_SETTINGS } from '../server/protocol';
import { familyContacts } from './first-day-contacts';
import { PERIODS, TIMEZONE, type SimSchool } from './school';
import { schoolTerms } from './school-terms';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function csv(header: string[], rows: (string | number)[][]): string {
	const cell = (v: string | number) => {
		const text = String(v);
		return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
	};
	return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/**
 * The school as its management information system would export it: the CSV files Lookout
 * imports (see `npm run import`). The committed sample set in `simulators/northfield/` is this
 * for seed 7; the simulator uploads the same files for its seed through the import API.
 */
export function schoolCsvFiles(school: SimSchool, reflectionCapacity = 8): Record<string, string> {
	const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
	return {
		'school.csv': csv(
			['key', 'value'],
			[['name', school.name], ['timezone', TIMEZONE], ...Object.entries(DEFAULT_SETTINGS).map(([k, v]) => [snake(k), Array.isArray(v) ? v.join(' ') : v])]
		),
		'periods.csv': csv(
			['id', 'name', 'kind', 'starts_at', 'ends_at', 'weekdays', 'year_groups'],
			PERIODS.map((p) => [p.id, p.name, p.kind, p.startsAt, p.endsAt, 'Mon Tue Wed Thu Fri', ''])
		),
		'rooms.csv': csv(
			['id', 'name', 'category', 'level'],
			school.rooms.map((r) => [r.id, r.name, r.category, r.level])
		),
		'reflection-rooms.csv': csv(['room_id', 'capacity'], [[school.reflectionRoomId, reflectionCapacity]]),
		'students.csv': csv(
			['id', 'given_name', 'family_name', 'year_group', 'form_group', 'sen', 'medical', 'safeguarding', 'send', 'fsm'],
			school.students.map((s, i) => [
				s.id,
				s.givenName,
				s.familyName,
				s.yearGroup,
				s.formGroup,
				i % 7 === 0 ? 'Y' : 'N',
				i % 23 === 0 ? 'Y' : 'N',
				i % 97 === 0 ? 'Y' : 'N',
				i % 7 === 0 ? (i % 28 === 0 ? 'EHCP' : 'SEN support') : 'none',
				// About a quarter on free school meals, as in England's secondaries.
				(i * 37) % 100 < 24 ? 'Y' : 'N'
			])
		),
		'staff.csv': csv(
			['id', 'title', 'given_name', 'family_name', 'code', 'base_room_id'],
			school.staff.map((s) => [s.id, s.title, s.givenName, s.familyName, s.code, s.baseRoomId ?? ''])
		),
		'rota.csv': csv(
			['id', 'weekday', 'period_id', 'staff_id', 'role'],
			school.rota.map((r) => [r.id, DAY_NAMES[r.weekday - 1] as string, r.periodId, r.staffId, r.role])
		),
		'timetable.csv': csv(
			['id', 'weekday', 'period_id', 'room_id', 'staff_id', 'class_id', 'subject'],
			school.timetable.map((t) => [t.id, DAY_NAMES[t.weekday - 1] as string, t.periodId, t.roomId, t.staffId, t.classId, t.subject])
		),
		'class-members.csv': csv(
			['class_id', 'student_id'],
			[...school.forms].flatMap(([form, members]) => members.map((s) => [form, s.id]))
		),
		'exemptions.csv': csv(
			['id', 'date', 'timetable_id', 'kind', 'cover_staff_id'],
			school.exams.map((lessonId) => [`exam-${lessonId}`.replaceAll(':', '-'), school.date, lessonId.split(':')[0] as string, 'exam', ''])
		),
		'contacts.csv': csv(
			['student_id', 'name', 'relationship', 'priority', 'phones', 'email', 'parental_responsibility', 'lives_with'],
			familyContacts(school).map((c) => [
				c.studentId,
				c.name,
				c.relationship,
				c.priority,
				c.phones.join('; '),
				c.email ?? '',
				c.parentalResponsibility ? 'Y' : 'N',
				c.livesWith ? 'Y' : 'N'
			])
		),
		'terms.csv': csv(
			['term', 'half', 'starts', 'ends'],
			schoolTerms(school.date).map((t) => [t.term, t.half, t.starts, t.ends])
		)
	};
}
