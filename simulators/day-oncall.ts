import type { Disposition, Lesson, OnCallPriority, OnCallReason, Staff } from '../server/protocol';
import { MINUTE, type DayScript } from './day-script';

const SECOND = 1_000;
const REASONS: readonly (readonly [OnCallReason, number])[] = [
	['disruption', 40],
	['refusal', 20],
	['fighting', 8],
	['out_of_lesson', 10],
	['medical', 8],
	['damage', 4],
	['safeguarding', 3],
	['other', 7]
];
const DISPOSITIONS: readonly (readonly [Disposition, number])[] = [
	['resolved_in_class', 40],
	['removed_to_reflection', 25],
	['escorted_to_pastoral', 20],
	['handed_to_slt', 8],
	['sent_home', 2],
	['unfounded', 5]
];

function priorityFor(reason: OnCallReason, roll: number): OnCallPriority {
	if (reason === 'fighting' || reason === 'safeguarding') return 'emergency';
	if (reason === 'medical') return 'urgent';
	return roll < 0.75 ? 'routine' : 'urgent';
}

/**
 * On-call requests from lessons and the loop behind each: the coordinator acknowledges
 * (usually within a minute, not always, so some calls escalate), dispatches whoever is on call
 * and free (or, failing that, a free colleague off the rota), who goes en route, arrives and
 * closes with a disposition. Now and then a second teacher calls about the same room, and the
 * server merges it; now and then a call runs long and the responder answers the welfare check.
 */
export function playOnCall(script: DayScript): void {
	const { rng, school } = script;
	const [coordinator, ...others] = school.responders as [Staff, ...Staff[]];
	const patrol = others.filter((s) => school.rota.some((r) => r.staffId === s.id && r.role === 'on_call'));
	const busyUntil = new Map<string, number>(others.map((s) => [s.id, 0]));
	const weekday = new Date(`${school.date}T12:00:00Z`).getUTCDay() || 7;
	const onCallAt = (periodId: string) =>
		new Set(school.rota.filter((r) => r.weekday === weekday && r.periodId === periodId && r.role === 'on_call').map((r) => r.staffId));

	const lessons = school.lessons.filter((l) => !l.exemption);
	const count = rng.int(16, 24);
	const raised = rng.sample(lessons, count).map((lesson) => ({ lesson, at: Date.parse(lesson.startsAt) + rng.int(3, 45) * MINUTE + rng.int(0, 59) * SECOND }));
	raised.sort((a, b) => a.at - b.at);

	for (const { lesson, at } of raised) {
		const reason = rng.weighted(REASONS);
		const requestId = `${script.school.date}-oc-${lesson.id}-${Math.round(at / SECOND) % 100_000}`;
		const call = {
			type: 'oncall:raised',
			requestId,
			locationId: lesson.roomId,
			reason,
			priority: priorityFor(reason, rng.next()),
			studentIds: rng.sample(
				lesson.studentIds,
				rng.weighted([
					[0, 20],
					[1, 60],
					[2, 20]
				] as const)
			),
			raisedBy: lesson.staffId
		} as const;
		script.emit(at, call);
		if (rng.chance(0.07)) {
			script.emit(at + rng.int(30, 120) * SECOND, { type: 'oncall:cancelled', requestId, by: lesson.staffId });
			continue;
		}
		// The teacher next door heard it too: the server merges this into the first call.
		if (rng.chance(0.08)) script.emit(at + rng.int(5, 25) * SECOND, { ...call, requestId: `${requestId}-2`, studentIds: [] });
		let t =
			at +
			rng.weighted([
				[rng.int(10, 50), 70],
				[rng.int(50, 120), 20],
				[rng.int(120, 240), 10]
			] as const) *
				SECOND;
		script.emit(t, { type: 'oncall:acknowledged', requestId, by: coordinator.id });
		const onCall = onCallAt(lesson.periodId);
		const free = (s: Staff) => (busyUntil.get(s.id) ?? 0) < t;
		const onDuty = patrol.filter((s) => onCall.has(s.id) && free(s));
		const offRota = others.filter(free);
		const responder = onDuty.length > 0 ? rng.pick(onDuty) : offRota.length > 0 ? rng.pick(offRota) : firstFree(others, busyUntil);
		t = Math.max(t + rng.int(5, 40) * SECOND, (busyUntil.get(responder.id) ?? 0) + SECOND);
		script.emit(t, { type: 'oncall:dispatched', requestId, staffId: responder.id, by: coordinator.id });
		t += rng.int(10, 40) * SECOND;
		script.emit(t, { type: 'oncall:en-route', requestId, by: responder.id });
		t += rng.int(60, 240) * SECOND;
		script.emit(t, { type: 'oncall:on-scene', requestId, by: responder.id });
		const onScene = rng.chance(0.06) ? rng.int(17, 22) : rng.int(3, 14);
		if (onScene > 16) script.emit(t + 15 * MINUTE + rng.int(10, 50) * SECOND, { type: 'oncall:welfare-confirmed', requestId, by: responder.id });
		t += onScene * MINUTE;
		const disposition = rng.weighted(DISPOSITIONS);
		script.emit(t, { type: 'oncall:closed', requestId, disposition, by: responder.id });
		busyUntil.set(responder.id, t);
		if (disposition === 'removed_to_reflection') bookRemoval(script, lesson, t, responder.id);
	}
	for (const s of others) script.emit(script.at('16:00'), { type: 'staff:status-changed', staffId: s.id, status: 'off_duty' });
}

function firstFree(staff: readonly Staff[], busyUntil: ReadonlyMap<string, number>): Staff {
	return [...staff].sort((a, b) => (busyUntil.get(a.id) ?? 0) - (busyUntil.get(b.id) ?? 0))[0] as Staff;
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
