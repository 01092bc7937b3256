import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FloorplanFile, type Student } from '../../server/protocol';
import { familyContacts } from '../first-day-contacts';
import { Random } from '../random';
import { buildSchool, PERIODS, TIMEZONE, type SimSchool } from '../school';
import { autumnTermOf, marksAsOf, simulateTerm } from '../term-attendance';

/**
 * The simulator's school as Wonde would serve it. Each record follows the response shape that
 * docs.wonde.com ("School Data Sync", API v1.0) documents for its endpoint:
 * - employees: `GET /schools/{id}/employees?include=employment_details` (id, mis_id, title,
 *   initials, forename, surname; `employment_details.data.staff_code`);
 * - students: `GET /schools/{id}/students?include=contacts,contacts.contact_details,
 *   extended_details,year,registration` (id, upi, mis_id, forename, surname, date_of_birth; each
 *   include wrapped in `{"data": ...}`; a contact's `relationship` object with priority,
 *   parental_responsibility and lives_with_pupil; `extended_details.data.sen_status`, free_school_meals);
 * - lessons: `GET /schools/{id}/lessons?include=period,room,employee,class.students` (start_at and
 *   end_at as Wonde dates);
 * - attendance/session: `GET /schools/{id}/attendance/session?include=attendance_code` (student,
 *   session AM/PM, date, `attendance_code.data.code`), with `minutes_late` on late marks;
 * - lesson-attendance: `GET /schools/{id}/lesson-attendance?include=attendance_code` (student,
 *   lesson, code, minutes_late);
 * - behaviours and achievements: `GET /schools/{id}/behaviours?include=students,employee,behaviour_type`
 *   (incident_date, points, location, `students.data[]`), achievements alike with achievement_date;
 * - detentions: `GET /schools/{id}/detentions` (student, behaviour).
 * Every record has `created_at` and `updated_at` as Wonde dates:
 * `{"date": "2026-09-01 07:00:00.000000", "timezone_type": 3, "timezone": "Europe/London"}`.
 * Where the documentation shows a field Lookout does not read (addresses, legal names, photos),
 * a few are kept so the connector is seen to let them through.
 */

export type WondeRecord = Record<string, unknown> & { id: string; updated_at: { date: string; timezone_type: number; timezone: string } };

export interface FakeWondeSchool {
	wondeId: string;
	name: string;
	/** Lookout's view of the same school, for assertions. */
	school: SimSchool;
	students: Student[];
	endpoints: Record<string, WondeRecord[]>;
	sessionMarks: number;
}

/** The stamp of the school's data as first loaded. */
export const LOADED_AT = '2026-09-01 07:00:00.000000';

export const wondeDate = (date: string, timezone = TIMEZONE) => ({ date, timezone_type: 3, timezone });

const FLOORPLAN = fileURLToPath(new URL('../../floorplans/demo-school.geojson', import.meta.url));
const SIXTH_FORM = ['12A', '12B', '12C', '12D', '12E', '13A', '13B', '13C', '13D', '13E'];

/**
 * 1,200 students of Years 7-11 from the simulator, and a sixth form of 300 (unless `sixthForm` is
 * false: the simulated day has no lessons for it), with a term of session marks to `date`. The
 * lessons are the week of `date`, each with the id the simulator's registers name (`slot:date`).
 */
