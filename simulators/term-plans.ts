import { zonedInstant } from '../server/protocol';
import type { FollowUpStep } from './term-follow-up';
import { Random } from './random';
import { TIMEZONE } from './school';

export interface PlansInput {
	students: readonly { id: string }[];
	/** Pastoral and senior staff who own actions and sit in meetings: the coordinator first. */
	staffIds: readonly string[];
	/** School days of the term before today, in order. */
	days: readonly string[];
	seed: number;
}

const PLAN_STUDENTS = 5;
const TAP_STUDENTS = 3;

const TARGETS = [
	'Settle at the start of lessons within five minutes',
	'Use the time-out card instead of leaving the room',
	'Arrive to period 1 on time',
	'Bring the right equipment every day',
	'Speak to a trusted adult when things go wrong'
];
const ACTIONS = [
	'Weekly check-in with the form tutor',
	'Daily report card to the Head of Year',
	'Call home with good news on Friday',
	'Seat near the front in Maths and Science',
	'Refer to the school nurse',
	'Mentoring with the learning mentor'
];
const SUMMARIES = [
	'Agreed a fresh start: a seat near the front, a time-out card and a weekly call home.',
	'Mother worried about friendships at lunch; lunchtime club offered, nurse referral agreed.',
	'Early help worker to join next time; reduced timetable for two weeks considered and not taken up.'
];

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const at = (date: string, time: string) => Date.parse(zonedInstant(date, time, TIMEZONE));

/**
 * Support and intervention plans for a few students, written through the term with actions and
 * reviews, some actions ticked off and some let slip past their dates; and TAP meetings minuted
 * with a parent or carer and an outside agency. Deterministic for a seed.
 */
export function planTermPlans(input: PlansInput): FollowUpStep[] {
	const rng = new Random(input.seed ^ 0x91a5);
	const { days, staffIds } = input;
	if (days.length < 20 || staffIds.length === 0) return [];
	const chosen = rng.sample([...input.students], PLAN_STUDENTS + TAP_STUDENTS);
	const steps: FollowUpStep[] = [];
	chosen.slice(0, PLAN_STUDENTS).forEach((student, i) => {
		const date = days[days.length - 15 + i] as string;
		const planId = `plan-${student.id}`;
		const actions = [0, 1, 2].map((n) => ({ actionId: `a${n + 1}`, what: rng.pick(ACTIONS), owner: rng.pick(staffIds), due: addDays(date, 5 + n * 7) }));
		steps.push({
			at: at(date, '15:30'),
			path: 'plans',
			body: {
				planId,
				studentId: student.id,
				kind: i % 2 === 0 ? 'support' : 'intervention',
				targets: rng.sample(TARGETS, 2),
				actions,
				reviewOn: addDays(date, 21)
			}
		});
		// The first action of most plans is done in good time; the rest are left to run on.
		if (i % 3 !== 2) steps.push({ at: at(addDays(date, 4), '16:00'), path: `plans/${planId}/actions/a1/done`, body: {} });
	});
	chosen.slice(PLAN_STUDENTS).forEach((student, i) => {
		const date = days[days.length - 10 + i * 2] as string;
		steps.push({
			at: at(date, '16:15'),
			path: 'tap-minutes',
			body: {
				meetingId: `tap-${student.id}-${date}`,
				studentId: student.id,
				date,
				attendees: [{ staffId: staffIds[0] }, { role: 'parent/carer' }, ...(i === 0 ? [{ role: 'early help worker' }] : [])],
				summary: SUMMARIES[i % SUMMARIES.length],
				actions: [{ actionId: 't1', what: rng.pick(ACTIONS), owner: rng.pick(staffIds), due: addDays(date, 7) }]
			}
		});
	});
	return steps;
}
