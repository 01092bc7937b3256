import type { InboundEventInput } from '../server/protocol';
import { playLessonRegisters, playSessions } from './day-attendance';
import { playBehaviour } from './day-behaviour';
import { playOnCall } from './day-oncall';
import { playReflection } from './day-reflection';
import { DayScript } from './day-script';
import { PERIODS, TIMEZONE, type SimSchool } from './school';

/** A whole school day, deterministic for a seed: reference data first, then every feed. */
export function simulateDay(school: SimSchool, seed: number): InboundEventInput[] {
	const script = new DayScript(school, seed);
	script.emit(script.at('07:30'), {
		type: 'reference:updated',
		school: { name: school.name, timezone: TIMEZONE },
		rooms: school.rooms,
		students: school.students,
		staff: school.staff,
		periods: PERIODS,
		lessons: school.lessons,
		reflectionRooms: [{ roomId: school.reflectionRoomId, capacity: 8 }]
	});
	const attendance = playSessions(script);
	playLessonRegisters(script, attendance);
	playBehaviour(script);
	playOnCall(script);
	playReflection(script, attendance);
	return script.sorted();
}
