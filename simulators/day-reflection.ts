import { MINUTE, type DayScript } from './day-script';
import type { Attendance } from './day-attendance';

/** Why the pastoral office clears a booking mid-morning: the sanction was not deserved after all. */
const CLEARED = ['Truancy mark corrected: the student was with the school nurse', 'Incident reviewed: the student was not involved'];

/**
 * The Reflection Room rota, and planned bookings from yesterday's incidents, made before school: most
 * students check in within a few minutes, some never do (no-shows), and each checks out at
 * the end of the period back to their next lesson. Before the late morning the pastoral office
 * cancels the first two bookings from Period 3 on, so those students have a clean slate.
 */
export function playReflection(script: DayScript, att: Attendance): void {
	const { rng, school } = script;
	const candidates = school.students.filter((s) => !att.absent.has(s.id) && !att.arrival.has(s.id) && !att.sentHome.has(s.id));
	const bookedBy = school.responders[0]?.id ?? 'P001';
	// The rota covers every period but one, which shows up as a booked period with nobody.
	const gap = rng.pick(['P2', 'P3', 'P4', 'P5']);
	// Supervisors are teachers free that period: Lookout would refuse to send a supervisor on a call,
	// so the on-call patrol is left to answer them.
	const responders = new Set(school.responders.map((s) => s.id));
	for (const periodId of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) {
		if (periodId === gap) continue;
		const free = school.staff.filter((s) => !responders.has(s.id) && !school.lessons.some((l) => l.periodId === periodId && l.staffId === s.id));
		const staffId = rng.pick(free.length > 0 ? free : school.responders.slice(1)).id;
		script.emit(script.at('08:10'), { type: 'reflection:supervisor-assigned', roomId: school.reflectionRoomId, date: school.date, periodId, staffId });
	}
	let n = 0;
	let cleared = 0;
	for (const student of rng.sample(candidates, rng.int(8, 12))) {
		const period = script.period(rng.pick(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']));
		const bookingId = `${school.date}-rr-${++n}`;
		script.emit(script.at('08:15') + n * MINUTE, {
			type: 'reflection:booked',
			bookingId,
			studentId: student.id,
			roomId: school.reflectionRoomId,
			periodId: period.id,
			startsAt: new Date(period.start).toISOString(),
			endsAt: new Date(period.end).toISOString(),
			reason: rng.pick(['Repeated disruption', 'Refusal to follow instructions', 'Defiance', 'Internal exclusion follow-up']),
			bookedBy
		});
		// Drawn before a booking may be cancelled, so the day's other bookings play as they would.
		const noShow = rng.chance(0.12);
		const checkedInAt = noShow ? 0 : period.start + rng.int(0, 6) * MINUTE + rng.int(0, 59_000);
		const clearing = CLEARED[cleared];
		if (clearing !== undefined && period.start >= script.at('11:00')) {
			cleared += 1;
			script.emit(script.at('10:40') + cleared * MINUTE, { type: 'reflection:cancelled', bookingId, by: bookedBy, reason: clearing });
			continue;
		}
		if (noShow) continue;
		script.emit(checkedInAt, { type: 'reflection:checked-in', bookingId });
		const next = school.lessons.find((l) => l.studentIds.includes(student.id) && Date.parse(l.startsAt) >= period.end);
		script.emit(period.end, { type: 'reflection:checked-out', bookingId, ...(next ? { returnsTo: next.id } : {}) });
	}
}
