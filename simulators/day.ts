import type { InboundEventInput } from '../server/protocol';
import { playLessonRegisters, playSessions } from './day-attendance';
import { playBehaviour } from './day-behaviour';
import { playOnCall } from './day-oncall';
import { playReflection } from './day-reflection';
import { DayScript } from './day-script';
import type { SimSchool } from './school';

/** A whole school day, deterministic for a seed (reference data goes first, as CSV files: `school-csv.ts`). */
export function simulateDay(school: SimSchool, seed: number): InboundEventInput[] {
	const script = new DayScript(school, seed);
	const attendance = playSessions(script);
	playLessonRegisters(script, attendance);
	playBehaviour(script);
	playOnCall(script);
	playReflection(script, attendance);
	return script.sorted();
}
