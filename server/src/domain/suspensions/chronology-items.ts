import { SUSPENSION_REASON_LABELS, WITHDRAWAL_REASON_LABELS, type ChronologyItem } from '../../../protocol';
import { localDate } from '../calendar/local-time';
import type { SchoolState, SuspensionFact } from '../school/state';

const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** 2026-11-18 as "Wed 18 Nov". */
const dayOf = (date: string) => DAY.format(new Date(`${date}T12:00:00Z`));

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function what(f: SuspensionFact): string {
	const r = f.recorded;
	const kind = r.kind === 'permanent_exclusion' ? 'Permanent exclusion' : r.lunchtime ? 'Lunchtime suspension' : 'Suspension';
	return f.withdrawn ? `${kind} (withdrawn)` : f.amendments.length > 0 ? `${kind} (amended)` : kind;
}

/** Its period as it stands (corrected when amended), its length and its reasons. */
function period(f: SuspensionFact): string {
	const r = f.recorded;
	const first = f.halfDays[0] ?? r.starts.date;
	const last = f.halfDays.at(-1) ?? first;
	const from = `${dayOf(first)}${!r.lunchtime && r.starts.session === 'PM' ? ' PM' : ''}`;
	const span = first === last ? from : `${from} to ${dayOf(last)}`;
	const reasons = r.reasons.map((code) => `${code} ${SUSPENSION_REASON_LABELS[code]}`).join('; ');
	return `${span} (${days(f.halfDays.length / 2)}); ${reasons}`;
}

/**
 * A student's suspensions and exclusions as lines of their chronology, on the day each starts (as
 * corrected): a withdrawn one is kept, marked withdrawn with who, when and why, and an amended one
 * carries its corrected dates and what was corrected.
 */
export function suspensionChronologyItems(state: SchoolState, studentId: string, nameOf: (id: string) => string): ChronologyItem[] {
	const items: ChronologyItem[] = [];
	const on = (at: string) => dayOf(localDate(Date.parse(at), state.timezone));
	for (const f of state.suspensions.values()) {
		if (f.recorded.studentId !== studentId) continue;
		const notes = [period(f)];
		const last = f.amendments.at(-1);
		if (last) notes.push(`amended ${on(last.occurredAt)} by ${nameOf(last.by)}${last.why ? `: ${last.why}` : ''}`);
		const w = f.withdrawn;
		if (w) notes.unshift(`Withdrawn ${on(w.occurredAt)} by ${nameOf(w.by)}: ${WITHDRAWAL_REASON_LABELS[w.reason]}${w.note ? ` (${w.note})` : ''}. It was`);
		items.push({
			date: f.recorded.starts.date,
			time: null,
			kind: 'suspension',
			what: what(f),
			detail: w ? `${notes[0]} ${notes.slice(1).join('; ')}` : notes.join('; '),
			staff: nameOf(f.recorded.by),
			...(w ? { status: 'withdrawn' as const } : last ? { status: 'amended' as const } : {})
		});
	}
	return items;
}
