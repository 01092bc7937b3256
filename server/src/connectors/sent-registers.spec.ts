import { describe, expect, it } from 'vitest';
import { readSentLessons } from './connector-state';
import { emptySentLessons, pruneSentLessons, registerFor } from './sent-registers';

describe('sent registers', () => {
	it('a lesson first sent is its marks alone; a later mark is merged over the held ones, the register whole', () => {
		const sent = emptySentLessons();
		const first = registerFor(sent, 'L1', '2026-11-20', [
			{ studentId: 'A', code: '/' },
			{ studentId: 'B', code: '/' }
		]);
		expect(first).toEqual({
			marks: [
				{ studentId: 'A', code: '/' },
				{ studentId: 'B', code: '/' }
			],
			merged: null
		});
		const corrected = registerFor(sent, 'L1', '2026-11-23', [{ studentId: 'B', code: 'L', minutesLate: 5 }]);
		expect(corrected.marks).toEqual([
			{ studentId: 'A', code: '/' },
			{ studentId: 'B', code: 'L', minutesLate: 5 }
		]);
		expect(corrected.merged).toMatch(/^[0-9a-f]{20}$/);
		expect(sent.lessons.L1).toEqual({ date: '2026-11-20', marks: corrected.marks });
		// Another correction, another register: another digest.
		expect(registerFor(sent, 'L1', '2026-11-23', [{ studentId: 'B', code: 'M' }]).merged).not.toBe(corrected.merged);
		// The whole register again (a page read twice): no digest, the first id.
		expect(
			registerFor(sent, 'L1', '2026-11-23', [
				{ studentId: 'A', code: '/' },
				{ studentId: 'B', code: 'M' }
			]).merged
		).toBeNull();
	});

	it('keeps the 14 days up to the latest lesson held', () => {
		const sent = emptySentLessons();
		registerFor(sent, 'old', '2026-11-05', [{ studentId: 'A', code: '/' }]);
		registerFor(sent, 'edge', '2026-11-06', [{ studentId: 'A', code: '/' }]);
		registerFor(sent, 'new', '2026-11-20', [{ studentId: 'A', code: '/' }]);
		expect(Object.keys(pruneSentLessons(sent).lessons)).toEqual(['edge', 'new']);
		expect(pruneSentLessons(emptySentLessons())).toEqual(emptySentLessons());
	});

	it('what was stored is checked on read, a bad mark named', () => {
		expect(readSentLessons(null, 'x')).toEqual(emptySentLessons());
		const good = JSON.stringify({ lessons: { L1: { date: '2026-11-20', marks: [{ studentId: 'A', code: '/' }] } } });
		expect(readSentLessons(good, 'x').lessons.L1?.marks).toHaveLength(1);
		const bad = JSON.stringify({ lessons: { L1: { date: '2026-11-20', marks: [{ studentId: 'A', code: 'H' }] } } });
		expect(() => readSentLessons(bad, 'sent-lessons.json')).toThrow(/^sent-lessons\.json: lessons\.L1\.marks\.0\.code .*remove it/);
	});
});
