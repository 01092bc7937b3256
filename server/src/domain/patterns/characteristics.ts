import type { CharacteristicRow, Student } from '../../../protocol';
import type { Fact } from './facts';

/** Groups of fewer students than this are suppressed, and no count below it is given. */
export const SUPPRESS_BELOW = 5;

const SEND_GROUPS: [string, string][] = [
	['none', 'No SEND'],
	['sen_support', 'SEN support'],
	['ehcp', 'EHC plan']
];
const FSM_GROUPS: [string, string][] = [
	['fsm', 'FSM'],
	['not_fsm', 'Not FSM'],
	['unknown', 'FSM not recorded']
];

export const sendOf = (s: Student): string => s.flags?.send ?? (s.flags?.sen ? 'sen_support' : 'none');
export const fsmOf = (s: Student): string => (s.flags?.fsm === undefined ? 'unknown' : s.flags.fsm ? 'fsm' : 'not_fsm');

/** A count of 1 to 4 could point at a child: it is blanked. Zero says nothing about anyone. */
const shown = (n: number): number | null => (n > 0 && n < SUPPRESS_BELOW ? null : n);

/**
 * Negative events and removals this half term by SEND and by FSM, in aggregate only: a group of
 * fewer than five students is suppressed whole and any count from 1 to 4 is blanked.
 */
export function characteristicRows(students: ReadonlyMap<string, Student>, facts: readonly Fact[]): CharacteristicRow[] {
	const rows: CharacteristicRow[] = [];
	for (const [characteristic, groups, of] of [
		['send', SEND_GROUPS, sendOf],
		['fsm', FSM_GROUPS, fsmOf]
	] as const) {
		for (const [key, label] of groups) {
			const members = new Set([...students.values()].filter((s) => of(s) === key).map((s) => s.id));
			if (key === 'unknown' && members.size === 0) continue;
			let negative = 0;
			let removals = 0;
			const removed = new Set<string>();
			for (const f of facts) {
				const named = f.studentIds.filter((id) => members.has(id));
				if (f.kind === 'negative') negative += named.length;
				if (f.kind === 'removals') {
					removals += named.length;
					for (const id of named) removed.add(id);
				}
			}
			const suppressed = members.size < SUPPRESS_BELOW;
			rows.push({
				characteristic,
				key,
				label,
				students: suppressed ? null : members.size,
				suppressed,
				thisHalf: suppressed
					? { negative: null, removals: null, pupilsRemoved: null }
					: { negative: shown(negative), removals: shown(removals), pupilsRemoved: shown(removed.size) },
				removalsPer100: suppressed || shown(removals) === null ? null : Math.round((removals / members.size) * 1000) / 10
			});
		}
	}
	return rows;
}
