import type { LatenessGroup, MinutesLateReport, MinutesLateStudent } from '../../../protocol';
import { addDays } from '../calendar/dates';
import { studentRef } from '../school/refs';
import { lessonsOn, weekdayOf } from '../school/school-day';
import type { SchoolState } from '../school/state';
import { lateLetters, letterTemplate } from './minutes-late-letters';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The longest range one report walks: a school year and a little more. */
export const MAX_RANGE_DAYS = 400;

type Tallied = Omit<MinutesLateStudent, 'overThreshold'>;

class Groups {
	readonly #groups = new Map<string, LatenessGroup & { order: number }>();
	add(key: string, label: string, order: number, minutes: number): void {
		const group = this.#groups.get(key) ?? { key, label, order, lates: 0, minutes: 0 };
		group.lates += 1;
		group.minutes += minutes;
		this.#groups.set(key, group);
	}
	list(): LatenessGroup[] {
		return [...this.#groups.values()].sort((a, b) => a.order - b.order).map(({ key, label, lates, minutes }) => ({ key, label, lates, minutes }));
	}
}

/**
 * Lateness from `from` to `to` (local dates, both included): each student's late sessions (`L`
 * before the register closed, `U` after; both are late arrivals) and their minutes, lessons a
 * register marked late, and when it happens, by weekday and by session or lesson period.
 */
export function minutesLate(state: SchoolState, from: string, to: string) {
	const students = new Map<string, Tallied>();
	const byWeekday = new Groups();
	const byPeriod = new Groups();
	const row = (studentId: string): Tallied => {
		let r = students.get(studentId);
		if (!r) {
			const s = state.students.get(studentId);
			r = {
				studentId,
				name: studentRef(state, studentId).name ?? studentId,
				yearGroup: s?.yearGroup ?? null,
				formGroup: s?.formGroup ?? '?',
				lateL: 0,
				lateU: 0,
				minutes: 0,
				lessonLates: 0,
				lessonMinutes: 0
			};
			students.set(studentId, r);
		}
		return r;
	};
	const periodOrder = (periodId: string) => state.periods.findIndex((p) => p.id === periodId);

	for (const [date, marks] of state.sessionMarks) {
		if (date < from || date > to) continue;
		const weekday = weekdayOf(date);
		for (const [studentId, sessions] of marks) {
			for (const session of ['AM', 'PM'] as const) {
				const mark = sessions[session];
				if (mark?.code !== 'L' && mark?.code !== 'U') continue;
				const minutes = mark.minutesLate ?? 0;
				const r = row(studentId);
				if (mark.code === 'L') r.lateL += 1;
				else r.lateU += 1;
				r.minutes += minutes;
				byWeekday.add(String(weekday), WEEKDAYS[weekday - 1] ?? String(weekday), weekday, minutes);
				byPeriod.add(session, `${session} registration`, session === 'AM' ? -2 : -1, minutes);
			}
		}
	}

	// Lesson registers only say how late when the school's system sends minutes with the mark.
	for (let date = from, days = 0; date <= to && days < MAX_RANGE_DAYS; date = addDays(date, 1), days += 1) {
		const weekday = weekdayOf(date);
		for (const lesson of lessonsOn(state, date)) {
			const register = state.registers.get(lesson.id);
			if (!register) continue;
			for (const mark of register.marks.values()) {
				if (mark.minutesLate === undefined) continue;
				const r = row(mark.studentId);
				r.lessonLates += 1;
				r.lessonMinutes += mark.minutesLate;
				const period = state.periods.find((p) => p.id === lesson.periodId);
				byWeekday.add(String(weekday), WEEKDAYS[weekday - 1] ?? String(weekday), weekday, mark.minutesLate);
				byPeriod.add(lesson.periodId, period?.name ?? lesson.periodId, periodOrder(lesson.periodId), mark.minutesLate);
			}
		}
	}

	const threshold = state.settings.lateLetterMinutes;
	const list: MinutesLateStudent[] = [...students.values()]
		.map((r) => ({ ...r, overThreshold: r.minutes >= threshold }))
		.sort((a, b) => b.minutes - a.minutes || b.lessonMinutes - a.lessonMinutes || a.formGroup.localeCompare(b.formGroup) || a.name.localeCompare(b.name));
	return { students: list, byWeekday: byWeekday.list(), byPeriod: byPeriod.list(), thresholdMinutes: threshold };
}

/** The minutes-late report with its letters home, dated `today`. */
export function minutesLateReport(state: SchoolState, from: string, to: string, today: string): MinutesLateReport {
	const late = minutesLate(state, from, to);
	const template = letterTemplate(state, 'minutes_late');
	return {
		school: state.name,
		timezone: state.timezone,
		from,
		to,
		today,
		...late,
		template,
		letters: lateLetters(state, late.students, template.body, { from, to, today })
	};
}
