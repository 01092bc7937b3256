import { describe, expect, it } from 'vitest';
import type { CharacteristicRow, Student } from '../../../protocol';
import { characteristicRows, CHARACTERISTICS, SUPPRESS_BELOW } from './characteristics';
import type { Fact } from './facts';
import { patternsCsv } from './patterns-csv';
import { complementarySuppression } from './suppression';

/** A small seeded generator (mulberry32), so each generated school is the same on every run. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A school of `size` pupils, about 13% on SEN support and 3% with an EHC plan, a quarter FSM, some unrecorded; and a half term's facts. */
function generatedSchool(seed: number, size: number): { students: Map<string, Student>; facts: Fact[] } {
	const next = random(seed);
	const students = new Map<string, Student>();
	for (let i = 0; i < size; i++) {
		const r = next();
		const send = r < 0.03 ? 'ehcp' : r < 0.16 ? 'sen_support' : 'none';
		const f = next();
		const fsm = f < 0.02 ? undefined : f < 0.27;
		const id = `S${i}`;
		students.set(id, {
			id,
			givenName: id,
			familyName: 'Test',
			yearGroup: 7 + (i % 5),
			formGroup: '7X',
			flags: { sen: false, medical: false, safeguarding: false, send, fsm }
		});
	}
	const ids = [...students.keys()];
	// A few pupils account for most removals, as in schools: pick from a skewed share of the roll.
	const pupil = () => ids[Math.floor(ids.length * next() ** 3)] as string;
	const facts: Fact[] = [];
	const events = Math.floor(next() * size * 0.6);
	for (let i = 0; i < events; i++) {
		const kind = next() < 0.7 ? 'negative' : 'removals';
		const studentIds = next() < 0.1 ? [pupil(), pupil()] : [pupil()];
		facts.push({
			kind,
			date: '2026-11-16',
			at: 0,
			periodId: 'P1',
			staffId: 'T1',
			roomId: 'M1',
			subject: null,
			studentIds: [...new Set(studentIds)],
			minutes: 0,
			category: null
		});
	}
	return { students, facts };
}

type Measure = 'students' | 'negative' | 'removals' | 'pupilsRemoved';
const MEASURES: readonly Measure[] = ['students', 'negative', 'removals', 'pupilsRemoved'];
const shownOf = (r: CharacteristicRow, m: Measure) => (m === 'students' ? r.students : r.thisHalf[m]);

/** Each group's true figures, counted here independently of the code under test. */
function truth(students: ReadonlyMap<string, Student>, facts: readonly Fact[], characteristic: string, key: string): Record<Measure, number> {
	const c = CHARACTERISTICS.find((x) => x.name === characteristic);
	const members = new Set([...students.values()].filter((s) => c?.of(s) === key).map((s) => s.id));
	const count = (kind: Fact['kind']) => facts.filter((f) => f.kind === kind).reduce((n, f) => n + f.studentIds.filter((id) => members.has(id)).length, 0);
	const removed = new Set(facts.filter((f) => f.kind === 'removals').flatMap((f) => f.studentIds.filter((id) => members.has(id))));
	return { students: members.size, negative: count('negative'), removals: count('removals'), pupilsRemoved: removed.size };
}

/**
 * What a reader could work out of one breakdown, knowing its total (as the roll, the page's
 * removals or another characteristic's full breakdown give it away): each hidden cell's range from
 * the total less the shown cells, less what the other hidden cells can at most and at least hold
 * (from 1 to 4 pupils in a group shown as "fewer than 5", at most the group's shown size of pupils
 * removed). Returns the hidden cells whose range narrows to one value.
 */
