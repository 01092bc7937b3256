import type { EventOf, Intervention, PaReport, PaStatus, PaStudent, WeekRate } from '../../../protocol';
import { addDays, mondayOf } from '../calendar/dates';
import { halfTermOf, schoolDaysAfter, schoolYearOf, termOf, termToDate, yearToDate } from '../calendar/terms';
import type { SchoolState } from '../school/state';
import { figuresOf } from './pa-figures';
import { absenceRate, addCode, attendanceRate, emptyTally, ENGLAND_THRESHOLDS, persistenceOf, talliesOver, type Tally } from './tally';

/** One student's tally from `from` to `to`, both included: over the days the registers hold, with no date arithmetic. */
export function studentTally(state: SchoolState, studentId: string, from: string, to: string): Tally {
	const tally = emptyTally();
	for (const [day, students] of state.sessionMarks) {
		if (day < from || day > to) continue;
		const marks = students.get(studentId);
		if (marks?.AM) addCode(tally, marks.AM.code);
		if (marks?.PM) addCode(tally, marks.PM.code);
	}
	return tally;
}

/**
 * Absence at the end of the term if the rest of it goes as this half term has: the term's
 * absence so far, plus the half term's rate over the sessions left (two a school day).
 */
export function projectedAbsence(term: Tally, half: Tally, sessionsLeft: number): number | null {
	const rate = absenceRate(half) ?? absenceRate(term);
	if (rate === null) return null;
	const possible = term.possible + sessionsLeft;
	return possible === 0 ? null : (term.authorised + term.unauthorised + rate * sessionsLeft) / possible;
}

/** Interventions in the order they happened; one logged later on the same day comes after. */
const inOrder = (list: readonly EventOf<'attendance:intervention-logged'>[]) =>
	list.map((e, i) => ({ e, i })).sort((a, b) => a.e.date.localeCompare(b.e.date) || a.i - b.i);

/**
 * Each intervention with its impact, attendance in the four weeks before it and the four after
 * it (to `today`, so far). A review is overdue once its date has passed with nothing logged for
 * the student after the intervention that set it: the review is logged as what it led to.
 */
export function interventionsOf(state: SchoolState, studentId: string, today: string): Intervention[] {
	const ordered = inOrder(state.interventions.get(studentId) ?? []);
	return ordered.map(({ e }, at) => {
		const afterEnds = addDays(e.date, 28);
		return {
			interventionId: e.interventionId,
			kind: e.kind,
			date: e.date,
			by: state.staff.get(e.by)?.code ?? e.by,
			outcome: e.outcome,
			nextReviewOn: e.nextReviewOn ?? null,
			loggedAt: e.occurredAt,
			overdue: e.nextReviewOn !== undefined && e.nextReviewOn < today && at === ordered.length - 1,
			before: figuresOf(studentTally(state, studentId, addDays(e.date, -28), addDays(e.date, -1))),
			after: figuresOf(studentTally(state, studentId, addDays(e.date, 1), afterEnds < today ? afterEnds : today)),
			afterComplete: afterEnds < today
		};
	});
}

/** The weeks (Monday to Sunday) from the week of `from` to `to`, each with the registers' days from `from` to `to` in it. */
export interface MarkedWeek {
	monday: string;
	/** Each day's marks by student, as the state holds them. */
	days: SchoolState['sessionMarks'] extends Map<string, infer Day> ? Day[] : never;
}

export function markedWeeks(state: SchoolState, from: string, to: string): MarkedWeek[] {
	const weeks: (MarkedWeek & { sunday: string })[] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) weeks.push({ monday, sunday: addDays(monday, 6), days: [] });
	for (const [day, marks] of state.sessionMarks) {
		if (day < from || day > to) continue;
		weeks.find((w) => day >= w.monday && day <= w.sunday)?.days.push(marks);
	}
	return weeks.map(({ monday, days }) => ({ monday, days }));
}

/**
 * Attendance week by week (Monday to Sunday) from the term's first week to `to`. A report of
 * many students works out the weeks once and passes them in.
 */
export function weeklyRates(state: SchoolState, studentId: string, from: string, to: string, weeks = markedWeeks(state, from, to)): WeekRate[] {
	return weeks.map(({ monday, days }) => {
		const tally = emptyTally();
		for (const day of days) {
			const marks = day.get(studentId);
			if (marks?.AM) addCode(tally, marks.AM.code);
			if (marks?.PM) addCode(tally, marks.PM.code);
		}
		return { monday, rate: attendanceRate(tally) };
	});
}

const RANK: Record<PaStatus, number> = { severe: 0, persistent: 1, at_risk: 2 };

/**
 * The PA tracker on `date`: every persistent (10%+) and severe (50%+) absentee over the term or
 * the year to date, every student projected over 10% by the end of the term though neither yet,
 * and every student with an intervention logged this year, with their weeks and interventions.
 */
export function paTracker(state: SchoolState, date: string): PaReport {
	const year = schoolYearOf(state.terms, date);
	const half = halfTermOf(year, date);
	const term = termOf(year, date);
	const termSpan = termToDate(year, date);
	const yearSpan = yearToDate(year, date);
	// The term, the year and the half term in one walk over the marks; the weeks worked out once.
	const tallies = talliesOver(state, [termSpan, yearSpan, { from: half.starts, to: half.ends < date ? half.ends : date }]);
	const weeks = markedWeeks(state, termSpan.from, termSpan.to);
	const sessionsLeft = 2 * schoolDaysAfter(year, date, term.ends);
	const students: PaStudent[] = [];
	for (const [studentId, student] of state.students) {
		const [termTally = emptyTally(), yearTally = emptyTally(), halfTally = emptyTally()] = tallies.get(studentId) ?? [];
		const termPersistence = persistenceOf(termTally);
		const yearPersistence = persistenceOf(yearTally);
		const projected = projectedAbsence(termTally, halfTally, sessionsLeft);
		const worst = termPersistence === 'severe' || yearPersistence === 'severe' ? 'severe' : (termPersistence ?? yearPersistence);
		const status: PaStatus | null = worst ?? (projected !== null && projected >= ENGLAND_THRESHOLDS.persistent - 1e-9 ? 'at_risk' : null);
		const logged = (state.interventions.get(studentId) ?? []).some((e) => e.date >= yearSpan.from);
		if (status === null && !logged) continue;
		const interventions = interventionsOf(state, studentId, date);
		students.push({
			studentId,
			name: `${student.familyName}, ${student.givenName}`,
			yearGroup: student.yearGroup,
			formGroup: student.formGroup,
			status,
			term: figuresOf(termTally),
			termPersistence,
			year: figuresOf(yearTally),
			yearPersistence,
			projectedAbsenceRate: projected,
			weeks: weeklyRates(state, studentId, termSpan.from, termSpan.to, weeks),
			interventions,
			overdueReviews: interventions.filter((i) => i.overdue).length
		});
	}
	students.sort((a, b) => (a.status === null ? 3 : RANK[a.status]) - (b.status === null ? 3 : RANK[b.status]) || a.name.localeCompare(b.name));
	return {
		school: state.name,
		date,
		calendar: year.source,
		term,
		halfTerm: half,
		year: yearSpan,
		thresholds: ENGLAND_THRESHOLDS,
		students,
		counts: {
			severe: students.filter((s) => s.status === 'severe').length,
			persistent: students.filter((s) => s.status === 'severe' || s.status === 'persistent').length,
			atRisk: students.filter((s) => s.status === 'at_risk').length,
			overdueReviews: students.reduce((n, s) => n + s.overdueReviews, 0)
		}
	};
}
