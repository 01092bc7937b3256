import {
	levelsOf,
	unitsOf,
	zonedInstant,
	type FloorplanFile,
	type Lesson,
	type Period,
	type Room,
	type RotaEntry,
	type Staff,
	type Student,
	type TimetableEntry
} from '../server/protocol';
import { FAMILY_NAMES, GIVEN_NAMES, STAFF_TITLES } from './names';
import { Random } from './random';

export const TIMEZONE = 'Europe/London';

/** A common 11-16 day: two registrations, six 50-minute lessons, break and lunch. */
export const PERIODS: Period[] = [
	{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
	{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '09:50' },
	{ id: 'P2', name: 'Period 2', kind: 'lesson', startsAt: '09:50', endsAt: '10:40' },
	{ id: 'BREAK', name: 'Break', kind: 'break', startsAt: '10:40', endsAt: '11:00' },
	{ id: 'P3', name: 'Period 3', kind: 'lesson', startsAt: '11:00', endsAt: '11:50' },
	{ id: 'P4', name: 'Period 4', kind: 'lesson', startsAt: '11:50', endsAt: '12:40' },
	{ id: 'LUNCH', name: 'Lunch', kind: 'lunch', startsAt: '12:40', endsAt: '13:25' },
	{ id: 'PMREG', name: 'Registration', kind: 'registration', startsAt: '13:25', endsAt: '13:35' },
	{ id: 'P5', name: 'Period 5', kind: 'lesson', startsAt: '13:35', endsAt: '14:25' },
	{ id: 'P6', name: 'Period 6', kind: 'lesson', startsAt: '14:25', endsAt: '15:15' }
];

/** Timetabled rooms: department letters and a number, 01-19 downstairs and 21-39 up. */
const TEACHING = /^(S|D|M|H|A|E|L|IT|MU|DR)\d{2}$/;
const FORMS = ['N', 'O', 'R', 'T', 'H', 'F', 'I', 'E'];
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'];
const SUBJECTS: Record<string, string> = {
	E: 'English',
	M: 'Maths',
	S: 'Science',
	H: 'Humanities',
	L: 'Languages',
	IT: 'Computing',
	A: 'Art',
	D: 'Design and Technology',
	MU: 'Music',
	DR: 'Drama'
};

export interface SimSchool {
	schoolId: string;
	name: string;
	date: string;
	rooms: Room[];
	teachingRooms: Room[];
	/** Corridors, the yard and the canteen: where break and lunch happen. */
	socialRooms: Room[];
	reflectionRoomId: string;
	students: Student[];
	forms: Map<string, Student[]>;
	staff: Staff[];
	/** Pastoral and senior staff who answer on-call requests: the coordinator first, then patrol, then SLT. */
	responders: Staff[];
	/** Who is on call and which senior leader is on duty, per weekday and period. */
	rota: RotaEntry[];
	/** The weekly timetable, Monday to Friday. */
	timetable: TimetableEntry[];
	/** The date's lessons, made from the timetable as Lookout makes them (id `slot:date`). */
	lessons: Lesson[];
	/** Year 11 mock exams on the date: lessons that keep no register. */
	exams: string[];
}

function subjectOf(room: Room): string {
	const prefix = /^[A-Z]+/.exec(room.id)?.[0] ?? '';
	return SUBJECTS[prefix] ?? SUBJECTS[prefix.slice(0, 1)] ?? 'General';
}

function staffCode(given: string, family: string, taken: Set<string>): string {
	for (let n = 1; ; n++) {
		const code = `${given[0]}${family.slice(0, 2)}`.toUpperCase() + (n > 1 ? String(n) : '');
		if (!taken.has(code)) {
			taken.add(code);
			return code;
		}
	}
}

/** A seeded school of 1,200 students (Years 7-11, eight forms of 30) in the floorplan's rooms. */
export function buildSchool(plan: FloorplanFile, options: { schoolId: string; seed: number; date: string }): SimSchool {
	const rng = new Random(options.seed);
	const ordinals = new Map(levelsOf(plan).map((l) => [l.id, l.properties.ordinal]));
	const rooms: Room[] = unitsOf(plan).map((u) => ({
		id: u.id,
		name: u.properties.name,
		category: u.properties.category,
		level: ordinals.get(u.properties.level_id) ?? 0
	}));
	const reflectionRoomId = rooms.find((r) => r.id === 'RR')?.id;
	if (!reflectionRoomId) throw new Error('the floorplan has no Reflection Room (unit id RR)');
	const teachingRooms = rooms.filter((r) => TEACHING.test(r.id));
	const socialRooms = rooms.filter((r) => ['walkway', 'opentoair', 'foodservice'].includes(r.category));

	const students: Student[] = [];
	const forms = new Map<string, Student[]>();
	for (let year = 7; year <= 11; year++) {
		for (const letter of FORMS) {
			const form = `${year}${letter}`;
			const members: Student[] = [];
			for (let i = 0; i < 30; i++) {
				const student = {
					id: `STU${String(students.length + 1).padStart(5, '0')}`,
					givenName: rng.pick(GIVEN_NAMES),
					familyName: rng.pick(FAMILY_NAMES),
					yearGroup: year,
					formGroup: form
				};
				students.push(student);
				members.push(student);
			}
			forms.set(form, members);
		}
	}

	const codes = new Set<string>();
	const person = (id: string): Staff => {
		const givenName = rng.pick(GIVEN_NAMES);
		const familyName = rng.pick(FAMILY_NAMES);
		return { id, title: rng.pick(STAFF_TITLES), givenName, familyName, code: staffCode(givenName, familyName, codes) };
	};
	const teachers = teachingRooms.map((_, i) => person(`T${String(i + 1).padStart(3, '0')}`));
	// A coordinator at the console, five pastoral staff on patrol, two senior leaders.
	const bases = ['PASTORAL', 'PASTORAL', 'HOY', 'PASTORAL', 'HOY', 'PASTORAL', 'SLT-DEPUTY', 'SLT-AHT'];
	const responders = bases.map((base, i) => ({
		...person(`P${String(i + 1).padStart(3, '0')}`),
		...(rooms.some((r) => r.id === base) ? { baseRoomId: base } : {})
	}));
	const rota = dutyRota(responders);

	const timetable: TimetableEntry[] = [];
	const classes = [...forms.keys()];
	for (let weekday = 1; weekday <= 5; weekday++) {
		for (const period of PERIODS.filter((p) => p.kind === 'lesson')) {
			const roomOrder = rng.shuffle(teachingRooms.map((_, i) => i));
			classes.forEach((form, i) => {
				const roomIndex = roomOrder[i % roomOrder.length] as number;
				const room = teachingRooms[roomIndex] as Room;
				timetable.push({
					id: `${DAYS[weekday - 1]}-${period.id}-${form}`,
					weekday,
					periodId: period.id,
					roomId: room.id,
					staffId: (teachers[roomIndex] as Staff).id,
					classId: form,
					subject: subjectOf(room),
					studentIds: (forms.get(form) ?? []).map((s) => s.id)
				});
			});
		}
	}
	const weekday = new Date(`${options.date}T12:00:00Z`).getUTCDay() || 7;
	const lessons: Lesson[] = timetable
		.filter((t) => t.weekday === weekday)
		.map((t) => {
			const period = PERIODS.find((p) => p.id === t.periodId) as Period;
			return {
				...t,
				id: `${t.id}:${options.date}`,
				startsAt: zonedInstant(options.date, period.startsAt, TIMEZONE),
				endsAt: zonedInstant(options.date, period.endsAt, TIMEZONE)
			};
		});
	// Year 11 mocks: two of their first-period lessons are exams, which keep no lesson register.
	const exams = lessons.filter((l) => l.periodId === 'P1' && ['11N', '11T'].includes(l.classId)).map((l) => l.id);

	return {
		schoolId: options.schoolId,
		name: 'Northfield Academy',
		date: options.date,
		rooms,
		teachingRooms,
		socialRooms,
		reflectionRoomId,
		students,
		forms,
		staff: [...teachers, ...responders],
		responders,
		rota,
		timetable,
		lessons: lessons.map((l) => (exams.includes(l.id) ? { ...l, exemption: 'exam' as const } : l)),
		exams
	};
}

/** Two of the five patrol staff on call in every period of the week, and one of the two senior leaders. */
function dutyRota(responders: Staff[]): RotaEntry[] {
	const patrol = responders.slice(1, 6);
	const slt = responders.slice(6);
	const rota: RotaEntry[] = [];
	for (let weekday = 1; weekday <= 5; weekday++) {
		PERIODS.forEach((period, i) => {
			const on = (staff: Staff | undefined, role: RotaEntry['role']) => {
				if (staff) rota.push({ id: `${DAYS[weekday - 1]}-${period.id}-${staff.id}`, weekday, periodId: period.id, staffId: staff.id, role });
			};
			on(patrol[(i + weekday) % patrol.length], 'on_call');
			on(patrol[(i + weekday + 2) % patrol.length], 'on_call');
			on(slt[(i + weekday) % slt.length], 'slt');
		});
	}
	return rota;
}
