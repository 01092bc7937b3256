import {
	DEFAULT_MINUTES_LATE_TEMPLATE,
	fillTemplate,
	type EventOf,
	type LateLetter,
	type LetterKind,
	type LetterTemplate,
	type MinutesLateStudent
} from '../../../protocol';
import { getOrCreate, type SchoolState } from '../school/state';

export function applyTemplateSet(state: SchoolState, e: EventOf<'attendance:template-set'>): void {
	state.letterTemplates.set(e.kind, e);
}

export function applyLetterSent(state: SchoolState, e: EventOf<'attendance:letter-sent'>): void {
	const sent = getOrCreate(state.lettersSent, e.studentId, () => []);
	if (!sent.some((s) => s.letterId === e.letterId)) sent.push(e);
}

const DEFAULTS: Record<LetterKind, string> = { minutes_late: DEFAULT_MINUTES_LATE_TEMPLATE };

/** Who did something, as the desk shows it: the person's name when Lookout knows them. */
export function personName(state: SchoolState, userId: string): string {
	return state.access.users.get(userId)?.displayName ?? userId;
}

/** The school's wording of a letter, or Lookout's until it sets one. */
export function letterTemplate(state: SchoolState, kind: LetterKind): LetterTemplate {
	const set = state.letterTemplates.get(kind);
	return set ? { kind, body: set.body, setAt: set.occurredAt, setBy: personName(state, set.by) } : { kind, body: DEFAULTS[kind], setAt: null, setBy: null };
}

/** 2026-11-23 as "23 November 2026", as a letter is dated. */
export function longDate(date: string): string {
	return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A letter for each student at or over the threshold, filled in, with the letters already sent for the same range. */
export function lateLetters(
	state: SchoolState,
	students: readonly MinutesLateStudent[],
	body: string,
	range: { from: string; to: string; today: string }
): LateLetter[] {
	// The dates once for every letter: formatting a date is far dearer than filling a letter.
	const dates = { from: longDate(range.from), to: longDate(range.to), date: longDate(range.today) };
	return students
		.filter((s) => s.overThreshold)
		.map((s) => {
			const lates = s.lateL + s.lateU;
			const text = fillTemplate(body, {
				student: s.name,
				form: s.formGroup,
				from: dates.from,
				to: dates.to,
				lates: String(lates),
				minutes: String(s.minutes),
				school: state.name,
				date: dates.date
			});
			const sent = (state.lettersSent.get(s.studentId) ?? [])
				.filter((l) => l.kind === 'minutes_late' && l.from === range.from && l.to === range.to)
				.map((l) => ({ letterId: l.letterId, at: l.occurredAt, by: personName(state, l.by) }))
				.reverse();
			return { studentId: s.studentId, name: s.name, formGroup: s.formGroup, lates, minutes: s.minutes, text, sent };
		});
}
