import { zonedInstant, type ArrivalItem, type LatenessReport, type Lesson, type Mark } from '../../../protocol';
import { lateCode, minuteOf, sessionAt, sessionOpensAt } from './attendance';
import { derivedFor } from '../school/derived';
import { localDate } from '../calendar/local-time';
import { roomRef, studentRef } from '../school/refs';
import { lessonsOn } from '../school/school-day';
import type { LateArrival, Register, SchoolState } from '../school/state';
import { byFormName } from '../school/form-order';

/** Every late arrival of a date: at the gate (signed in late) and at lessons (a mark with minutes late). */
export function lateArrivals(state: SchoolState, date: string): readonly ArrivalItem[] {
	return derivedFor(state, 'arrivals', `late arrivals ${date}`, () => walkArrivals(state, date));
}

/**
 * The items a date's walk has made, by what they were made from: a walk after one more register
 * makes only that register's items, and gives the others back as the same objects (so a frame
 * diffs them by identity). They depend on reference data too (names, rooms, periods, settings),
 * so they are kept under `school`, which a reference change forgets. Never changed once made.
 */
interface ArrivalPieces {
	gate: WeakMap<LateArrival, ArrivalItem>;
	marks: Map<string, { mark: Mark; item: ArrivalItem }>;
	lessons: Map<string, { lesson: Lesson; register: Register; items: ArrivalItem[] }>;
}

const piecesOf = (state: SchoolState, date: string): ArrivalPieces =>
	derivedFor(state, 'school', `arrival items ${date}`, () => ({ gate: new WeakMap(), marks: new Map(), lessons: new Map() }));

function walkArrivals(state: SchoolState, date: string): ArrivalItem[] {
	const pieces = piecesOf(state, date);
	const items: ArrivalItem[] = [];
	const atGate = new Set<string>();
	for (const [id, a] of state.lateArrivals.get(date) ?? []) {
		let item = pieces.gate.get(a);
		if (!item) {
			item = {
				id,
				student: studentRef(state, a.studentId),
				kind: 'session',
				session: a.session,
				minutesLate: a.minutesLate,
				code: lateCode(state, a.minutesLate),
				roomName: null,
				at: a.at
			};
			pieces.gate.set(a, item);
		}
		items.push(item);
		atGate.add(id);
	}
	// A late session mark with its minutes counts too, when nobody signed the student in.
	for (const [studentId, marks] of state.sessionMarks.get(date) ?? []) {
		for (const session of ['AM', 'PM'] as const) {
			const mark = marks[session];
			if (!mark?.minutesLate) continue;
			const id = `${studentId}:${session}`;
			if (atGate.has(id)) continue;
			const kept = pieces.marks.get(id);
			if (kept?.mark === mark) {
				items.push(kept.item);
				continue;
			}
			const opens = sessionOpensAt(state, date, session);
			const item: ArrivalItem = {
				id,
				student: studentRef(state, studentId),
				kind: 'session',
				session,
				minutesLate: mark.minutesLate,
				code: mark.code,
				roomName: null,
				at: opens ? new Date(Date.parse(zonedInstant(date, opens, state.timezone)) + mark.minutesLate * 60_000).toISOString() : `${date}T00:00:00.000Z`
			};
			pieces.marks.set(id, { mark, item });
			items.push(item);
		}
	}
	for (const lesson of lessonsOn(state, date)) {
		const register = state.registers.get(lesson.id);
		if (!register) continue;
		const kept = pieces.lessons.get(lesson.id);
		if (kept?.register === register && kept.lesson === lesson) {
			for (const item of kept.items) items.push(item);
			continue;
		}
		const made: ArrivalItem[] = [];
		for (const mark of register.marks.values()) {
			if (!mark.minutesLate) continue;
			made.push({
				id: `${mark.studentId}:${lesson.id}`,
				student: studentRef(state, mark.studentId),
				kind: 'lesson',
				session: sessionAt(state, date, minuteOf(state, lesson.startsAt)),
				minutesLate: mark.minutesLate,
				code: mark.code,
				roomName: roomRef(state, lesson.roomId).roomName,
				at: new Date(Date.parse(lesson.startsAt) + mark.minutesLate * 60_000).toISOString()
			});
		}
		pieces.lessons.set(lesson.id, { lesson, register, items: made });
		for (const item of made) items.push(item);
	}
	return items;
}

export function arrivalsView(state: SchoolState, now: number): ArrivalItem[] {
	return [...lateArrivals(state, localDate(now, state.timezone))];
}

/** Minutes late per student and per form group for a day. */
export function latenessReport(state: SchoolState, date: string): LatenessReport {
	const students = new Map<string, LatenessReport['students'][number]>();
	for (const a of lateArrivals(state, date)) {
		const row = students.get(a.student.id) ?? {
			student: a.student,
			formGroup: state.students.get(a.student.id)?.formGroup ?? '?',
			sessionMinutes: 0,
			lessonMinutes: 0,
			times: 0
		};
		if (a.kind === 'session') row.sessionMinutes += a.minutesLate;
		else row.lessonMinutes += a.minutesLate;
		row.times += 1;
		students.set(a.student.id, row);
	}
	const forms = new Map<string, LatenessReport['formGroups'][number]>();
	for (const row of students.values()) {
		const form = forms.get(row.formGroup) ?? { formGroup: row.formGroup, students: 0, times: 0, minutes: 0 };
		form.students += 1;
		form.times += row.times;
		form.minutes += row.sessionMinutes + row.lessonMinutes;
		forms.set(row.formGroup, form);
	}
	const byMinutes = (a: { sessionMinutes: number; lessonMinutes: number }) => a.sessionMinutes + a.lessonMinutes;
	return {
		date,
		students: [...students.values()].sort((a, b) => byMinutes(b) - byMinutes(a)),
		formGroups: [...forms.values()].sort((a, b) => b.minutes - a.minutes || byFormName(a.formGroup, b.formGroup))
	};
}
