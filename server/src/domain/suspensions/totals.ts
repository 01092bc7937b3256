import type { EventOf, SuspensionTotals } from '../../../protocol';
import { schoolYearOf, termOf } from '../calendar/terms';
import type { SchoolState, SuspensionFact } from '../school/state';
import { suspensionRuns } from './consecutive';
import { halfDaysOf } from './school-days';
import { overYearLimit, reinstatement, representations, YEAR_LIMIT_DAYS, yearLimit } from './thresholds';

export interface Span {
	from: string;
	to: string;
}

/** Days of suspension (not permanent exclusion, nor withdrawn) a student has within a span: half a day for each half day. */
export function suspendedDays(facts: Iterable<SuspensionFact>, studentId: string, span: Span): number {
	let halves = 0;
	for (const f of facts) {
		if (f.recorded.studentId !== studentId || f.recorded.kind !== 'suspension' || f.withdrawn) continue;
		for (const d of f.halfDays) if (d >= span.from && d <= span.to) halves += 1;
	}
	return halves / 2;
}

/** The academic year and term a date is in, as spans of dates. */
export function yearAndTerm(state: SchoolState, date: string): { year: Span; term: Span & { name: string } } {
	const year = schoolYearOf(state.terms, date);
	const term = termOf(year, date);
	return {
		year: { from: year.halves[0]?.starts ?? date, to: year.halves.at(-1)?.ends ?? date },
		term: { from: term.starts, to: term.ends, name: term.term }
	};
}

export const studentName = (state: SchoolState, id: string) => {
	const s = state.students.get(id);
	return s ? `${s.givenName} ${s.familyName}` : id;
};

/**
 * Each student suspended or excluded in the year of `date`: their days in its term and year, the
 * thresholds, and the sixth day of their latest run of back-to-back suspensions. A withdrawn
 * suspension counts nowhere.
 */
export function suspensionTotals(state: SchoolState, date: string): SuspensionTotals[] {
	const { year, term } = yearAndTerm(state, date);
	const facts = [...state.suspensions.values()].filter((f) => !f.withdrawn);
	const inSpan = (f: SuspensionFact, span: Span) =>
		f.halfDays.some((d) => d >= span.from && d <= span.to) || (f.recorded.starts.date >= span.from && f.recorded.starts.date <= span.to);
	const students = [...new Set(facts.filter((f) => inSpan(f, year)).map((f) => f.recorded.studentId))];
	return students
		.map((studentId) => {
			const own = facts.filter((f) => f.recorded.studentId === studentId && inSpan(f, term));
			const termDays = suspendedDays(facts, studentId, term);
			const yearDays = suspendedDays(facts, studentId, year);
			const missesPublicExam = own.some((f) => f.recorded.missesPublicExam);
			const permanentlyExcluded = facts.some((f) => f.recorded.studentId === studentId && f.recorded.kind === 'permanent_exclusion' && inSpan(f, year));
			const { runs } = suspensionRuns(
				state.terms,
				facts.filter((f) => f.recorded.studentId === studentId)
			);
			const provisionFrom = runs
				.flatMap((r) => (r.provisionFrom && r.provisionFrom >= year.from && r.provisionFrom <= year.to ? [r.provisionFrom] : []))
				.at(-1);
			return {
				studentId,
				name: studentName(state, studentId),
				formGroup: state.students.get(studentId)?.formGroup ?? '',
				term: term.name,
				termDays,
				yearDays,
				missesPublicExam,
				permanentlyExcluded,
				representations: representations(termDays),
				reinstatement: reinstatement(termDays, missesPublicExam, permanentlyExcluded),
				yearLimit: yearLimit(yearDays),
				provisionFrom: provisionFrom ?? null
			};
		})
		.sort((a, b) => b.yearDays - a.yearDays || a.name.localeCompare(b.name));
}

/**
 * Why a suspension may not be given, or null: one that takes the student's academic year past 45
 * days of suspension is refused, naming `sessions` and the days left. A correction stands in for
 * the record it corrects (same `suspensionId`): only the other suspensions count as given.
 */
export function yearLimitProblem(state: SchoolState, candidate: EventOf<'suspension:recorded'>): { path: string; message: string } | null {
	if (candidate.kind !== 'suspension') return null;
	const halfDays = halfDaysOf(state.terms, candidate);
	const { year } = yearAndTerm(state, candidate.starts.date);
	const others = [...state.suspensions.values()].filter((f) => f.recorded.suspensionId !== candidate.suspensionId);
	const before = suspendedDays(others, candidate.studentId, year);
	const adding = halfDays.filter((d) => d >= year.from && d <= year.to).length / 2;
	if (!overYearLimit(before, adding)) return null;
	const left = Math.max(0, YEAR_LIMIT_DAYS - before);
	return {
		path: 'sessions',
		message: `would take the year to ${before + adding} days of suspension, over the limit of ${YEAR_LIMIT_DAYS}: ${before} already given, ${left} day(s) (${left * 2} sessions) left`
	};
}