function recovered(all: readonly CharacteristicRow[], measure: Measure, total: number): { key: string; value: number }[] {
	// A group shown with no students holds nothing; when one group holds the whole roll its figures are the school's, which the page gives anyway.
	const rows = all.filter((r) => r.students !== 0);
	if (rows.length < 2) return [];
	const hidden = rows.filter((r) => shownOf(r, measure) === null);
	const rest = total - rows.reduce((n, r) => n + (shownOf(r, measure) ?? 0), 0);
	const upper = (r: CharacteristicRow) => {
		if (r.suppressed && (measure === 'students' || measure === 'pupilsRemoved')) return SUPPRESS_BELOW - 1;
		if (measure === 'pupilsRemoved' && r.students !== null) return Math.min(r.students, r.thisHalf.removals ?? Infinity);
		return Infinity;
	};
	// A suppressed group is not empty (an empty one is shown as nought).
	const lower = (r: CharacteristicRow) => (r.suppressed && measure === 'students' ? 1 : 0);
	const out: { key: string; value: number }[] = [];
	for (const r of hidden) {
		const others = hidden.filter((o) => o !== r);
		const low = Math.max(lower(r), rest - others.reduce((n, o) => n + upper(o), 0));
		const high = Math.min(upper(r), rest - others.reduce((n, o) => n + lower(o), 0));
		if (low === high) out.push({ key: `${r.characteristic}:${r.key}`, value: low });
	}
	return out;
}

