import type { BehaviourCategory, Lesson } from '../server/protocol';
import { MINUTE, type DayScript } from './day-script';

const NEGATIVE: readonly (readonly [BehaviourCategory, number])[] = [
	['disruption', 30],
	['defiance', 10],
	['refusal', 8],
	['uniform', 10],
	['phone', 12],
	['lateness', 10],
	['language', 8],
	['out_of_lesson', 5],
	['fighting', 2],
	['bullying', 1.5],
	['damage', 1.5]
];
const POSITIVE: readonly (readonly [BehaviourCategory, number])[] = [
	['praise', 40],
	['effort', 30],
	['kindness', 15],
	['achievement', 15]
];
const SEVERITY: Partial<Record<BehaviourCategory, number>> = {
	fighting: 5,
	bullying: 4,
	damage: 4,
	defiance: 3,
	refusal: 3,
	language: 3,
	out_of_lesson: 2
};

/**
 * Behaviour through the day: in lessons (a few rooms and classes run hot, as in every
 * school), and at break and lunch in the yard, canteen and corridors.
 */
export function playBehaviour(script: DayScript): void {
	const { rng, school } = script;
	const hotRooms = new Set(rng.sample(school.teachingRooms, 5).map((r) => r.id));
	const hotForms = new Set(rng.sample([...school.forms.keys()], 4));
	// A few students in the hot forms account for much of the trouble, as in any school.
	const regulars = new Set([...hotForms].flatMap((form) => rng.sample(school.forms.get(form) ?? [], 3).map((s) => s.id)));

	const record = (at: number, locationId: string, studentIds: string[], staffId: string, positive: boolean) => {
		const category = positive ? rng.weighted(POSITIVE) : rng.weighted(NEGATIVE);
		const severity = positive ? 1 : (SEVERITY[category] ?? rng.int(1, 2));
		const ids = category === 'fighting' && studentIds.length < 2 ? [...studentIds, ...rng.sample(school.students, 1).map((s) => s.id)] : studentIds;
		script.emit(at, {
			type: 'behaviour:recorded',
			polarity: positive ? 'positive' : 'negative',
			category,
			severity,
			points: positive ? rng.int(1, 3) : -severity,
			locationId,
			studentIds: ids,
			staffId
		});
	};

	for (const lesson of school.lessons) {
		const form = lesson.classId.split('/')[0] ?? '';
		const heat = (hotRooms.has(lesson.roomId) ? 3 : 1) * (hotForms.has(form) ? 2 : 1);
		const count = Math.round(rng.next() * 2.2 * heat);
		const inClass = lesson.studentIds.filter((id) => regulars.has(id));
		for (let i = 0; i < count; i++) {
			const positive = rng.chance(0.3);
			const students = !positive && inClass.length > 0 && rng.chance(0.6) ? [rng.pick(inClass)] : pickStudents(script, lesson);
			record(timeIn(script, lesson), lesson.roomId, students, lesson.staffId, positive);
		}
	}

	for (const periodId of ['BREAK', 'LUNCH']) {
		const p = script.period(periodId);
		const count = periodId === 'LUNCH' ? rng.int(18, 30) : rng.int(10, 18);
		for (let i = 0; i < count; i++) {
			const at = p.start + rng.next() * (p.end - p.start);
			const students = rng.sample(school.students, rng.chance(0.2) ? 2 : 1).map((s) => s.id);
			record(at, rng.pick(school.socialRooms).id, students, rng.pick(school.responders).id, rng.chance(0.15));
		}
	}
}

function timeIn(script: DayScript, lesson: Lesson): number {
	const start = Date.parse(lesson.startsAt);
	const end = Date.parse(lesson.endsAt);
	// Trouble clusters at the start of a lesson, as classes settle.
	const t = script.rng.chance(0.4) ? script.rng.next() * 0.25 : script.rng.next();
	return Math.min(end - MINUTE, start + t * (end - start));
}

function pickStudents(script: DayScript, lesson: Lesson): string[] {
	const n = script.rng.weighted([
		[1, 80],
		[2, 15],
		[3, 5]
	] as const);
	return script.rng.sample(lesson.studentIds, n);
}
