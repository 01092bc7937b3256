import type { Disposition, Lesson, OnCallPriority, OnCallReason, Staff } from '../server/protocol';
import { MINUTE, type DayScript } from './day-script';

const SECOND = 1_000;
const REASONS: readonly (readonly [OnCallReason, number])[] = [
	['disruption', 40], ['refusal', 20], ['fighting', 8], ['out_of_lesson', 10], ['medical', 8], ['damage', 4], ['safeguarding', 3], ['other', 7]
];
const DISPOSITIONS: readonly (readonly [Disposition, number])[] = [
	['resolved_in_class', 40], ['removed_to_reflection', 25], ['escorted_to_pastoral', 20], ['handed_to_slt', 8], ['sent_home', 2], ['unfounded', 5]
];

function priorityFor(reason: OnCallReason, roll: number): OnCallPriority {
	if (reason === 'fighting' || reason === 'safeguarding') return 'emergency';
	if (reason === 'medical') return 'urgent';
	return roll < 0.75 ? 'routine' : 'urgent';
}

/**
 * On-call requests from lessons and the whole loop behind each: the coordinator acknowledges
 * (usually within a minute, not always), dispatches a free responder, who goes en route,
 * arrives and closes with a disposition. Staff status follows each step.
 */
export function playOnCall(script: DayScript): void {
	const { rng, school } = script;
	const [coordinator, ...patrol] = school.responders as [Staff, ...Staff[]];
	const busyUntil = new Map<string, number>(patrol.map((s) => [s.id, 0]));
	for (const s of patrol) script.emit(script.at('08:30'), { type: 'staff:status-changed', staffId: s.id, status: 'available' });

	const lessons = school.lessons.filter((l) => !l.exemption);
	const count = rng.int(16, 24);
	const raised = rng.sample(lessons, count).map((lesson) => ({ lesson, at: Date.parse(lesson.startsAt) + rng.int(3, 45) * MINUTE + rng.int(0, 59) * SECOND }));
	raised.sort((a, b) => a.at - b.at);

	for (const { lesson, at } of raised) {
		const reason = rng.weighted(REASONS);
		const requestId = `${script.school.date}-oc-${lesson.id}-${Math.round(at / SECOND) % 100_000}`;
		script.emit(at, {
			type: 'oncall:raised',
			requestId,
			locationId: lesson.roomId,
			reason,
			priority: priorityFor(reason, rng.next()),
			studentIds: rng.sample(lesson.studentIds, rng.weighted([[0, 20], [1, 60], [2, 20]] as const)),
			raisedBy: lesson.staffId
		});
		if (rng.chance(0.07)) {
			script.emit(at + rng.int(30, 120) * SECOND, { type: 'oncall:cancelled', requestId, by: lesson.staffId });
			continue;
		}
		let t = at + rng.weighted([[rng.int(10, 50), 70], [rng.int(50, 120), 20], [rng.int(120, 240), 10]] as const) * SECOND;
		script.emit(t, { type: 'oncall:acknowledged', requestId, by: coordinator.id });
		const free = patrol.filter((s) => (busyUntil.get(s.id) ?? 0) <= t);
		const responder = free.length > 0 ? rng.pick(free) : rng.pick(patrol);
		t = Math.max(t + rng.int(5, 40) * SECOND, busyUntil.get(responder.id) ?? 0);
		script.emit(t, { type: 'oncall:dispatched', requestId, staffId: responder.id, by: coordinator.id });
		script.emit(t, { type: 'staff:status-changed', staffId: responder.id, status: 'dispatched', locationId: lesson.roomId });
		t += rng.int(10, 40) * SECOND;
		script.emit(t, { type: 'oncall:en-route', requestId, by: responder.id });
		script.emit(t, { type: 'staff:status-changed', staffId: responder.id, status: 'en_route', locationId: lesson.roomId });
		t += rng.int(60, 240) * SECOND;
		script.emit(t, { type: 'oncall:on-scene', requestId, by: responder.id });
		script.emit(t, { type: 'staff:status-changed', staffId: responder.id, status: 'on_scene', locationId: lesson.roomId });
		t += rng.int(3, 15) * MINUTE;
		const disposition = rng.weighted(DISPOSITIONS);
		script.emit(t, { type: 'oncall:closed', requestId, disposition, by: responder.id });
		script.emit(t, { type: 'staff:status-changed', staffId: responder.id, status: 'available' });
		busyUntil.set(responder.id, t);
		if (disposition === 'removed_to_reflection') bookRemoval(script, lesson, t, responder.id);
	}
}

/** A student removed from a lesson spends the rest of it in the Reflection Room. */
function bookRemoval(script: DayScript, lesson: Lesson, at: number, by: string): void {
	const { rng, school } = script;
	const studentId = rng.pick(lesson.studentIds);
	const bookingId = `${lesson.id}-rr-${studentId}`;
	const endsAt = Date.parse(lesson.endsAt);
	if (endsAt - at < 5 * MINUTE) return;
	script.emit(at, {
		type: 'reflection:booked',
		bookingId,
		studentId,
		roomId: school.reflectionRoomId,
		periodId: lesson.periodId,
		startsAt: new Date(at).toISOString(),
		endsAt: lesson.endsAt,
		reason: 'Removed from lesson',
		bookedBy: by
	});
	script.emit(at + rng.int(3, 6) * MINUTE, { type: 'reflection:checked-in', bookingId });
	script.emit(endsAt, { type: 'reflection:checked-out', bookingId });
}