describe('complementary suppression', () => {
	const hide = (values: number[]) =>
		complementarySuppression(
			values,
			values.map((v) => v > 0 && v < SUPPRESS_BELOW),
			SUPPRESS_BELOW
		);

	it('hides the next smallest cell when only one is small: 77 removed, 66 and 8 shown would give away the 3', () => {
		expect(hide([66, 8, 3])).toEqual([false, true, true]);
	});

	it('hides both cells of a breakdown of two', () => {
		expect(hide([40, 2])).toEqual([true, true]);
	});

	it('keeps hiding until the hidden cells hold at least five between them, passing over zeros while it can', () => {
		expect(hide([0, 1, 2, 30, 9])).toEqual([false, true, true, false, true]);
		expect(hide([0, 1, 1])).toEqual([true, true, true]);
	});

	it('hides nothing when nothing is small', () => {
		expect(hide([0, 12, 7])).toEqual([false, false, false]);
	});

	it('in a breakdown with one small cell, suppresses a second for every measure', () => {
		const students = new Map<string, Student>();
		const add = (id: string, send: 'none' | 'sen_support' | 'ehcp', fsm: boolean) =>
			students.set(id, {
				id,
				givenName: id,
				familyName: 'Test',
				yearGroup: 9,
				formGroup: '9X',
				flags: { sen: false, medical: false, safeguarding: false, send, fsm }
			});
		for (let i = 0; i < 60; i++) add(`N${i}`, 'none', i < 15);
		for (let i = 0; i < 10; i++) add(`S${i}`, 'sen_support', i < 5);
		for (let i = 0; i < 7; i++) add(`E${i}`, 'ehcp', i < 2);
		const removal = (id: string): Fact => ({
			kind: 'removals',
			date: '2026-11-16',
			at: 0,
			periodId: 'P1',
			staffId: 'T1',
			roomId: 'M1',
			subject: null,
			studentIds: [id],
			minutes: 0,
			category: null
		});
		// 66 pupils removed with no SEND (a few twice), 8 on SEN support, 3 with an EHC plan: the finding that started this.
		const facts = [...Array.from({ length: 60 }, (_, i) => removal(`N${i}`)), ...['N0', 'N1', 'N2', 'N3', 'N4', 'N5'].map(removal)];
		facts.push(...['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'].map(removal), ...['E0', 'E1', 'E2'].map(removal));
		const rows = characteristicRows(students, facts).filter((r) => r.characteristic === 'send');
		const by = (key: string) => rows.find((r) => r.key === key);
		expect(by('ehcp')?.thisHalf.removals).toBeNull();
		expect(by('sen_support')?.thisHalf.removals).toBeNull();
		expect(by('sen_support')?.thisHalf.pupilsRemoved).toBeNull();
		expect(by('none')?.thisHalf).toMatchObject({ removals: 66, pupilsRemoved: 60 });
		// Seven with an EHC plan are shown, so the students column needs no hiding; its rate goes with its hidden removals.
		expect(by('ehcp')).toMatchObject({ students: 7, suppressed: false, removalsPer100: null });
		expect(by('sen_support')?.removalsPer100).toBeNull();
		expect(recovered(rows, 'removals', 77)).toEqual([]);
		// The helper does find the leak when only the small cell is hidden, as the page used to.
		const primaryOnly = rows.map((r) => (r.key === 'sen_support' ? { ...r, thisHalf: { ...r.thisHalf, removals: 8 } } : r));
		expect(recovered(primaryOnly, 'removals', 77)).toEqual([{ key: 'send:ehcp', value: 3 }]);
	});

	it('never lets a value from 1 to 4 be worked out from a total, in any breakdown of hundreds of generated schools', () => {
		let breakdowns = 0;
		let hiddenSeen = 0;
		for (let seed = 1; seed <= 400; seed++) {
			const { students, facts } = generatedSchool(seed, 12 + ((seed * 37) % 400));
			const rows = characteristicRows(students, facts);
			for (const c of CHARACTERISTICS) {
				const of = rows.filter((r) => r.characteristic === c.name);
				for (const m of MEASURES) {
					const total = of.reduce((n, r) => n + truth(students, facts, c.name, r.key)[m], 0);
					breakdowns += 1;
					hiddenSeen += of.filter((r) => shownOf(r, m) === null).length;
					const found = recovered(of, m, total).filter((x) => x.value > 0 && x.value < SUPPRESS_BELOW);
					expect(found, `seed ${seed}, ${c.name} ${m}`).toEqual([]);
					// What is shown is true, and nothing from 1 to 4 is shown.
					for (const r of of) {
						const shown = shownOf(r, m);
						if (shown !== null) expect(shown).toBe(truth(students, facts, c.name, r.key)[m]);
						expect(shown === null || shown === 0 || shown >= SUPPRESS_BELOW).toBe(true);
					}
				}
				// A rate only beside both of the counts it comes from.
				for (const r of of) if (r.removalsPer100 !== null) expect(r.students !== null && r.thisHalf.removals !== null).toBe(true);
			}
		}
		expect(breakdowns).toBe(400 * CHARACTERISTICS.length * MEASURES.length);
		expect(hiddenSeen).toBeGreaterThan(1_000);
	});

	it('the CSV leaves every hidden figure blank, the same as the page', () => {
		const { students, facts } = generatedSchool(11, 150);
		const characteristics = characteristicRows(students, facts);
		const empty = { thisHalf: 0, lastHalf: 0 };
		const csv = patternsCsv({
			school: 'spec',
			date: '2026-11-20',
			thisHalf: { term: 'autumn', half: 2, starts: '2026-11-02', ends: '2026-12-18' },
			lastHalf: null,
			suppressBelow: SUPPRESS_BELOW,
			groups: { teacher: [], subject: [], year: [], period: [], weekday: [], room: [] },
			characteristics,
			removals: {
				removals: empty,
				pupilsRemoved: empty,
				pupilsRemovedRepeatedly: 0,
				repeatShare: null,
				minutesOutOfLessons: empty,
				perDay: { thisHalf: null, lastHalf: null },
				trend: 'unknown',
				weeks: []
			}
		});
		const lines = csv.trim().split('\r\n');
		for (const r of characteristics) {
			const cells = lines.find((l) => l.startsWith(`${r.characteristic},${r.key},`))?.split(',') ?? [];
			const [, , , negative, removals, , , , , pupils, , removed, per100] = cells;
			expect([pupils, negative, removals, removed, per100]).toEqual(
				[r.students, r.thisHalf.negative, r.thisHalf.removals, r.thisHalf.pupilsRemoved, r.removalsPer100].map((n) => (n === null ? '' : String(n)))
			);
		}
		expect(characteristics.some((r) => r.thisHalf.removals === null)).toBe(true);
	});
});
