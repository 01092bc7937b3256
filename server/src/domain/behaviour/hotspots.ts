import type { HotspotsReport } from '../../../protocol';
import { roomRef } from '../school/refs';
import { periodsOn } from '../school/school-day';
import type { Incident, SchoolState } from '../school/state';

const WEEK = 7 * 86_400_000;
const BASELINE_WEEKS = 4;

/**
 * Is `today` well above a baseline mean? Counts of incidents are roughly Poisson, so the
 * bound is the mean plus two standard deviations (sqrt of the mean, at least 1), and a room
 * needs at least 3 to be called out at all.
 */
export function isSignificant(today: number, baseline: number): boolean {
	return today >= 3 && today > baseline + 2 * Math.sqrt(Math.max(baseline, 1));
}

function sameWeekdayBefore(date: string, weeks: number): string {
	return new Date(Date.parse(`${date}T12:00:00Z`) - weeks * WEEK).toISOString().slice(0, 10);
}

function sum<K>(incidents: readonly Incident[], key: (i: Incident) => K): Map<K, number> {
	const out = new Map<K, number>();
	for (const i of incidents) out.set(key(i), (out.get(key(i)) ?? 0) + i.weight);
	return out;
}

/** Where and when today runs hotter than the same weekday usually does. */
export function hotspotsReport(state: SchoolState, date: string): HotspotsReport {
	const today = state.incidents.get(date) ?? [];
	// A day without any incident is a day without data (a holiday, an INSET day): left out.
	const baselineDates = Array.from({ length: BASELINE_WEEKS }, (_, i) => sameWeekdayBefore(date, i + 1)).filter(
		(d) => (state.incidents.get(d)?.length ?? 0) > 0
	);
	const past = baselineDates.flatMap((d) => state.incidents.get(d) ?? []);
	const days = Math.max(baselineDates.length, 1);
	const compare = <K>(key: (i: Incident) => K) => {
		const now = sum(today, key);
		const before = sum(past, key);
		return [...new Set([...now.keys(), ...before.keys()])].map((k) => {
			const t = now.get(k) ?? 0;
			const b = (before.get(k) ?? 0) / days;
			return { key: k, today: t, baseline: Math.round(b * 10) / 10, significant: baselineDates.length > 0 && isSignificant(t, b) };
		});
	};
	const hottest = (a: { today: number; baseline: number }, b: { today: number; baseline: number }) =>
		b.today - b.baseline - (a.today - a.baseline) || b.today - a.today;
	const periods = periodsOn(state, date);
	const periodName = new Map(periods.map((p) => [p.id, p.name]));
	// In the order of the day; anything outside the periods last.
	const order = (id: string) => {
		const i = periods.findIndex((p) => p.id === id);
		return i < 0 ? periods.length : i;
	};
	return {
		date,
		baselineDates,
		rooms: compare((i) => i.roomId)
			.map(({ key, ...c }) => ({ roomId: key, ...c, roomName: roomRef(state, key).roomName, level: state.rooms.get(key)?.level ?? 0 }))
			.sort(hottest),
		periods: compare((i) => i.periodId)
			.map(({ key, ...c }) => ({ periodId: key, name: periodName.get(key) ?? key, ...c }))
			.sort((a, b) => order(a.periodId) - order(b.periodId)),
		cells: compare((i) => `${i.roomId}|${i.periodId}`)
			.map(({ key, ...c }) => {
				const [roomId = '', periodId = ''] = key.split('|');
				return { roomId, roomName: roomRef(state, roomId).roomName, periodId, ...c };
			})
			.sort(hottest),
		categories: compare((i) => i.category)
			.map(({ key, today: t, baseline }) => ({ category: key, today: t, baseline }))
			.sort((a, b) => b.today - a.today)
	};
}
