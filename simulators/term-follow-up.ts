import { ATTENDANCE_CODES, zonedInstant, type CallOutcome, type InterventionType } from '../server/protocol';
import { Random } from './random';
import { planSuspensions } from './term-suspensions';
import { TIMEZONE } from './school';
import type { TermMark, TermStudent } from './term-attendance';

/** One thing a member of staff did on the desk: a POST to `path`, made when the school's clock read `at`. */
export interface FollowUpStep {
	at: number;
	path: string;
	body: Record<string, unknown>;
}

export interface FollowUpInput {
	students: readonly TermStudent[];
	/** How many contacts each student's family has (`contacts.csv`), in the order they are called. */
	contacts: ReadonlyMap<string, number>;
	/** The term as simulated (`simulateTerm`): unexplained absences still carry `wasUnexplained`. */
	marks: readonly TermMark[];
	/** The demo's today: everything planned happened on school days before it. */
	asOf: string;
	seed: number;
}

/** School days of first-day calls before today, and students rung each day. */
const CALL_DAYS = 10;
const CALLS_A_DAY = 6;
/** Past weeks whose RAG reports went to every tutor. */
const RAG_WEEKS = 3;
const LETTERS = 4;
const LATE_LETTER_MINUTES = 60;
const INTERVENTION_STUDENTS = 6;

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const at = (date: string, time: string) => Date.parse(zonedInstant(date, time, TIMEZONE));
const clockTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const ILLNESS_REASONS = [
	'Unwell overnight, a temperature; back when clear',
	'Sickness bug, mother keeping her at home for 48 hours',
	'Bad cold and a cough, will be in tomorrow',
	'Migraine, at home with grandmother'
];
const OUTCOMES: Partial<Record<InterventionType, readonly string[]>> = {
	letter_1: ['Letter 1 sent; mother rang back about mornings', 'Letter 1 sent; no reply yet', 'Letter 1 sent; father says Mondays are hard'],
	parental_meeting: [
		'Met mother with the Head of Year; agreed a morning routine and a weekly check-in',
		'Parents came in; anxiety about PE raised, referred to the school nurse',
		'Meeting held; mother to ring in by 08:30 on any day off'
	],
	attendance_contract: ['Contract signed: 95% for six weeks, reviewed fortnightly', 'Contract agreed with a daily report card to the tutor'],
	home_visit: ['Home visit with the EWO; student seen, at home with no reason given', 'Visited; nobody answered, card left'],
	la_referral: ['Referred to the local authority attendance service; EWO case opened']
};
const LADDER: readonly InterventionType[] = ['letter_1', 'parental_meeting', 'attendance_contract', 'home_visit'];

function schoolDaysBefore(marks: readonly TermMark[], asOf: string): string[] {
	return [...new Set(marks.filter((m) => m.date < asOf).map((m) => m.date))].sort();
}

/**
 * First-day calls on the last school days: students marked N at the register (those with
 * interventions first, as the team knows them), their contacts rung in order until one answers.
 */
function calls(input: FollowUpInput, rng: Random, days: readonly string[], known: ReadonlySet<string>): FollowUpStep[] {
	const steps: FollowUpStep[] = [];
	for (const date of days.slice(-CALL_DAYS)) {
		const unexplained = input.marks.filter((m) => m.date === date && m.session === 'AM' && m.wasUnexplained);
		const first = unexplained.filter((m) => known.has(m.studentId));
		const rest = rng.sample(
			unexplained.filter((m) => !known.has(m.studentId)),
			Math.max(CALLS_A_DAY - first.length, 0)
		);
		let minute = 9 * 60 + 35;
		for (const mark of [...first, ...rest]) {
			const contacts = input.contacts.get(mark.studentId) ?? 0;
			for (let contactIndex = 0; contactIndex < contacts; contactIndex++) {
				const outcome = rng.weighted<CallOutcome>([
					['reached', 55],
					['voicemail', 20],
					['no_answer', 20],
					['wrong_number', 5]
				]);
				minute += rng.int(2, 6);
				const reason = outcome === 'reached' && mark.code === 'I' ? { reason: rng.pick(ILLNESS_REASONS) } : {};
				const callId = `${date}-${mark.studentId}-${contactIndex}`;
				steps.push({
					at: at(date, clockTime(minute)),
					path: 'attendance/calls',
					body: { callId, studentId: mark.studentId, contactIndex, outcome, ...reason }
				});
				if (outcome === 'reached') break;
			}
		}
	}
	return steps;
}

/** Letters home for the latest students over the four weeks to last Friday, sent that afternoon. */
function letters(input: FollowUpInput, days: readonly string[]): FollowUpStep[] {
	const to = [...days].reverse().find((d) => d <= addDays(input.asOf, -7) && new Date(`${d}T12:00:00Z`).getUTCDay() === 5);
	if (!to) return [];
	const from = addDays(to, -27);
	const minutes = new Map<string, number>();
	for (const m of input.marks) if (m.date >= from && m.date <= to && m.minutesLate) minutes.set(m.studentId, (minutes.get(m.studentId) ?? 0) + m.minutesLate);
	return [...minutes]
		.filter(([, total]) => total >= LATE_LETTER_MINUTES)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, LETTERS)
		.map(([studentId], i) => ({
			at: at(to, clockTime(15 * 60 + 30 + i)),
			path: 'attendance/letters/sent',
			body: { studentId, kind: 'minutes_late', from, to }
		}));
}

