import type { AttendanceFigures, AttendanceGrouping, AttendanceReport, AttendanceRow, DateSpan } from '../../../protocol';
import type { SchoolState } from '../school/state';
import { absenceRate, addTally, attendanceRate, emptyTally, persistenceOf, sessionTallies, type Tally } from './tally';
import { byFormName } from '../school/form-order';

/** A group of fewer students than this would let its figures be read back to them: it is suppressed. */
export const SUPPRESS_BELOW = 5;

export function figuresOf(tally: Tally): AttendanceFigures {
	return { ...tally, rate: attendanceRate(tally), absenceRate: absenceRate(tally) };
}

interface Group {
	label: string;
	order: string;
	tally: Tally;
	students: number;
	persistent: number;
	severe: number;
}

/**
 * Attendance as the law counts it over any range: possible sessions, attended, authorised and
 * unauthorised, per student or summed per form, year group or the whole school. Persistent
 * absence counts severe absentees too. A student's own row is theirs; a group's row of fewer
 * than five students is suppressed, since a group that small is its students.
 */
export function attendanceReport(state: SchoolState, range: DateSpan, by: AttendanceGrouping): AttendanceReport {
	const tallies = sessionTallies(state, range.from, range.to);
	const nameOf = (id: string) => {
		const s = state.students.get(id);
		return s ? `${s.familyName}, ${s.givenName}` : id;
	};
	if (by === 'student') {
		const rows: AttendanceRow[] = [...tallies].map(([id, tally]) => ({
			key: id,
			label: nameOf(id),
			students: 1,
			suppressed: false,
			figures: figuresOf(tally),
			persistence: persistenceOf(tally),
			persistent: null,
			severe: null
		}));
		return { range, by, suppressBelow: SUPPRESS_BELOW, rows: rows.sort((a, b) => byFormName(a.label, b.label)) };
	}
	const groups = new Map<string, Group>();
	for (const [id, tally] of tallies) {
		const student = state.students.get(id);
		const [key, label, order] =
			by === 'school'
				? ['school', state.name || 'Whole school', '']
				: by === 'year'
					? [String(student?.yearGroup ?? '?'), student ? `Year ${student.yearGroup}` : 'Not on roll', String(student?.yearGroup ?? 99).padStart(2, '0')]
					: [
							student?.formGroup ?? '?',
							student?.formGroup ?? 'Not on roll',
							`${String(student?.yearGroup ?? 99).padStart(2, '0')} ${student?.formGroup ?? ''}`
						];
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { label, order, tally: emptyTally(), students: 0, persistent: 0, severe: 0 }));
		addTally(group.tally, tally);
		group.students += 1;
		const persistence = persistenceOf(tally);
		if (persistence !== null) group.persistent += 1;
		if (persistence === 'severe') group.severe += 1;
	}
	const rows = [...groups]
		.sort(([, a], [, b]) => a.order.localeCompare(b.order))
		.map(([key, g]): AttendanceRow => {
			const suppressed = g.students < SUPPRESS_BELOW;
			return {
				key,
				label: g.label,
				students: g.students,
				suppressed,
				figures: suppressed ? null : figuresOf(g.tally),
				persistence: null,
				persistent: suppressed ? null : g.persistent,
				severe: suppressed ? null : g.severe
			};
		});
	return { range, by, suppressBelow: SUPPRESS_BELOW, rows };
}
