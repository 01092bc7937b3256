import type { Lesson } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { lessonsOn } from '../school/school-day';
import type { SchoolState } from '../school/state';

export type FactKind = 'negative' | 'removals' | 'bookings';

/**
 * One negative behaviour event, on-call removal or Reflection Room booking, reduced to what
 * patterns group by: the teacher is who recorded the event, raised the call or taught the lesson
 * missed; the room and subject are the lesson's (a booking's own room is the Reflection Room).
 */
export interface Fact {
	kind: FactKind;
	date: string;
	/** When it happened (a removal when the call was raised, a booking when its period starts), epoch ms. */
	at: number;
	periodId: string;
	staffId: string | null;
	roomId: string | null;
	subject: string | null;
	studentIds: readonly string[];
	/** Minutes spent in the Reflection Room (bookings only). */
	minutes: number;
	category: string | null;
}

/** The lessons of one date, found by room and period and by student and period, built once per date. */
class LessonIndex {
	readonly #byDate = new Map<string, { byRoom: Map<string, Lesson>; byPeriod: Map<string, Lesson[]> }>();
	constructor(private readonly state: SchoolState) {}

	#of(date: string) {
		let day = this.#byDate.get(date);
		if (!day) {
			day = { byRoom: new Map(), byPeriod: new Map() };
			for (const l of lessonsOn(this.state, date)) {
				day.byRoom.set(`${l.roomId}|${l.periodId}`, l);
				const list = day.byPeriod.get(l.periodId) ?? [];
				list.push(l);
				day.byPeriod.set(l.periodId, list);
			}
			this.#byDate.set(date, day);
		}
		return day;
	}
	inRoom(date: string, roomId: string, periodId: string): Lesson | undefined {
		return this.#of(date).byRoom.get(`${roomId}|${periodId}`);
	}
	ofStudent(date: string, studentId: string, periodId: string): Lesson | undefined {
		return this.#of(date)
			.byPeriod.get(periodId)
			?.find((l) => l.studentIds.includes(studentId));
	}
	byId(date: string, lessonId: string): Lesson | undefined {
		return [...this.#of(date).byPeriod.values()].flat().find((l) => l.id === lessonId) ?? this.state.lessons.get(lessonId);
	}
}

const minutesBetween = (from: number, to: number) => Math.max(0, Math.round((to - from) / 60_000));

/** Every fact dated from `from` to `to` (both included), oldest first within each kind. */
export function factsBetween(state: SchoolState, from: string, to: string): Fact[] {
	const lessons = new LessonIndex(state);
	const within = (date: string) => date >= from && date <= to;
	const facts: Fact[] = [];
	for (const { event: e, date, periodId } of state.behaviourHistory) {
		if (e.polarity !== 'negative' || !within(date)) continue;
		const lesson = lessons.inRoom(date, e.locationId, periodId);
		const base = { date, at: Date.parse(e.occurredAt), periodId, staffId: e.staffId, roomId: e.locationId, studentIds: e.studentIds, minutes: 0 };
		facts.push({ kind: 'negative', ...base, subject: lesson?.subject ?? null, category: e.category });
	}
	for (const r of state.ended.values()) {
		if (r.ended?.disposition !== 'removed_to_reflection' || !within(r.date)) continue;
		const periodId = r.periodId ?? 'outside';
		const lesson = lessons.inRoom(r.date, r.locationId, periodId);
		facts.push({
			kind: 'removals',
			date: r.date,
			at: Date.parse(r.raisedAt),
			periodId,
			staffId: r.raisedBy,
			roomId: r.locationId,
			subject: lesson?.subject ?? null,
			studentIds: r.studentIds,
			minutes: 0,
			category: r.reason
		});
	}
	for (const b of state.bookings.values()) {
		const date = localDate(b.startsAt, state.timezone);
		if (!within(date)) continue;
		const lesson = (b.lessonId ? lessons.byId(date, b.lessonId) : undefined) ?? lessons.ofStudent(date, b.studentId, b.periodId);
		const checkedIn = b.checkedInAt ? Date.parse(b.checkedInAt) : null;
		const minutes = checkedIn === null ? 0 : minutesBetween(checkedIn, b.checkedOutAt ? Date.parse(b.checkedOutAt) : b.endsAt);
		facts.push({
			kind: 'bookings',
			date,
			at: b.startsAt,
			periodId: b.periodId,
			staffId: lesson?.staffId ?? null,
			roomId: lesson?.roomId ?? null,
			subject: lesson?.subject ?? null,
			studentIds: [b.studentId],
			minutes,
			category: null
		});
	}
	return facts;
}
