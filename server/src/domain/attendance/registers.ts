import type { RegisterItem, RegisterStatus } from '../../../protocol';
import { derivedFor } from '../school/derived';
import { localDate } from '../calendar/local-time';
import { roomRef, staffRef } from '../school/refs';
import { keepsRegister, lessonsOn } from '../school/school-day';
import type { SchoolState } from '../school/state';

const MINUTE = 60_000;

/** Today's lessons under way or over whose register is still not taken; exams, trips and study leave never flag. */
export function registersView(state: SchoolState, now: number): RegisterItem[] {
	const { registerOverdueMinutes: overdue, registerEscalateMinutes: escalate } = state.settings;
	const items: RegisterItem[] = [];
	for (const lesson of lessonsOn(state, localDate(now, state.timezone))) {
		const start = Date.parse(lesson.startsAt);
		if (start > now || !keepsRegister(lesson) || state.registers.has(lesson.id)) continue;
		const late = now - start;
		const status: RegisterStatus = late >= escalate * MINUTE ? 'escalated' : late >= overdue * MINUTE ? 'overdue' : 'due';
		items.push({
			id: lesson.id,
			classId: lesson.classId,
			subject: lesson.subject,
			...roomRef(state, lesson.roomId),
			staff: staffRef(state, lesson.staffId),
			periodId: lesson.periodId,
			startsAt: lesson.startsAt,
			status
		});
	}
	return items;
}

/** Instants at which a register's status changes on its own. Asked on every event, so kept until a register is taken. */
export function registerDeadlines(state: SchoolState, date: string): readonly number[] {
	return derivedFor(state, 'registers', `deadlines ${date}`, () => deadlinesOf(state, date));
}

function deadlinesOf(state: SchoolState, date: string): number[] {
	const { registerOverdueMinutes: overdue, registerEscalateMinutes: escalate } = state.settings;
	const out: number[] = [];
	for (const lesson of lessonsOn(state, date)) {
		if (!keepsRegister(lesson) || state.registers.has(lesson.id)) continue;
		const start = Date.parse(lesson.startsAt);
		out.push(start, start + overdue * MINUTE, start + escalate * MINUTE);
	}
	return out;
}
