import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSchool } from './school-import';

const DIR = new URL('../../../simulators/northfield/', import.meta.url);
const sample = (): Record<string, string> => Object.fromEntries(readdirSync(DIR).map((n) => [n, readFileSync(new URL(n, DIR), 'utf8')]));
const NOW = new Date('2026-11-23T07:00:00Z');

const imported = (terms: string | undefined) => {
	const files = sample();
	if (terms === undefined) delete files['terms.csv'];
	else files['terms.csv'] = `term,half,starts,ends\n${terms}`;
	return importSchool('northfield', files, NOW);
};

describe('terms.csv', () => {
	it('carries the half terms into reference data, the term in any case', () => {
		const result = imported('Autumn,1,2026-09-02,2026-10-23\nautumn,2,2026-11-02,2026-12-18\n');
		if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
		const [reference] = result.events;
		expect(reference?.type === 'reference:updated' && reference.terms).toEqual([
			{ term: 'autumn', half: 1, starts: '2026-09-02', ends: '2026-10-23' },
			{ term: 'autumn', half: 2, starts: '2026-11-02', ends: '2026-12-18' }
		]);
		expect(result.summary.terms).toBe(2);
	});

	it('leaves the terms as they were when the file is not sent', () => {
		const result = imported(undefined);
		expect(result.ok && result.events[0]?.type === 'reference:updated' && 'terms' in result.events[0]).toBe(false);
	});

	it('refuses a third half and an unknown term, each at its row', () => {
		const result = imported('autumn,3,2026-11-02,2026-12-18\nwinter,1,2027-01-05,2027-02-12\n');
		expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
			expect.stringMatching(/^terms\.csv:2:2 half/) as string,
			expect.stringMatching(/^terms\.csv:3:1 term/) as string
		]);
	});

	it('refuses a half term ending before it starts, once every file reads', () => {
		const result = imported('autumn,1,2026-09-02,2026-09-01\n');
		expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(['terms.csv:2:4 ends 2026-09-01 before it starts (2026-09-02)']);
	});
});
