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
	/** Students the desk suspended this term, first suspended first (`suspendedIn`): the first is given a plan on return. */
	suspended?: readonly string[];
	seed: number;
}

const PLAN_STUDENTS = 5;
const TAP_STUDENTS = 3;

/** Each target with the action that works towards it, as a pastoral team writes them. */
const TARGETS: readonly [target: string, action: string][] = [
	['Settle at the start of lessons within five minutes', 'Met at the door of period 1 with a settling task ready'],
	['Use the time-out card instead of leaving the room', 'Time-out card issued and the year team told how it is used'],
	['Arrive to period 1 on time', 'Morning check-in with the Head of Year at 08:35'],
	['Bring the right equipment every day', 'Spare equipment kept in the pastoral office, signed out and back'],
	['Speak to a trusted adult when things go wrong', 'Weekly session with the learning mentor'],
	['Keep hands to yourself at break and lunch', 'Lunchtime club in the library three days a week']
];
/** Actions that go with any plan, one to each. */
const ALSO = [
	'Call home with good news every Friday',
	'Daily report card signed by each teacher, seen by the Head of Year',
	'Seat near the front in Maths and Science'
];
/** The one action a TAP meeting agrees, by meeting. */
const TAP_ACTIONS = [
	'Seating plan shared with all teachers of the class',
	'Referral to the school nurse made; lunchtime club place confirmed',
	'Early help assessment started with the family'
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
	// A student suspended this term has a plan too, so one chronology holds everything the desk does.
	const first = input.suspended?.[0];
	const others = rng.sample(
		input.students.filter((s) => s.id !== first),
		PLAN_STUDENTS + TAP_STUDENTS
	);
	const chosen = first === undefined ? others : [{ id: first }, ...others.slice(0, -1)];
	const steps: FollowUpStep[] = [];
	chosen.slice(0, PLAN_STUDENTS).forEach((student, i) => {
		const date = days[days.length - 15 + i] as string;
		const planId = `plan-${student.id}`;
		const targets = rng.sample(TARGETS, 2);
		const whats = [...targets.map(([, action]) => action), rng.pick(ALSO)];
		const actions = whats.map((what, n) => ({ actionId: `a${n + 1}`, what, owner: rng.pick(staffIds), due: addDays(date, 5 + n * 7) }));
		steps.push({
			at: at(date, '15:30'),
			path: 'plans',
			body: {
				planId,
				studentId: student.id,
				kind: i % 2 === 0 ? 'support' : 'intervention',
				targets: targets.map(([target]) => target),
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
				actions: [{ actionId: 't1', what: TAP_ACTIONS[i % TAP_ACTIONS.length], owner: rng.pick(staffIds), due: addDays(date, 7) }]
			}
		});
	});
	return steps;
}

/** The students of the suspensions among planned steps, first suspended first, each once. */
export function suspendedIn(steps: readonly FollowUpStep[]): string[] {
	const suspensions = steps.filter((s) => s.path === 'suspensions').sort((a, b) => a.at - b.at);
	return [...new Set(suspensions.map((s) => String(s.body['studentId'])))];
}
