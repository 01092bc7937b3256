import type { AttendanceCode } from '../../../protocol';
import type { SchoolState } from '../school/state';
import { READINGS } from './readings';

/** Sessions by their statistical reading: what every figure on the attendance desk is made of. */
export interface Tally {
	possible: number;
	attended: number;
	authorised: number;
	unauthorised: number;
}

export const emptyTally = (): Tally => ({ possible: 0, attended: 0, authorised: 0, unauthorised: 0 });

export function addCode(tally: Tally, code: AttendanceCode): void {
	const { statistical } = READINGS[code];
	if (statistical === 'not_possible') return;
	tally.possible += 1;
	tally[statistical] += 1;
}

export function addTally(into: Tally, from: Tally): void {
	into.possible += from.possible;
	into.attended += from.attended;
	into.authorised += from.authorised;
	into.unauthorised += from.unauthorised;
}

/** Absence (authorised and unauthorised) as a share of possible sessions; null with none possible. */
export function absenceRate(tally: Tally): number | null {
	return tally.possible === 0 ? null : (tally.authorised + tally.unauthorised) / tally.possible;
}

export function attendanceRate(tally: Tally): number | null {
	return tally.possible === 0 ? null : tally.attended / tally.possible;
}

export interface PersistenceThresholds {
	/** Persistent absence: this share of possible sessions missed or more (10% in England). */
	persistent: number;
	/** Severe absence: this share or more (50% in England); severe absentees are persistent too. */
	severe: number;
}

export const ENGLAND_THRESHOLDS: PersistenceThresholds = { persistent: 0.1, severe: 0.5 };

export type Persistence = 'severe' | 'persistent' | null;

export function persistenceOf(tally: Tally, thresholds: PersistenceThresholds = ENGLAND_THRESHOLDS): Persistence {
	const rate = absenceRate(tally);
	if (rate === null) return null;
	// A small tolerance: 3 of 30 sessions is 10%, whatever the floating point makes of it.
	if (rate >= thresholds.severe - 1e-9) return 'severe';
	return rate >= thresholds.persistent - 1e-9 ? 'persistent' : null;
}

/**
 * Each student's tally of session marks from `from` to `to` (local dates, both included), from
 * every session register the log holds. Students with no mark in the range are not listed.
 */
export function sessionTallies(state: SchoolState, from: string, to: string): Map<string, Tally> {
	const tallies = new Map<string, Tally>();
	for (const [date, students] of state.sessionMarks) {
		if (date < from || date > to) continue;
		for (const [studentId, marks] of students) {
			let tally = tallies.get(studentId);
			if (!tally) tallies.set(studentId, (tally = emptyTally()));
			if (marks.AM) addCode(tally, marks.AM.code);
			if (marks.PM) addCode(tally, marks.PM.code);
		}
	}
	return tallies;
}

/**
 * Each student's tallies over several ranges at once (local dates, both included), in the order
 * of `ranges`: one walk over the marks however many ranges a report needs. A student with a mark
 * in any of the ranges has a tally for each (empty where they have none).
 */
export function talliesOver(state: SchoolState, ranges: readonly { from: string; to: string }[]): Map<string, Tally[]> {
	// The same range asked for twice (the term and the year to date, in the autumn) is walked once.
	const distinct = [...new Map(ranges.map((r) => [`${r.from}/${r.to}`, r])).values()];
	const slot = ranges.map((r) => distinct.findIndex((d) => d.from === r.from && d.to === r.to));
	const walked = new Map<string, Tally[]>();
	for (const [date, students] of state.sessionMarks) {
		const within = distinct.flatMap((r, i) => (date >= r.from && date <= r.to ? [i] : []));
		if (within.length === 0) continue;
		for (const [studentId, marks] of students) {
			let mine = walked.get(studentId);
			if (!mine) walked.set(studentId, (mine = distinct.map(emptyTally)));
			for (const i of within) {
				const tally = mine[i] as Tally;
				if (marks.AM) addCode(tally, marks.AM.code);
				if (marks.PM) addCode(tally, marks.PM.code);
			}
		}
	}
	const tallies = new Map<string, Tally[]>();
	// Each range its own tally, even where two ranges were walked as one: callers may add to them.
	for (const [studentId, mine] of walked)
		tallies.set(
			studentId,
			slot.map((i) => ({ ...(mine[i] as Tally) }))
		);
	return tallies;
}
