import type { CharacteristicRow, Student } from '../../../protocol';
import type { Fact } from './facts';
import { complementarySuppression } from './suppression';

/** Groups of fewer students than this are suppressed, and no count below it is given. */
export const SUPPRESS_BELOW = 5;

export const sendOf = (s: Student): string => s.flags?.send ?? (s.flags?.sen ? 'sen_support' : 'none');
export const fsmOf = (s: Student): string => (s.flags?.fsm === undefined ? 'unknown' : s.flags.fsm ? 'fsm' : 'not_fsm');

interface Characteristic {
	name: CharacteristicRow['characteristic'];
	groups: readonly [key: string, label: string][];
	of: (s: Student) => string;
	/** A group nobody is in that is left out rather than shown as empty. */
	omitWhenEmpty?: string;
}

/** Each breaks the whole roll into groups: any further one added here is suppressed the same way. */
export const CHARACTERISTICS: readonly Characteristic[] = [
	{
		name: 'send',
		of: sendOf,
		groups: [
			['none', 'No SEND'],
			['sen_support', 'SEN support'],
			['ehcp', 'EHC plan']
		]
	},
	{
		name: 'fsm',
		of: fsmOf,
		groups: [
			['fsm', 'FSM'],
			['not_fsm', 'Not FSM'],
			['unknown', 'FSM not recorded']
		],
		omitWhenEmpty: 'unknown'
	}
];

/** The figures each group is given, before anything is hidden. */
const MEASURES = ['students', 'negative', 'removals', 'pupilsRemoved'] as const;
type Measure = (typeof MEASURES)[number];
type Counts = Record<Measure, number>;

/** A count of 1 to 4 could point at a child. Zero says nothing about anyone. */
const small = (n: number) => n > 0 && n < SUPPRESS_BELOW;

function countsOf(members: ReadonlySet<string>, facts: readonly Fact[]): Counts {
	let negative = 0;
	let removals = 0;
	const removed = new Set<string>();
	for (const f of facts) {
		if (f.kind === 'bookings') continue;
		const named = f.studentIds.filter((id) => members.has(id));
		if (f.kind === 'negative') negative += named.length;
		else {
			removals += named.length;
			for (const id of named) removed.add(id);
		}
	}
	return { students: members.size, negative, removals, pupilsRemoved: removed.size };
}

/**
 * Negative events and removals this half term by each characteristic, in aggregate only. A group
 * of one to four students is suppressed whole and any count from 1 to 4 is hidden; then, in
 * each measure, enough other groups are hidden that no hidden figure can be worked out from the
 * total and the rest (`complementarySuppression`). A rate is given only where both its counts are.
 */
export function characteristicRows(students: ReadonlyMap<string, Student>, facts: readonly Fact[]): CharacteristicRow[] {
	const rows: CharacteristicRow[] = [];
	for (const c of CHARACTERISTICS) {
		const members = new Map<string, Set<string>>(c.groups.map(([key]) => [key, new Set<string>()]));
		for (const s of students.values()) members.get(c.of(s))?.add(s.id);
		const groups = c.groups.filter(([key]) => key !== c.omitWhenEmpty || (members.get(key)?.size ?? 0) > 0);
		const counts = groups.map(([key]) => countsOf(members.get(key) ?? new Set(), facts));
		// An empty group says nothing about any child: it is shown as nought, not suppressed.
		const wholly = counts.map((n) => n.students > 0 && n.students < SUPPRESS_BELOW);
		const hidden = {} as Record<Measure, boolean[]>;
		for (const m of MEASURES)
			hidden[m] = complementarySuppression(
				counts.map((n) => n[m]),
				counts.map((n, i) => wholly[i] === true || small(n[m])),
				SUPPRESS_BELOW
			);
		// Pupils removed is nought exactly when removals are: one hidden where the other shows would give it away, so they hide together.
		hidden.removals = hidden.pupilsRemoved = hidden.removals.map((h, i) => h || hidden.pupilsRemoved[i] === true);
		groups.forEach(([key, label], i) => {
			const n = counts[i] as Counts;
			const show = (m: Measure) => (hidden[m][i] ? null : n[m]);
			const students = show('students');
			const removals = show('removals');
			rows.push({
				characteristic: c.name,
				key,
				label,
				students,
				suppressed: wholly[i] === true,
				thisHalf: { negative: show('negative'), removals, pupilsRemoved: show('pupilsRemoved') },
				removalsPer100: students === null || removals === null || students === 0 ? null : Math.round((removals / students) * 1000) / 10
			});
		});
	}
	return rows;
}
