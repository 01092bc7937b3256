import type { HalfTerm, Session } from '../../../protocol';
import { addDays } from '../calendar/dates';
import type { SuspensionFact } from '../school/state';
import { coveredSessions, schoolDayFrom } from './school-days';
import { PROVISION_FROM_DAY } from './thresholds';

/** A run of back-to-back suspensions: each begins the register session after the one before ends. */
export interface SuspensionRun {
	/** Its first and last school days. */
	from: string;
	to: string;
	days: number;
	/** Its sixth school day, from which the school must arrange full-time education; null for five days or fewer. */
	provisionFrom: string | null;
	suspensionIds: string[];
}

/** Where one suspension stands in its run: the first of its own days from the run's sixth, and the run's length. */
export interface RunPlace {
	provisionFrom: string | null;
	runDays: number;
}

interface Slot {
	date: string;
	session: Session;
	ids: string[];
}

/** The register session after this one: the afternoon, or the next school day's morning (weekends and holidays between do not break a run). */
const nextSession = (terms: readonly HalfTerm[], { date, session }: { date: string; session: Session }) =>
	session === 'AM' ? { date, session: 'PM' as const } : { date: schoolDayFrom(terms, addDays(date, 1)), session: 'AM' as const };

/**
 * One student's suspensions (and permanent exclusion) in runs of back-to-back sessions. The
 * guidance adds consecutive suspensions up for the sixth-day duty; lunchtimes never count (no
 * register session is missed), nor does a withdrawn suspension. `facts` are the student's own.
 */
export function suspensionRuns(terms: readonly HalfTerm[], facts: Iterable<SuspensionFact>): { runs: SuspensionRun[]; places: Map<string, RunPlace> } {
	const bySlot = new Map<string, Slot>();
	for (const f of facts) {
		if (f.withdrawn || f.recorded.lunchtime) continue;
		for (const { date, session } of coveredSessions(terms, f.recorded)) {
			const key = `${date}|${session}`;
			const slot = bySlot.get(key) ?? { date, session, ids: [] };
			slot.ids.push(f.recorded.suspensionId);
			bySlot.set(key, slot);
		}
	}
	const slots = [...bySlot.values()].sort((a, b) => a.date.localeCompare(b.date) || a.session.localeCompare(b.session));
	const groups: Slot[][] = [];
	for (const slot of slots) {
		const run = groups.at(-1);
		const last = run?.at(-1);
		const next = last && nextSession(terms, last);
		if (run && next && next.date === slot.date && next.session === slot.session) run.push(slot);
		else groups.push([slot]);
	}
	const sixth = (PROVISION_FROM_DAY - 1) * 2;
	const runs: SuspensionRun[] = [];
	const places = new Map<string, RunPlace>();
	for (const group of groups) {
		const ids = [...new Set(group.flatMap((s) => s.ids))];
		runs.push({
			from: group[0]?.date ?? '',
			to: group.at(-1)?.date ?? '',
			days: group.length / 2,
			provisionFrom: group[sixth]?.date ?? null,
			suspensionIds: ids
		});
		for (const id of ids) places.set(id, { provisionFrom: group.slice(sixth).find((s) => s.ids.includes(id))?.date ?? null, runDays: group.length / 2 });
	}
	return { runs, places };
}
