import type { Notification, NotifiedParty } from '../../../protocol';
import { addDays } from '../calendar/dates';
import { localDate } from '../calendar/local-time';
import type { SchoolState, SuspensionFact } from '../school/state';
import { REPRESENTATIONS_DAYS } from './thresholds';
import { schoolDayFrom } from './school-days';
import { suspendedDays, yearAndTerm } from './totals';

const PARTIES: readonly NotifiedParty[] = ['parents', 'local_authority', 'governors'];

/** The school's local date a suspension was decided (recorded) on. */
export const decidedOn = (state: SchoolState, f: SuspensionFact) => localDate(Date.parse(f.recorded.occurredAt), state.timezone);

/** The suspensions decided up to and including this one and still standing: what the school knew when it decided. */
const decidedBy = (state: SchoolState, f: SuspensionFact) =>
	[...state.suspensions.values()].filter((o) => !o.withdrawn && o.recorded.occurredAt <= f.recorded.occurredAt);

/**
 * The last day to tell each party. The guidance asks for "without delay": parents on the day of
 * the decision, the Local Authority by the end of the next school day. The governing board is
 * told by the next school day of a permanent exclusion, a missed public exam or more than five
 * days in a term; of any other suspension, by the end of the term it starts in (their termly report).
 */
export function dueDates(state: SchoolState, f: SuspensionFact, decided = decidedOn(state, f)): Record<NotifiedParty, string> {
	const nextSchoolDay = schoolDayFrom(state.terms, addDays(decided, 1));
	const { term } = yearAndTerm(state, f.recorded.starts.date);
	const urgent =
		f.recorded.kind === 'permanent_exclusion' ||
		f.recorded.missesPublicExam ||
		suspendedDays(decidedBy(state, f), f.recorded.studentId, term) > REPRESENTATIONS_DAYS;
	return { parents: decided, local_authority: nextSchoolDay, governors: urgent ? nextSchoolDay : term.to > nextSchoolDay ? term.to : nextSchoolDay };
}

/**
 * Each party with its due date, when and how it was told, and whether it is overdue on `today`.
 * A party told before the record was corrected is to be told again (`retell`), its deadline
 * counted from the correction as from a decision. Nothing is overdue of a withdrawn suspension.
 */
export function notificationsOf(state: SchoolState, f: SuspensionFact, today: string, nameOf: (id: string) => string): Notification[] {
	const due = dueDates(state, f);
	const changed = f.changedAt;
	const again = changed ? dueDates(state, f, localDate(Date.parse(changed), state.timezone)) : due;
	return PARTIES.map((who) => {
		const told = f.notified.get(who);
		const retell = changed !== null && told !== undefined && Date.parse(told.at) < Date.parse(changed);
		const by = retell ? again[who] : due[who];
		return {
			who,
			due: by,
			told: told ? { how: told.how, at: told.at, by: nameOf(told.by) } : null,
			retell,
			overdue: !f.withdrawn && (!told || retell) && today > by
		};
	});
}
