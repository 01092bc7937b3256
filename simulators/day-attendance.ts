import type { AttendanceCode, Mark, Student } from '../server/protocol';
import { MINUTE, type DayScript } from './day-script';

export interface Attendance {
	/** Students away all day, with their session code. */
	absent: Map<string, AttendanceCode>;
	/** Late students and when they signed in. */
	arrival: Map<string, number>;
	/** Students who go home ill at lunch. */
	sentHome: Set<string>;
}

const ABSENCE: readonly (readonly [AttendanceCode, number])[] = [
	['N', 4],
	['I', 3],
	['M', 1.5],
	['C', 1]
];

/** Session registers for both sessions, late arrivals with the office's amendments. */
export function playSessions(script: DayScript): Attendance {
	const { rng, school } = script;
	const amStart = script.at('08:40');
	const close = amStart + 30 * MINUTE;
	const att: Attendance = { absent: new Map(), arrival: new Map(), sentHome: new Set() };
	for (const s of school.students) {
		if (rng.chance(0.04)) att.absent.set(s.id, rng.weighted(ABSENCE));
		else if (rng.chance(0.05)) att.arrival.set(s.id, amStart + rng.int(6, 50) * MINUTE + rng.int(0, 59_000));
		else if (rng.chance(0.003)) att.sentHome.add(s.id);
	}

	for (const [form, members] of school.forms) {
		const takenAt = amStart + rng.int(2, 12) * MINUTE;
		const tutor = script.school.staff[rng.int(0, school.staff.length - 1)]?.id ?? 'T001';
		const mark = (s: Student): Mark => {
			const absent = att.absent.get(s.id);
			if (absent) return { studentId: s.id, code: absent };
			const arrives = att.arrival.get(s.id);
			if (arrives !== undefined && arrives > takenAt) return { studentId: s.id, code: 'N' };
			return { studentId: s.id, code: '/' };
		};
		script.emit(takenAt, { type: 'session:marked', date: school.date, session: 'AM', formGroup: form, takenBy: tutor, marks: members.map(mark) });

		const pmAt = script.at('13:25') + rng.int(1, 8) * MINUTE;
		const pm = (s: Student): Mark => {
			const absent = att.absent.get(s.id);
			if (absent) return { studentId: s.id, code: absent };
			if (att.sentHome.has(s.id)) return { studentId: s.id, code: 'I' };
			return { studentId: s.id, code: '\\' };
		};
		script.emit(pmAt, { type: 'session:marked', date: school.date, session: 'PM', formGroup: form, takenBy: tutor, marks: members.map(pm) });
	}

	const office = school.responders[0]?.id ?? 'P001';
	for (const [studentId, arrives] of att.arrival) {
		const minutesLate = Math.round((arrives - amStart) / MINUTE);
		const student = school.students.find((s) => s.id === studentId);
		script.emit(arrives, { type: 'student:arrived-late', studentId, session: 'AM', minutesLate });
		script.emit(arrives + 30_000, {
			type: 'session:marked',
			date: school.date,
			session: 'AM',
			formGroup: student?.formGroup ?? '7N',
			takenBy: office,
			marks: [{ studentId, code: arrives <= close ? 'L' : 'U', minutesLate }]
		});
	}
	return att;
}

/**
 * Lesson registers: most taken within a few minutes, some late (overdue, then cleared), a few
 * never; exam lessons keep none. A handful of students skip a lesson or two after lunch or
 * break; half are found by staff, the rest turn up at the next lesson.
 */
export function playLessonRegisters(script: DayScript, att: Attendance): void {
	const { rng, school } = script;
	const present = school.students.filter((s) => !att.absent.has(s.id) && !att.arrival.has(s.id));
	const skips = new Map<string, Set<string>>();
	for (const s of rng.sample(present, 10)) {
		const first = rng.pick(['P3', 'P4', 'P5', 'P6']);
		const periods = new Set([first]);
		if (rng.chance(0.3) && first !== 'P6') periods.add(first === 'P4' ? 'P5' : `P${Number(first.slice(1)) + 1}`);
		skips.set(s.id, periods);
	}

	for (const lesson of school.lessons) {
		if (lesson.exemption) continue;
		const start = Date.parse(lesson.startsAt);
		const roll = rng.next();
		if (roll > 0.96) continue;
		const delay = roll < 0.85 ? rng.int(1, 8) : rng.int(11, 19);
		const takenAt = start + delay * MINUTE + rng.int(0, 50_000);
		const afternoon = lesson.periodId === 'P5' || lesson.periodId === 'P6';
		const marks: Mark[] = lesson.studentIds.map((studentId) => {
			const absent = att.absent.get(studentId);
			if (absent) return { studentId, code: absent };
			if (afternoon && att.sentHome.has(studentId)) return { studentId, code: 'I' };
			const arrives = att.arrival.get(studentId);
			if (arrives !== undefined && arrives > start) {
				return arrives > takenAt ? { studentId, code: 'N' } : { studentId, code: 'L', minutesLate: Math.round((arrives - start) / MINUTE) };
			}
			if (skips.get(studentId)?.has(lesson.periodId)) return { studentId, code: 'N' };
			return { studentId, code: '/' };
		});
		script.emit(takenAt, { type: 'register:taken', lessonId: lesson.id, takenBy: lesson.staffId, marks });

		for (const m of marks) {
			if (!skips.get(m.studentId)?.has(lesson.periodId) || !rng.chance(0.5)) continue;
			const finder = rng.pick(school.responders.slice(1));
			script.emit(takenAt + rng.int(8, 25) * MINUTE, {
				type: 'student:found',
				studentId: m.studentId,
				locationId: rng.pick(school.socialRooms).id,
				by: finder.id
			});
		}
	}
}