/** Absent over possible sessions for each student, over the term before today. */
function absenceRates(input: FollowUpInput): Map<string, number> {
	const sums = new Map<string, [number, number]>();
	for (const m of input.marks) {
		if (m.date >= input.asOf) continue;
		const category = ATTENDANCE_CODES[m.code];
		const sum = sums.get(m.studentId) ?? sums.set(m.studentId, [0, 0]).get(m.studentId) ?? [0, 0];
		sum[0] += 1;
		if (category === 'authorised' || category === 'unauthorised') sum[1] += 1;
	}
	return new Map([...sums].map(([id, [possible, absent]]) => [id, absent / possible]));
}

/**
 * A handful of persistent absentees worked up the ladder a step every two weeks or so, each
 * step with its outcome and a review a fortnight on; the most absent is referred to the LA.
 */
function interventions(input: FollowUpInput, rng: Random, days: readonly string[]): FollowUpStep[] {
	const persistent = [...absenceRates(input)].filter(([, rate]) => rate >= 0.1).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const [worst] = persistent;
	if (!worst) return [];
	const chosen = [worst, ...rng.sample(persistent.slice(1), INTERVENTION_STUDENTS - 1)];
	const steps: FollowUpStep[] = [];
	chosen.forEach(([studentId], i) => {
		const ladder = studentId === worst[0] ? [...LADDER, 'la_referral' as const] : LADDER.slice(0, 2 + (i % 3));
		let day = i === 0 ? 12 : 18 + i * 4;
		for (const kind of ladder) {
			const date = days[day];
			if (date === undefined) break;
			const nextReviewOn = addDays(date, 14);
			steps.push({
				at: at(date, clockTime(14 * 60 + 45 + i * 5)),
				path: 'attendance/interventions',
				body: { interventionId: `${studentId}-${kind}-${date}`, studentId, kind, date, outcome: rng.pick(OUTCOMES[kind] ?? ['Done']), nextReviewOn }
			});
			day += rng.int(8, 12);
		}
	});
	return steps;
}

/** Every form's RAG report of the past weeks marked as sent to its tutor, on the Monday after. */
function ragSent(input: FollowUpInput, days: readonly string[]): FollowUpStep[] {
	const forms = [...new Set(input.students.map((s) => s.formGroup))].sort();
	const mondays = [...new Set(days.filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1))];
	return mondays
		.slice(-RAG_WEEKS - 1, -1)
		.flatMap((week) => forms.map((formGroup) => ({ at: at(addDays(week, 7), '08:15'), path: 'attendance/rag-sent', body: { week, formGroup } })));
}

/**
 * The desk's follow-up of a term, as the pastoral team would have done it day by day before
 * `asOf`: first-day calls, minutes-late letters, interventions for persistent absentees and
 * the weekly RAG reports sent. Deterministic for a seed; in the order it happened.
 */
export function planFollowUp(input: FollowUpInput): FollowUpStep[] {
	const rng = new Random(input.seed ^ 0xf011);
	const days = schoolDaysBefore(input.marks, input.asOf);
	const worked = interventions(input, rng, days);
	const known = new Set(worked.map((s) => String(s.body['studentId'])));
	const steps = [...calls(input, rng, days, known), ...letters(input, days), ...worked, ...ragSent(input, days), ...planSuspensions(input, days)];
	return steps.sort((a, b) => a.at - b.at);
}

export interface FollowUpTarget {
	url: string;
	schoolId: string;
	/** A signed-in member of staff's `cookie` and `x-csrf-token`. */
	headers: Record<string, string>;
	/** Moves the school's clock to the step's time first (a server on a manual clock); steps at one instant are posted together. */
	advanceTo?: (at: number) => void;
}

/** Posts the steps through the desk's routes as the member of staff signed in; throws on the first refused. */
export async function postFollowUp(target: FollowUpTarget, steps: readonly FollowUpStep[]): Promise<number> {
	const post = async (step: FollowUpStep) => {
		const res = await fetch(`${target.url}/api/v1/${step.path}?school=${target.schoolId}`, {
			method: 'POST',
			headers: { ...target.headers, 'content-type': 'application/json' },
			body: JSON.stringify(step.body)
		});
		if (!res.ok) throw new Error(`POST /api/v1/${step.path} was refused (HTTP ${res.status}): ${await res.text()}`);
	};
	for (let i = 0; i < steps.length;) {
		const when = steps[i]?.at ?? 0;
		const group = steps.slice(i).filter((s, j) => j === 0 || s.at === when);
		target.advanceTo?.(when);
		await Promise.all(group.map(post));
		i += group.length;
	}
	return steps.length;
}
