import { describe, expect, it } from 'vitest';
import { csvCell } from './csv-cell';

describe('a CSV cell', () => {
	it('quotes commas, quotes and line breaks', () => {
		expect(csvCell('Stone, Amy')).toBe('"Stone, Amy"');
		expect(csvCell('said "ill"')).toBe('"said ""ill"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
	});

	it('keeps text a spreadsheet would run as a formula as text', () => {
		for (const formula of ['=1+1', '+44 7700', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(formula).replace(/^"/, '').startsWith("'")).toBe(true);
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
	});

	it('writes numbers and booleans as they are, and nothing for none', () => {
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell(true)).toBe('true');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
	});
});
