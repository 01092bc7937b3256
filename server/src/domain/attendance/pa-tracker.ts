import type { EventOf, Intervention, PaReport, PaStatus, PaStudent, WeekRate } from '../../../protocol';
import { addDays, mondayOf } from '../calendar/dates';
import { halfTermOf, schoolDaysAfter, schoolYearOf, termOf, termToDate, yearToDate } from '../calendar/terms';
import type { SchoolState } from '../school/state';
import { figuresOf } from './pa-figures';
import { absenceRate, addCode, attendanceRate, emptyTally, ENGLAND_THRESHOLDS, persistenceOf, sessionTallies, type Tally } from './tally';

/** One student's tally from `from` to `to`, both included: a walk over those days only. */
export function studentTally(state: SchoolState, studentId: string, from: string, to: string): Tally {
	const tally = emptyTally();
	for (let day = from; day <= to; day = addDays(day, 1)) {
		const marks = state.sessionMarks.get(day)?.get(studentId);
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

/** Attendance week by week (Monday to Sunday) from the term's first week to `to`. */
export function weeklyRates(state: SchoolState, studentId: string, from: string, to: string): WeekRate[] {
	const weeks: WeekRate[] = [];
	for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
		const sunday = addDays(monday, 6);
		const tally = studentTally(state, studentId, monday < from ? from : monday, sunday < to ? sunday : to);
		weeks.push({ monday, rate: attendanceRate(tally) });
	}
	return weeks;
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
	const termTallies = sessionTallies(state, termSpan.from, termSpan.to);
	const yearTallies = sessionTallies(state, yearSpan.from, yearSpan.to);
	const halfTallies = sessionTallies(state, half.starts, half.ends < date ? half.ends : date);
	const sessionsLeft = 2 * schoolDaysAfter(year, date, term.ends);
	const students: PaStudent[] = [];
	for (const [studentId, student] of state.students) {
		const termTally = termTallies.get(studentId) ?? emptyTally();
		const yearTally = yearTallies.get(studentId) ?? emptyTally();
		const termPersistence = persistenceOf(termTally);
		const yearPersistence = persistenceOf(yearTally);
		const projected = projectedAbsence(termTally, halfTallies.get(studentId) ?? emptyTally(), sessionsLeft);
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
			weeks: weeklyRates(state, studentId, termSpan.from, termSpan.to),
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
