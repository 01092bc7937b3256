import { parse } from 'csv-parse/sync';
import { CSV_FILES, OPTIONAL_COLUMNS, type CsvFileName, type CsvRow } from './csv-files';
import { ImportError } from './decode';

export interface Row<F extends CsvFileName> {
	line: number;
	value: CsvRow<F>;
	/** 1-based column of a header name, for errors found after reading. */
	column: (name: string) => number;
}

export type Progress = (file: string, done: number, total: number) => void;

const MAX_ERRORS = 50;

/** Reads one CSV: the header must hold every required column; each row is validated on its own. */
export function readCsv<F extends CsvFileName>(file: F, text: string, errors: ImportError[], progress?: Progress): Row<F>[] {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		// csv-parse types do not narrow the result on `info: true`.
		records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: false, bom: true }) as unknown as typeof records;
	} catch (err) {
		const e = err as { code?: string; lines?: number; bytes?: number; message: string };
		if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
			// Found at the end of the file; the quote opened on the line after the last whole record.
			const line = text.slice(0, e.bytes ?? 0).split('\n').length;
			errors.push(new ImportError(file, line, null, 'has a quote that opens here and never closes'));
		} else errors.push(new ImportError(file, e.lines ?? 1, null, e.message));
		return [];
	}
	const [head, ...body] = records;
	if (!head) {
		errors.push(new ImportError(file, 1, null, 'is empty: it needs a header row'));
		return [];
	}
	const schema = CSV_FILES[file];
	const header = head.record.map((h) => h.trim().toLowerCase());
	const column = (name: string) => header.indexOf(name) + 1;
	const missing = Object.keys(schema.shape).filter((c) => !header.includes(c) && !OPTIONAL_COLUMNS.has(c));
	if (missing.length > 0) {
		errors.push(new ImportError(file, 1, null, `has no column ${missing.join(', ')} (the header is: ${header.join(', ')})`));
		return [];
	}
	const rows: Row<F>[] = [];
	body.forEach(({ record, info }, i) => {
		if (errors.length >= MAX_ERRORS) return;
		const raw = Object.fromEntries(Object.keys(schema.shape).map((c) => [c, column(c) ? (record[column(c) - 1] ?? '').trim() : '']));
		const parsed = schema.safeParse(raw);
		if (parsed.success) rows.push({ line: info.lines, value: parsed.data as CsvRow<F>, column });
		else {
			for (const issue of parsed.error.issues) {
				const name = String(issue.path[0] ?? '');
				errors.push(new ImportError(file, info.lines, column(name) || null, `${name} ${issue.message} (${JSON.stringify(raw[name] ?? '')})`));
			}
		}
		if (progress && (i % 500 === 0 || i === body.length - 1)) progress(file, i + 1, body.length);
	});
	return rows;
}
