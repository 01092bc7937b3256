import type { Chronology, ChronologyItem } from '../../protocol';
import { chronology as attendanceChronology, evidenceWeeks } from './attendance/evidence-pack';
import { localMoment } from './calendar/local-time';
import { schoolYearOf, yearToDate } from './calendar/terms';
import { staffName, studentPlans } from './plans/plans';
import type { SchoolState } from './school/state';
import { suspensionChronologyItems } from './suspensions/chronology-items';

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * One student's timeline over the academic year to `today`: behaviour, on-call calls naming them,
 * Reflection Room bookings, suspensions (withdrawn ones kept, marked so; amended ones as corrected), the attendance desk's calls, letters and interventions,
 * plans and TAP meetings, oldest first, with attendance by week and what is overdue. Null for a
 * student the school does not have.
 */
export function studentChronology(state: SchoolState, studentId: string, now: number): Chronology | null {
	const student = state.students.get(studentId);
	if (!student) return null;
	const today = localMoment(now, state.timezone).date;
	const { from, to } = yearToDate(schoolYearOf(state.terms, today), today);
	const at = (iso: string | number) => {
		const { date, minute } = localMoment(typeof iso === 'number' ? iso : Date.parse(iso), state.timezone);
		return { date, time: hhmm(minute) };
	};
	const items: ChronologyItem[] = [];
	const push = (item: ChronologyItem) => {
		if (item.date >= from && item.date <= to) items.push(item);
	};
	for (const { event: e, date } of state.behaviourByStudent.get(studentId) ?? []) {
		const room = state.rooms.get(e.locationId)?.name ?? e.locationId;
		const others = e.studentIds.length > 1 ? `, with ${e.studentIds.length - 1} other(s)` : '';
		const what = `${e.polarity === 'negative' ? 'Behaviour' : 'Praise'}: ${e.category.replaceAll('_', ' ')}`;
		push({
			date,
			time: at(e.occurredAt).time,
			kind: 'behaviour',
			what,
			detail: `Severity ${e.severity}, ${e.points} points, ${room}${others}`,
			staff: staffName(state, e.staffId)
		});
	}
	for (const r of [...state.requests.values(), ...state.ended.values()]) {
		if (!r.studentIds.includes(studentId)) continue;
		const outcome = r.ended ? (r.ended.disposition ?? 'cancelled').replaceAll('_', ' ') : r.status.replaceAll('_', ' ');
		const room = state.rooms.get(r.locationId)?.name ?? r.locationId;
		push({
			...at(r.raisedAt),
			kind: 'oncall',
			what: `On-call: ${r.reason.replaceAll('_', ' ')}`,
			detail: `${room}, ${r.priority}; ${outcome}`,
			staff: staffName(state, r.raisedBy)
		});
	}
	for (const b of state.bookings.values()) {
		if (b.studentId !== studentId) continue;
		const attended = b.checkedInAt ? (b.checkedOutAt ? 'checked in and out' : 'checked in') : 'not checked in';
		push({ ...at(b.startsAt), kind: 'reflection', what: 'Reflection Room', detail: `${b.reason}; ${attended}`, staff: null });
	}
	for (const c of state.clearedBookings.values()) {
		if (c.studentId !== studentId) continue;
		push({
			...at(c.startsAt),
			kind: 'reflection',
			what: 'Reflection Room booking cleared',
			detail: `${c.bookedFor}; cleared: ${c.reason}`,
			staff: staffName(state, c.by)
		});
	}
	for (const item of suspensionChronologyItems(state, studentId, (id) => staffName(state, id))) push(item);
	for (const e of attendanceChronology(state, studentId, from, to)) {
		push({ date: e.date, time: e.time, kind: 'intervention', what: e.what, detail: e.outcome, staff: e.staff });
	}
	const { plans, tapMeetings } = studentPlans(state, studentId, today);
	for (const p of plans) {
		const what = `${p.kind === 'support' ? 'Support' : 'Intervention'} plan`;
		push({ ...at(p.recordedAt), kind: 'plan', what, detail: p.targets.join('; '), staff: p.by });
		for (const r of p.reviews) push({ date: r.date, time: null, kind: 'plan', what: `${what} reviewed`, detail: r.notes, staff: r.by });
	}
	for (const m of tapMeetings) push({ date: m.date, time: null, kind: 'tap', what: 'TAP meeting', detail: m.summary, staff: m.by });
	items.sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? ''));
	const actions = [...plans.flatMap((p) => p.actions), ...tapMeetings.flatMap((m) => m.actions)];
	const overdue = { actions: actions.filter((a) => a.overdue).length, reviews: plans.filter((p) => p.reviewOverdue).length };
	return {
		school: state.schoolId,
		date: today,
		student: { id: student.id, name: `${student.givenName} ${student.familyName}`, yearGroup: student.yearGroup, formGroup: student.formGroup },
		items,
		weeks: evidenceWeeks(state, studentId, from, to).map((w) => ({ monday: w.monday, rate: w.figures.rate })),
		plans,
		tapMeetings,
		overdue,
		staff: [...state.staff.values()].map((s) => ({ id: s.id, name: staffName(state, s.id) })).sort((a, b) => a.name.localeCompare(b.name))
	};
}
