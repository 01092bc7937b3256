import type { EventOf } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { getOrCreate, type SchoolState } from './state';

/** Reference data is upserted by id; a list left out of the event is left as it was. */
export function applyReference(state: SchoolState, e: EventOf<'reference:updated'>): void {
	state.dayCache.clear();
	if (e.school) {
		state.name = e.school.name;
		state.timezone = e.school.timezone;
		// `school.trustId` is not the school's trust: only an operator sets that (`school:trust-set`).
	}
	if (e.settings) state.settings = { ...state.settings, ...e.settings };
	for (const entry of e.timetable ?? []) state.timetable.set(entry.id, entry);
	for (const x of e.exemptions ?? []) getOrCreate(state.exemptions, x.date, () => new Map()).set(x.lessonId, x);
	if (e.periods) state.periods = [...e.periods].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
	for (const room of e.rooms ?? []) state.rooms.set(room.id, room);
	for (const student of e.students ?? []) state.students.set(student.id, student);
	for (const member of e.staff ?? []) state.staff.set(member.id, member);
	for (const r of e.reflectionRooms ?? []) state.reflectionRooms.set(r.roomId, r);
	for (const entry of e.rota ?? []) state.rota.set(entry.id, entry);
	for (const lesson of e.lessons ?? []) {
		const previous = state.lessons.get(lesson.id);
		if (previous) state.lessonsByDate.get(localDate(Date.parse(previous.startsAt), state.timezone))?.delete(lesson.id);
		state.lessons.set(lesson.id, lesson);
		getOrCreate(state.lessonsByDate, localDate(Date.parse(lesson.startsAt), state.timezone), () => new Set()).add(lesson.id);
	}
}
