import { DEFAULT_SUSPENSION_LETTER, fillSuspensionLetter, SUSPENSION_REASON_LABELS, type SuspensionReport } from '../../../protocol';
import type { SchoolState, SuspensionFact } from '../school/state';
import { studentName } from './totals';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 2026-11-23 as "23 November 2026", as a letter is dated. */
export function longDate(date: string): string {
	return LONG_DATE.format(new Date(`${date}T12:00:00Z`));
}

export function suspensionTemplate(state: SchoolState, nameOf: (id: string) => string): SuspensionReport['template'] {
	const set = state.suspensionTemplate;
	return set ? { body: set.body, setAt: set.occurredAt, setBy: nameOf(set.by) } : { body: DEFAULT_SUSPENSION_LETTER, setAt: null, setBy: null };
}

/** The parents' letter for one suspension: its period, days and reasons in the school's words. */
export function parentsLetter(state: SchoolState, f: SuspensionFact, body: string, decided: string): string {
	const r = f.recorded;
	const first = f.halfDays[0] ?? r.starts.date;
	const last = f.halfDays.at(-1) ?? first;
	const offset = r.starts.session === 'PM' ? 1 : 0;
	const startNote = r.lunchtime ? ' (lunchtime)' : offset === 1 ? ' (from the afternoon)' : '';
	const endsInMorning = !r.lunchtime && (offset + f.halfDays.length - 1) % 2 === 0;
	const endNote = r.lunchtime ? ' (lunchtime)' : endsInMorning ? ' (the morning)' : '';
	return fillSuspensionLetter(body, {
		student: studentName(state, r.studentId),
		form: state.students.get(r.studentId)?.formGroup ?? '',
		kind: r.kind === 'suspension' ? (r.lunchtime ? 'lunchtime suspension' : 'suspension') : 'permanent exclusion',
		from: `${longDate(first)}${startNote}`,
		to: `${longDate(last)}${endNote}`,
		days: String(f.halfDays.length / 2),
		reasons: r.reasons.map((code) => SUSPENSION_REASON_LABELS[code]).join('; '),
		decision_maker: r.decisionMaker,
		school: state.name,
		date: longDate(decided)
	});
}
