import { ImportError } from './decode';
import type { Row } from './read-csv';

/**
 * What makes a set of half terms unusable, each against its row: one ending before it starts, or
 * two overlapping (a date must be in one half term at most).
 */
export function termProblems(rows: readonly Row<'terms.csv'>[]): ImportError[] {
	const problems: ImportError[] = [];
	for (const r of rows) {
		if (r.value.ends < r.value.starts)
			problems.push(new ImportError('terms.csv', r.line, r.column('ends'), `ends ${r.value.ends} before it starts (${r.value.starts})`));
	}
	const sorted = [...rows].sort((a, b) => a.value.starts.localeCompare(b.value.starts));
	for (let i = 1; i < sorted.length; i++) {
		const before = sorted[i - 1] as Row<'terms.csv'>;
		const r = sorted[i] as Row<'terms.csv'>;
		if (r.value.starts <= before.value.ends)
			problems.push(
				new ImportError(
					'terms.csv',
					r.line,
					r.column('starts'),
					`starts ${r.value.starts}, inside the half term of line ${before.line} (to ${before.value.ends})`
				)
			);
	}
	return problems;
}
