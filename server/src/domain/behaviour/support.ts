import type { SupportItem } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import { studentRef } from '../school/refs';
import type { SchoolState } from '../school/state';

const DAY = 86_400_000;

/** The local dates from Monday of this week to `today`. */
function weekSoFar(today: string): string[] {
	const t = Date.parse(`${today}T12:00:00Z`);
	const weekday = new Date(t).getUTCDay() || 7;
	return Array.from({ length: weekday }, (_, i) => new Date(t - (weekday - 1 - i) * DAY).toISOString().slice(0, 10));
}

/**
 * Students who need support: N or more negative behaviour events today, M or more this week,
 * or a repeat Reflection Room booking this week (thresholds are settings).
 */
export function supportView(state: SchoolState, now: number, only?: ReadonlySet<string>): SupportItem[] {
	const { supportNegativeToday, supportNegativeWeek, supportReflectionWeek } = state.settings;
	const today = localDate(now, state.timezone);
	const week = weekSoFar(today);
	// A frame asks for the few students an event named: only theirs are counted.
	const counted = (id: string) => only === undefined || only.has(id);
	const negativeWeek = new Map<string, number>();
	for (const date of week) {
		const day = state.studentNegatives.get(date);
		if (!day) continue;
		if (only && only.size < day.size) {
			for (const id of only) {
				const n = day.get(id);
				if (n !== undefined) negativeWeek.set(id, (negativeWeek.get(id) ?? 0) + n);
			}
		} else for (const [id, n] of day) if (counted(id)) negativeWeek.set(id, (negativeWeek.get(id) ?? 0) + n);
	}
	const reflectionWeek = new Map<string, number>();
	const weekStart = week[0] ?? today;
	for (const b of state.bookings.values()) {
		if (!counted(b.studentId)) continue;
		const date = localDate(b.startsAt, state.timezone);
		if (date >= weekStart && date <= today) reflectionWeek.set(b.studentId, (reflectionWeek.get(b.studentId) ?? 0) + 1);
	}
	const items: SupportItem[] = [];
	for (const id of only ?? new Set([...negativeWeek.keys(), ...reflectionWeek.keys()])) {
		const counts = {
			negativeToday: state.studentNegatives.get(today)?.get(id) ?? 0,
			negativeWeek: negativeWeek.get(id) ?? 0,
			reflectionWeek: reflectionWeek.get(id) ?? 0
		};
		const reasons: SupportItem['reasons'] = [];
		if (counts.negativeToday >= supportNegativeToday) reasons.push('negative_today');
		if (counts.negativeWeek >= supportNegativeWeek) reasons.push('negative_week');
		if (counts.reflectionWeek >= supportReflectionWeek) reasons.push('reflection_repeat');
		if (reasons.length > 0) items.push({ id, student: studentRef(state, id), ...counts, reasons });
	}
	return items;
}