export async function fakeWondeSchool(
	options: { date?: string; seed?: number; wondeId?: string; schoolId?: string; sixthForm?: boolean } = {}
): Promise<FakeWondeSchool> {
	const date = options.date ?? '2026-11-23';
	const seed = options.seed ?? 7;
	const plan = FloorplanFile.parse(JSON.parse(await readFile(FLOORPLAN, 'utf8')));
	const school = buildSchool(plan, { schoolId: options.schoolId ?? 'wonde-school', seed, date });
	const rng = new Random(seed ^ 0x5eed);
	const students = [...school.students];
	for (const form of options.sixthForm === false ? [] : SIXTH_FORM) {
		for (let i = 0; i < 30; i++) {
			const template = students[rng.int(0, school.students.length - 1)] as Student;
			students.push({
				id: `STU${String(students.length + 1).padStart(5, '0')}`,
				givenName: template.givenName,
				familyName: template.familyName,
				yearGroup: Number(form.slice(0, 2)),
				formGroup: form
			});
		}
	}
	const wondeOf = new Map(students.map((s, i) => [s.id, `A${String(1_000_000_000 + i)}`]));
	const staffWonde = new Map(school.staff.map((s, i) => [s.id, `B${String(2_000_000_000 + i)}`]));
	const stamped = (id: string, at = LOADED_AT) => ({ id, created_at: wondeDate(LOADED_AT), updated_at: wondeDate(at) });

	const employees: WondeRecord[] = school.staff.map((s) => ({
		...stamped(staffWonde.get(s.id) as string),
		upi: `upi-${s.id}`,
		mis_id: s.id,
		title: s.title,
		initials: `${s.givenName[0]}${s.familyName[0]}`,
		forename: s.givenName,
		surname: s.familyName,
		legal_surname: s.familyName,
		employment_details: { data: { staff_code: s.code, teaching_staff: true } }
	}));

	const contacts = familyContacts({ ...school, students });
	const contactsOf = new Map<string, typeof contacts>();
	for (const c of contacts) contactsOf.set(c.studentId, [...(contactsOf.get(c.studentId) ?? []), c]);
	const studentRecords: WondeRecord[] = students.map((s, i) => ({
		...stamped(wondeOf.get(s.id) as string),
		upi: `upi-${s.id}`,
		mis_id: s.id,
		initials: `${s.givenName[0]}${s.familyName[0]}`,
		forename: s.givenName,
		surname: s.familyName,
		legal_forename: s.givenName,
		legal_surname: s.familyName,
		gender: i % 2 ? 'FEMALE' : 'MALE',
		date_of_birth: wondeDate(`${2026 - s.yearGroup - 5}-0${(i % 9) + 1}-1${i % 9} 00:00:00.000000`),
		year: { data: { id: `Y${s.yearGroup}`, code: String(s.yearGroup), name: `Year ${s.yearGroup}`, description: `Year ${s.yearGroup}` } },
		registration: { data: { id: `R${s.formGroup}`, name: s.formGroup, description: `Form ${s.formGroup}` } },
		extended_details: { data: { sen_status: i % 11 === 0 ? 'K' : i % 97 === 0 ? 'E' : 'N', free_school_meals: i % 4 === 0, ethnicity: 'NOBT' } },
		contacts: {
			data: (contactsOf.get(s.id) ?? []).map((c, n) => {
				const [forename, ...rest] = c.name.split(' ');
				return {
					id: `C${wondeOf.get(s.id)?.slice(1)}${n}`,
					title: null,
					forename,
					surname: rest.join(' '),
					relationship: {
						relationship: c.relationship,
						priority: c.priority,
						parental_responsibility: c.parentalResponsibility,
						lives_with_pupil: c.livesWith,
						bill_payer: false
					},
					contact_details: {
						data: {
							emails: { email: c.email ?? null, primary: c.email ?? null },
							telephones: { primary: c.phones[0] ?? null, mobile: c.phones[0] ?? null, home: c.phones[1] ?? null, work: null },
							addresses: { home: { address_line_1: '1 High Street', town: 'Northfield', postcode: 'NF1 1AA' } }
						}
					}
				};
			})
		}
	}));

	const weekday = (d: string) => ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
	const monday = new Date(Date.parse(`${date}T12:00:00Z`) - (weekday(date) - 1) * 86_400_000).toISOString().slice(0, 10);
	const dayOf = (w: number) => new Date(Date.parse(`${monday}T12:00:00Z`) + (w - 1) * 86_400_000).toISOString().slice(0, 10);
	const lessons: WondeRecord[] = school.timetable.map((t) => {
		const day = dayOf(t.weekday);
		const found = PERIODS.find((p) => p.id === t.periodId);
		const period = found ? [found.startsAt, found.endsAt] : ['09:00', '09:50'];
		return {
			...stamped(`${t.id}:${day}`),
			start_at: wondeDate(`${day} ${period[0]}:00.000000`),
			end_at: wondeDate(`${day} ${period[1]}:00.000000`),
			alternative: false,
			period: { data: { id: `P-${t.periodId}`, name: t.periodId, start_time: period[0], end_time: period[1], day: String(t.weekday) } },
			room: { data: { id: `RM-${t.roomId}`, name: t.roomId, code: t.roomId } },
			employee: { data: { id: staffWonde.get(t.staffId) as string } },
			class: {
				data: {
					id: `CL-${t.classId}`,
					name: t.classId,
					subject: t.subject,
					description: t.subject,
					students: { data: t.studentIds.map((s) => ({ id: wondeOf.get(s) as string })) }
				}
			}
		};
	});

	const termMarks = marksAsOf(simulateTerm(students, autumnTermOf(date), seed), date);
	const session: WondeRecord[] = termMarks.map((m, i) => ({
		...stamped(`S${String(4_000_000_000 + i)}`, `${m.date} ${m.session === 'AM' ? '09:20' : '13:55'}:00.000000`),
		student: wondeOf.get(m.studentId) as string,
		session: m.session,
		date: wondeDate(`${m.date} 00:00:00.000000`),
		attendance_code: { data: { id: `AC-${m.code}`, code: m.code, description: m.code } },
		minutes_late: m.minutesLate ?? null,
		comment: null
	}));

	const yesterday = [...new Set(termMarks.map((m) => m.date))].pop() ?? date;
	const lessonAttendance: WondeRecord[] = [];
	lessons
		.filter((l) => (l.start_at as { date: string }).date.slice(0, 10) === dayOf(weekday(yesterday)) && weekday(yesterday) <= 5)
		.forEach((l) => {
			const members = ((l.class as { data: { students: { data: { id: string }[] } } }).data.students.data ?? []).map((s) => s.id);
			for (const student of members) {
				const late = rng.chance(0.03);
				lessonAttendance.push({
					...stamped(`M${String(5_000_000_000 + lessonAttendance.length)}`, `${yesterday} 16:00:00.000000`),
					lesson: l.id,
					student,
					attendance_code: { data: { code: late ? 'L' : '/' } },
					minutes_late: late ? rng.int(2, 15) : null
				});
			}
		});

	const rooms = school.teachingRooms.map((r) => r.id);
	const teachers = school.staff.map((s) => staffWonde.get(s.id) as string);
	const pupils = [...wondeOf.values()];
	const NEGATIVE = ['Disruption', 'Defiance', 'Uniform', 'Mobile phone', 'Lateness', 'Refusal to work', 'Bullying', 'Fighting', 'Damage'];
	const POSITIVE = ['Merit', 'Effort', 'Kindness', 'Achievement award'];
	const incidentOn = (n: number) => `${dayOf(1 + (n % 5))} ${String(9 + (n % 6)).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}:00.000000`;
	const behaviours: WondeRecord[] = Array.from({ length: 300 }, (_, n) => ({
		...stamped(`BH${String(6_000_000_000 + n)}`),
		mis_id: String(90_000 + n),
		type: 'NEGATIVE',
		incident_date: wondeDate(incidentOn(n)),
		behaviour_type: { data: { code: NEGATIVE[n % NEGATIVE.length], description: NEGATIVE[n % NEGATIVE.length] } },
		points: 1 + (n % 3),
		location: rooms[n % rooms.length],
		comment: 'Recorded in the MIS',
		status: 'Resolved',
		students: { data: [{ id: pupils[(n * 13) % pupils.length] as string, role: 'Perpetrator' }] },
		employee: { data: { id: teachers[n % teachers.length] as string } }
	}));
	const achievements: WondeRecord[] = Array.from({ length: 200 }, (_, n) => ({
		...stamped(`AH${String(7_000_000_000 + n)}`),
		mis_id: String(80_000 + n),
		achievement_date: wondeDate(incidentOn(n + 3)),
		achievement_type: { data: { code: POSITIVE[n % POSITIVE.length], description: POSITIVE[n % POSITIVE.length] } },
		points: 1 + (n % 2),
		location: rooms[(n * 3) % rooms.length],
		comment: 'Well done',
		students: { data: [{ id: pupils[(n * 17) % pupils.length] as string }] },
		employee: { data: { id: teachers[(n * 5) % teachers.length] as string } }
	}));
	const detentions: WondeRecord[] = behaviours.slice(0, 50).map((b, n) => ({
		...stamped(`DT${String(8_000_000_000 + n)}`),
		student: ((b.students as { data: { id: string }[] }).data[0] as { id: string }).id,
		behaviour: b.id,
		start_at: wondeDate(`${dayOf(5)} 15:20:00.000000`),
		end_at: wondeDate(`${dayOf(5)} 15:50:00.000000`),
		attended: true
	}));

	return {
		wondeId: options.wondeId ?? 'A1930499544',
		name: 'Northfield Academy',
		school,
		students,
		sessionMarks: session.length,
		endpoints: {
			employees,
			students: studentRecords,
			lessons,
			'attendance/session': session,
			'lesson-attendance': lessonAttendance,
			behaviours,
			achievements,
			detentions
		}
	};
}
